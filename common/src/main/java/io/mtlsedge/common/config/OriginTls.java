package io.mtlsedge.common.config;

/**
 * How the edge talks TLS to an origin.
 *
 * @param trustStoreId trust store that validates the origin's server certificate
 * @param clientCertificateSecret secret with the certificate the edge presents to the origin
 */
public record OriginTls(String trustStoreId, String clientCertificateSecret) {}
