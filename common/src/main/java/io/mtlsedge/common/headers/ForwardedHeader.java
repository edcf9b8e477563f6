package io.mtlsedge.common.headers;

/**
 * One forwarded-certificate header.
 *
 * @param name the header name as sent to the origin
 * @param value the header value
 */
public record ForwardedHeader(String name, String value) {}
