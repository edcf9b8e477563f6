package io.mtlsedge.common.config;

/**
 * Time-to-live bounds in seconds, and the cache key.
 *
 * @param minTtl lower bound on what the origin's Cache-Control asks for
 * @param defaultTtl TTL when the origin says nothing
 * @param maxTtl upper bound on what the origin's Cache-Control asks for
 * @param key the cache key
 */
public record CacheSettings(Long minTtl, Long defaultTtl, Long maxTtl, CacheKey key) {

  public CacheSettings {
    minTtl = minTtl == null ? 0L : minTtl;
    defaultTtl = defaultTtl == null ? 0L : defaultTtl;
    maxTtl = maxTtl == null ? 0L : maxTtl;
    key = key == null ? new CacheKey(null, null, null) : key;
  }
}
