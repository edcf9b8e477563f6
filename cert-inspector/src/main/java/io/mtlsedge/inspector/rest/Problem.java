package io.mtlsedge.inspector.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem detail, served as {@code application/problem+json}.
 *
 * @param type a URI naming the kind of problem
 * @param title a short summary of that kind
 * @param status the HTTP status
 * @param detail what went wrong this time
 * @param errors the fields at fault, if any
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
    String type, String title, int status, String detail, List<FieldError> errors) {

  /** The media type of problem details. */
  public static final String MEDIA_TYPE = "application/problem+json";

  public Problem {
    errors = errors == null ? List.of() : List.copyOf(errors);
  }

  /** A 400 for a request with fields at fault. */
  public static Problem invalidRequest(List<FieldError> errors) {
    String detail =
        errors.size() == 1
            ? "The field " + errors.get(0).field() + " " + errors.get(0).message() + "."
            : errors.size() + " fields are invalid.";
    return new Problem(
        "urn:mtls-edge:problem:invalid-request", "Invalid request", 400, detail, errors);
  }

  /** A problem of this HTTP status, typed {@code urn:mtls-edge:problem:<slug>}. */
  public static Problem of(String slug, String title, int status, String detail) {
    return new Problem("urn:mtls-edge:problem:" + slug, title, status, detail, List.of());
  }

  /** A 404. */
  public static Problem notFound(String detail) {
    return new Problem("urn:mtls-edge:problem:not-found", "Not found", 404, detail, List.of());
  }

  /**
   * One field at fault.
   *
   * @param field the field's name, as in the request
   * @param message what is wrong with it
   */
  public record FieldError(String field, String message) {}
}
