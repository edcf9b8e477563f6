package io.mtlsedge.common.config;

/**
 * The server certificate that the edge presents for a distribution.
 *
 * @param secretName a directory under the edge's secrets directory that holds {@code tls.crt} and
 *     {@code tls.key}, the Kubernetes TLS secret layout
 */
public record ViewerCertificate(String secretName) {}
