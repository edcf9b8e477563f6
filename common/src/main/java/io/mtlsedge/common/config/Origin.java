package io.mtlsedge.common.config;

/**
 * An origin that a cache behavior forwards to.
 *
 * @param id unique within the distribution
 * @param url scheme, host and port, for example {@code http://app.internal:8080}
 * @param tls TLS settings for {@code https} origins, or null
 */
public record Origin(String id, String url, OriginTls tls) {}
