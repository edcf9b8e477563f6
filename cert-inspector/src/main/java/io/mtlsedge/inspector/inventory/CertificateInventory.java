package io.mtlsedge.inspector.inventory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.mtlsedge.inspector.config.InspectorConfig;
import io.mtlsedge.inspector.validation.VerdictCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every distinct client certificate seen, by leaf SHA-256, held in memory: it starts empty after a
 * restart. Bounded: past {@code mtls.inspector.max-inventory} entries, the one whose latest
 * connection was recorded longest ago leaves, an entry without a {@code valid} verdict first, so
 * that a flood of fresh self-signed certificates cannot push out the known good ones. Thread-safe:
 * entries are immutable; writes are serialized, reads are not.
 */
@ApplicationScoped
public class CertificateInventory {

  /** Latest connection first, then by hash, so that pages are stable. */
  private static final Comparator<CertificateRecord> LATEST_FIRST =
      Comparator.comparing(CertificateRecord::lastSeen)
          .reversed()
          .thenComparing(CertificateRecord::sha256);

  private final Map<String, CertificateRecord> entries = new ConcurrentHashMap<>();
  // Hashes in the order their latest connection was recorded, oldest first; guarded by this.
  private final LinkedHashSet<String> validOrder = new LinkedHashSet<>();
  private final LinkedHashSet<String> otherOrder = new LinkedHashSet<>();
  private final InventoryTally tally = new InventoryTally();
  private final int capacity;
  private final Counter evictions;

  @Inject
  CertificateInventory(InspectorConfig config, MeterRegistry registry) {
    this(config.inspector().maxInventory(), registry);
  }

  /**
   * An inventory.
   *
   * @param capacity most entries held
   * @param registry where the count of evicted entries goes
   */
  public CertificateInventory(int capacity, MeterRegistry registry) {
    if (capacity < 1) {
      throw new IllegalArgumentException("the inventory must hold at least one certificate");
    }
    this.capacity = capacity;
    this.evictions = registry.counter("inspector.inventory.evicted");
  }

  /** Records one connection. */
  public synchronized CertificateRecord record(Sighting sighting) {
    String sha256 = sighting.sha256();
    CertificateRecord known = entries.get(sha256);
    CertificateRecord updated =
        known == null ? CertificateRecord.first(sighting) : known.plus(sighting);
    entries.put(sha256, updated);
    if (known != null) {
      tally.remove(known);
    }
    tally.add(updated);
    validOrder.remove(sha256);
    otherOrder.remove(sha256);
    (updated.verdict() == VerdictCode.VALID ? validOrder : otherOrder).add(sha256);
    while (entries.size() > capacity) {
      evictOne();
    }
    return updated;
  }

  private void evictOne() {
    Iterator<String> oldest = otherOrder.isEmpty() ? validOrder.iterator() : otherOrder.iterator();
    String sha256 = oldest.next();
    oldest.remove();
    tally.remove(entries.remove(sha256));
    evictions.increment();
  }

  /** The entry of this leaf SHA-256, lowercase hex. */
  public Optional<CertificateRecord> find(String sha256) {
    return Optional.ofNullable(entries.get(sha256));
  }

  /** The entries, latest connection first, all of them. */
  public List<CertificateRecord> list(
      Optional<String> distributionId, Optional<VerdictCode> verdict) {
    return list(distributionId, verdict, 0, Integer.MAX_VALUE);
  }

  /**
   * One page of the entries, latest connection first. Only {@code offset + limit} entries are kept
   * while the inventory is scanned, never a copy of all of it.
   *
   * @param distributionId only certificates presented to this distribution, when given
   * @param verdict only certificates with this verdict, when given
   * @param offset how many matching entries to skip
   * @param limit most entries to answer
   */
  public List<CertificateRecord> list(
      Optional<String> distributionId, Optional<VerdictCode> verdict, int offset, int limit) {
    long wanted = (long) offset + limit;
    if (offset >= entries.size() || limit <= 0) {
      return List.of();
    }
    // The head is the entry that would leave the page first.
    PriorityQueue<CertificateRecord> page = new PriorityQueue<>(LATEST_FIRST.reversed());
    for (CertificateRecord entry : entries.values()) {
      if (distributionId.map(entry.distributions()::contains).orElse(true)
          && verdict.map(v -> v == entry.verdict()).orElse(true)) {
        page.add(entry);
        if (page.size() > wanted) {
          page.poll();
        }
      }
    }
    List<CertificateRecord> sorted = new ArrayList<>(page);
    sorted.sort(LATEST_FIRST);
    return sorted.size() <= offset ? List.of() : List.copyOf(sorted.subList(offset, sorted.size()));
  }

  /** How many entries are held. */
  public int size() {
    return entries.size();
  }

  /** Counts by verdict and by distribution, kept up to date with every write. */
  public synchronized InventoryStats stats() {
    return tally.snapshot();
  }
}
