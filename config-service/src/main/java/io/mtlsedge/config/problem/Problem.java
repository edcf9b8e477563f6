package io.mtlsedge.config.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem details body, {@code application/problem+json}.
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

  public Problem {
    errors = errors == null ? List.of() : List.copyOf(errors);
  }
}
