package io.mtlsedge.edge.catalog;

import io.mtlsedge.common.config.TrustStore;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One consistent view of the configuration an edge serves. Immutable; a new one replaces it
 * whenever a change is applied, so a handshake or request always sees a whole version.
 *
 * @param nextOffset the offset of the next config record to read
 * @param distributions served distributions by id
 * @param trustStores trust stores by id
 * @param errors config records that were rejected, by record key, with why
 */
public record Catalog(
    long nextOffset,
    Map<String, EdgeDistribution> distributions,
    Map<String, TrustStore> trustStores,
    Map<String, String> errors,
    Map<String, EdgeDistribution> byAlias) {

  static Catalog of(
      long nextOffset,
      Map<String, EdgeDistribution> distributions,
      Map<String, TrustStore> trustStores,
      Map<String, String> errors) {
    Map<String, EdgeDistribution> byAlias = new HashMap<>();
    for (EdgeDistribution distribution : distributions.values()) {
      if (distribution.distribution().enabled()) {
        for (String alias : distribution.distribution().aliases()) {
          byAlias.putIfAbsent(alias, distribution);
        }
      }
    }
    return new Catalog(
        nextOffset,
        Map.copyOf(distributions),
        Map.copyOf(trustStores),
        Map.copyOf(errors),
        Map.copyOf(byAlias));
  }

  /**
   * The enabled distribution that serves a host name: an exact alias first, then a wildcard alias
   * {@code *.example.com} one label up; null when none does.
   */
  public EdgeDistribution forHost(String host) {
    if (host == null || host.isEmpty()) {
      return null;
    }
    String name = host.toLowerCase(Locale.ROOT);
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    EdgeDistribution exact = byAlias.get(name);
    if (exact != null) {
      return exact;
    }
    int dot = name.indexOf('.');
    return dot < 0 ? null : byAlias.get("*" + name.substring(dot));
  }

  /** The distribution with this id, or null. */
  public EdgeDistribution distribution(String id) {
    return distributions.get(id);
  }
}
