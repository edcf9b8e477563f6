package io.mtlsedge.config.problem;

import io.mtlsedge.common.problem.FieldError;
import io.mtlsedge.common.problem.Problem;
import java.util.List;

/** A request the API refuses, with the problem details to answer. */
public class ProblemException extends RuntimeException {

  private final transient Problem problem;

  public ProblemException(int status, String kind, String title, String detail) {
    this(status, kind, title, detail, List.of());
  }

  public ProblemException(
      int status, String kind, String title, String detail, List<FieldError> errors) {
    super(detail, null, false, false);
    this.problem = new Problem("urn:mtls-edge:problem:" + kind, title, status, detail, errors);
  }

  /** The body to answer with. */
  public Problem problem() {
    return problem;
  }

  /** 400: the body does not validate. */
  public static ProblemException invalid(List<FieldError> errors) {
    String detail =
        errors.size() == 1
            ? describe(errors.get(0))
            : errors.size() + " fields are invalid: " + describe(errors.get(0)) + "; ...";
    return new ProblemException(400, "invalid-request", "Invalid request", detail, errors);
  }

  /** 400 for one field. */
  public static ProblemException invalid(String field, String message) {
    return invalid(List.of(new FieldError(field, message)));
  }

  /** 404. */
  public static ProblemException notFound(String what) {
    return new ProblemException(404, "not-found", "Not found", what + " does not exist");
  }

  /** 409: the write contradicts another resource. */
  public static ProblemException conflict(String detail, List<FieldError> errors) {
    return new ProblemException(409, "conflict", "Conflict", detail, errors);
  }

  /** 412: {@code If-Match} names another version. */
  public static ProblemException preconditionFailed(String ifMatch, long current) {
    return new ProblemException(
        412,
        "precondition-failed",
        "Precondition failed",
        "If-Match " + ifMatch + " does not match the current ETag \"" + current + "\"");
  }

  /** 428: an update or delete without {@code If-Match}. */
  public static ProblemException preconditionRequired() {
    return new ProblemException(
        428,
        "precondition-required",
        "Precondition required",
        "updates and deletes need an If-Match header with the resource's ETag");
  }

  /** 413: the resource is larger than the config topic takes. */
  public static ProblemException tooLarge(String detail) {
    return new ProblemException(413, "content-too-large", "Content too large", detail);
  }

  /** 503: the store cannot take writes now. */
  public static ProblemException unavailable(String detail) {
    return new ProblemException(503, "unavailable", "Service unavailable", detail);
  }

  private static String describe(FieldError error) {
    return error.field().isEmpty() ? error.message() : error.field() + ": " + error.message();
  }
}
