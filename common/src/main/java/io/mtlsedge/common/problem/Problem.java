package io.mtlsedge.common.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem details body, {@code application/problem+json}, as every part of mtls-edge
 * answers errors.
 *
 * @param type {@code urn:mtls-edge:problem:<kind>}
 * @param title a short summary that is the same for every problem of the type
 * @param status the HTTP status code
 * @param detail what went wrong this time
 * @param errors the fields at fault; left out when there are none
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
    String type, String title, int status, String detail, List<FieldError> errors) {

  /** The media type of problem details. */
  public static final String MEDIA_TYPE = "application/problem+json";

  /** The prefix of every problem type. */
  public static final String TYPE_PREFIX = "urn:mtls-edge:problem:";

  public Problem {
    errors = errors == null ? List.of() : List.copyOf(errors);
  }

  /** A problem typed {@code urn:mtls-edge:problem:<kind>}, with no field errors. */
  public static Problem of(String kind, String title, int status, String detail) {
    return new Problem(TYPE_PREFIX + kind, title, status, detail, List.of());
  }

  /** A 400 naming the fields at fault. */
  public static Problem invalidRequest(List<FieldError> errors) {
    String detail =
        errors.size() == 1
            ? "The field " + errors.get(0).field() + " " + errors.get(0).message() + "."
            : errors.size() + " fields are invalid.";
    return new Problem(TYPE_PREFIX + "invalid-request", "Invalid request", 400, detail, errors);
  }

  /** A 404. */
  public static Problem notFound(String detail) {
    return of("not-found", "Not found", 404, detail);
  }
}
