package io.mtlsedge.common.config;

import java.util.List;

/**
 * What goes into the cache key besides the path.
 *
 * @param queryStrings {@code none} or {@code all}
 * @param headers request headers in the key
 * @param clientCertificate whether the leaf certificate is part of the key
 */
public record CacheKey(String queryStrings, List<String> headers, Boolean clientCertificate) {

  public CacheKey {
    queryStrings = queryStrings == null ? "none" : queryStrings;
    headers = headers == null ? List.of() : List.copyOf(headers);
    clientCertificate = Boolean.TRUE.equals(clientCertificate);
  }
}
