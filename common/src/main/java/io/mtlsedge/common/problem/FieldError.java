package io.mtlsedge.common.problem;

/**
 * One thing wrong with a request.
 *
 * @param field the path of the field at fault, such as {@code viewerMtls.mode} or {@code
 *     origins[0].url}; empty for the body as a whole
 * @param message what is wrong with it
 */
public record FieldError(String field, String message) {}
