package io.mtlsedge.common.config;

import java.util.List;

/**
 * Matches requests by path and says where they go and how they are cached.
 *
 * @param pathPattern a path pattern such as {@code /static/*}; null on the default behavior
 * @param originId the origin that serves the matching requests
 * @param allowedMethods the HTTP methods accepted; all common methods when absent
 * @param cache cache settings; nothing is cached when absent
 */
public record CacheBehavior(
    String pathPattern, String originId, List<String> allowedMethods, CacheSettings cache) {

  /** The methods a behavior allows when it names none. */
  public static final List<String> ALL_METHODS =
      List.of("GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE");

  public CacheBehavior {
    allowedMethods = allowedMethods == null ? ALL_METHODS : List.copyOf(allowedMethods);
  }
}
