package io.mtlsedge.common.config;

/**
 * How the origin validates forwarded chains, so that the inspector can do the same.
 *
 * @param trustStoreId the trust store the origin validates against
 */
public record OriginValidation(String trustStoreId) {}
