package io.mtlsedge.inspector.inventory;

import io.mtlsedge.inspector.inventory.InventoryStats.DistributionStats;
import io.mtlsedge.inspector.validation.VerdictCode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every distinct client certificate seen, by leaf SHA-256, held in memory: it starts empty after a
 * restart. Thread-safe: entries are immutable and replaced atomically.
 */
@ApplicationScoped
public class CertificateInventory {

  private final Map<String, CertificateRecord> entries = new ConcurrentHashMap<>();

  /** Records one connection. */
  public CertificateRecord record(Sighting sighting) {
    return entries.compute(
        sighting.sha256(),
        (sha256, known) ->
            known == null ? CertificateRecord.first(sighting) : known.plus(sighting));
  }

  /** The entry of this leaf SHA-256, lowercase hex. */
  public Optional<CertificateRecord> find(String sha256) {
    return Optional.ofNullable(entries.get(sha256));
  }

  /**
   * The entries, latest connection first.
   *
   * @param distributionId only certificates presented to this distribution, when given
   * @param verdict only certificates with this verdict, when given
   */
  public List<CertificateRecord> list(
      Optional<String> distributionId, Optional<VerdictCode> verdict) {
    return entries.values().stream()
        .filter(e -> distributionId.map(e.distributions()::contains).orElse(true))
        .filter(e -> verdict.map(v -> v == e.verdict()).orElse(true))
        .sorted(
            Comparator.comparing(CertificateRecord::lastSeen)
                .reversed()
                .thenComparing(CertificateRecord::sha256))
        .toList();
  }

  /** Counts by verdict and by distribution. */
  public InventoryStats stats() {
    List<CertificateRecord> snapshot = List.copyOf(entries.values());
    Map<String, Long> byVerdict = new TreeMap<>();
    Map<String, long[]> perDistribution = new TreeMap<>();
    Map<String, Map<String, Long>> verdictsPerDistribution = new TreeMap<>();
    long connections = 0;
    for (CertificateRecord entry : snapshot) {
      String verdict = entry.verdict().wireName();
      byVerdict.merge(verdict, 1L, Long::sum);
      connections += entry.connections();
      for (var seen : entry.connectionsByDistribution().entrySet()) {
        long[] counts = perDistribution.computeIfAbsent(seen.getKey(), k -> new long[2]);
        counts[0]++;
        counts[1] += seen.getValue();
        verdictsPerDistribution
            .computeIfAbsent(seen.getKey(), k -> new TreeMap<>())
            .merge(verdict, 1L, Long::sum);
      }
    }
    Map<String, DistributionStats> byDistribution = new TreeMap<>();
    perDistribution.forEach(
        (id, counts) ->
            byDistribution.put(
                id, new DistributionStats(counts[0], counts[1], verdictsPerDistribution.get(id))));
    return new InventoryStats(snapshot.size(), connections, byVerdict, byDistribution);
  }
}
