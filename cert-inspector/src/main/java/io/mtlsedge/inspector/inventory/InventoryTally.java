package io.mtlsedge.inspector.inventory;

import io.mtlsedge.inspector.inventory.InventoryStats.DistributionStats;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counts behind {@link InventoryStats}, updated as entries come, change and leave, so that
 * statistics never scan the inventory. Not thread-safe: the inventory guards it.
 */
final class InventoryTally {

  private static final class Counts {
    long certificates;
    long connections;
    final Map<String, Long> byVerdict = new HashMap<>();

    void add(int sign, long connectionCount, String verdict) {
      certificates += sign;
      connections += sign * connectionCount;
      byVerdict.merge(verdict, (long) sign, Long::sum);
      byVerdict.remove(verdict, 0L);
    }
  }

  private final Counts total = new Counts();
  private final Map<String, Counts> perDistribution = new HashMap<>();

  void add(CertificateRecord entry) {
    apply(entry, 1);
  }

  void remove(CertificateRecord entry) {
    apply(entry, -1);
  }

  private void apply(CertificateRecord entry, int sign) {
    String verdict = entry.verdict().wireName();
    total.add(sign, entry.connections(), verdict);
    for (var seen : entry.connectionsByDistribution().entrySet()) {
      Counts counts = perDistribution.computeIfAbsent(seen.getKey(), k -> new Counts());
      counts.add(sign, seen.getValue(), verdict);
      if (counts.certificates == 0) {
        perDistribution.remove(seen.getKey());
      }
    }
  }

  InventoryStats snapshot() {
    Map<String, DistributionStats> byDistribution = new TreeMap<>();
    perDistribution.forEach(
        (id, counts) ->
            byDistribution.put(
                id,
                new DistributionStats(
                    counts.certificates, counts.connections, new TreeMap<>(counts.byVerdict))));
    return new InventoryStats(
        total.certificates, total.connections, new TreeMap<>(total.byVerdict), byDistribution);
  }
}
