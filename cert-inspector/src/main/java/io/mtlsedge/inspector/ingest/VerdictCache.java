package io.mtlsedge.inspector.ingest;

import io.mtlsedge.inspector.validation.ChainValidator.Limits;
import io.mtlsedge.inspector.validation.Verdict;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verdicts by chain, trust store content and limits, so that a client that connects often is
 * validated once. A verdict only depends on time at the validity boundaries of the chain, so each
 * entry holds the span of time between two boundaries in which it stays true. A changed CA
 * certificate or CRL changes the content hash and so misses the cache, even when a trust store was
 * deleted and created again with the same id and version. Bounded, least recently used out first.
 */
final class VerdictCache {

  /**
   * What a verdict depends on besides time.
   *
   * @param chainSha256 SHA-256 over the DER of every certificate of the chain, leaf first
   * @param trustStoreSha256 SHA-256 over the trust store's PEM and CRLs
   * @param limits the size limits of the distribution
   */
  record Key(String chainSha256, String trustStoreSha256, Limits limits) {}

  private record Entry(Verdict verdict, Instant from, Instant until) {}

  private final Duration expiryWarning;
  private final Map<Key, Entry> entries;

  VerdictCache(Duration expiryWarning, int capacity) {
    this.expiryWarning = expiryWarning;
    this.entries =
        new LinkedHashMap<>(256, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
            return size() > capacity;
          }
        };
  }

  /** The cached verdict for this key at this time, if there is one. */
  synchronized Optional<Verdict> get(Key key, Instant at) {
    Entry entry = entries.get(key);
    if (entry == null || at.isBefore(entry.from()) || !at.isBefore(entry.until())) {
      return Optional.empty();
    }
    return Optional.of(entry.verdict());
  }

  /** Keeps a verdict reached at {@code at} for the chain {@code certificates}. */
  synchronized void put(Key key, Instant at, List<X509Certificate> certificates, Verdict verdict) {
    Instant from = Instant.MIN;
    Instant until = Instant.MAX;
    for (X509Certificate certificate : certificates) {
      Instant notBefore = certificate.getNotBefore().toInstant();
      Instant afterExpiry = certificate.getNotAfter().toInstant().plusMillis(1);
      for (Instant boundary : List.of(notBefore, afterExpiry, afterExpiry.minus(expiryWarning))) {
        if (!boundary.isAfter(at) && boundary.isAfter(from)) {
          from = boundary;
        } else if (boundary.isAfter(at) && boundary.isBefore(until)) {
          until = boundary;
        }
      }
    }
    entries.put(key, new Entry(verdict, from, until));
  }

  synchronized int size() {
    return entries.size();
  }
}
