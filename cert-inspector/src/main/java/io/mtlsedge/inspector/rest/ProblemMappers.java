package io.mtlsedge.inspector.rest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.mtlsedge.common.problem.FieldError;
import io.mtlsedge.common.problem.Problem;
import io.quarkus.logging.Log;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns errors into RFC 9457 problem details typed {@code urn:mtls-edge:problem:*}. Messages never
 * carry Java class names or stack traces; an unexpected error is logged and answered as a bare 500.
 */
class ProblemMappers {

  @ServerExceptionMapper
  Response problem(ProblemException e) {
    return respond(e.problem());
  }

  @ServerExceptionMapper
  Response unreadableBody(JsonProcessingException e) {
    return respond(bodyProblem(e));
  }

  // More specific than the mapper Quarkus brings for this type, which echoes Jackson's message.
  @ServerExceptionMapper
  Response mismatchedBody(MismatchedInputException e) {
    return respond(bodyProblem(e));
  }

  // The JSON reader reports a body that does not parse as a 400 with the parser's error inside.
  @ServerExceptionMapper
  Response webApplication(WebApplicationException e) {
    if (e.getCause() instanceof JsonProcessingException json) {
      return respond(bodyProblem(json));
    }
    Response.StatusType status = e.getResponse().getStatusInfo();
    String title = status.getReasonPhrase() == null ? "HTTP error" : status.getReasonPhrase();
    return respond(
        Problem.of(
            slug(title),
            title,
            status.getStatusCode(),
            "The request was answered with " + status.getStatusCode() + " " + title + "."));
  }

  @ServerExceptionMapper
  Response unexpected(Throwable e) {
    Log.errorf(e, "request failed with an unexpected error");
    return respond(
        Problem.of(
            "internal-error",
            "Internal error",
            500,
            "The inspector could not answer this request; the error is logged."));
  }

  static Problem bodyProblem(JsonProcessingException e) {
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String expected =
          e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
              ? "must be " + kindOf(mismatch.getTargetType())
              : "has a value of the wrong type";
      return Problem.invalidRequest(List.of(new FieldError(fieldOf(mapping.getPath()), expected)));
    }
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      return Problem.invalidRequest(
          List.of(new FieldError("body", "must be " + kindOf(mismatch.getTargetType()))));
    }
    JsonLocation location = e.getLocation();
    String where =
        location == null || location.getLineNr() < 0
            ? ""
            : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    return Problem.invalidRequest(List.of(new FieldError("body", "is not valid JSON" + where)));
  }

  // Such as crls[0], as the field is written in the request.
  private static String fieldOf(List<JsonMappingException.Reference> path) {
    StringBuilder field = new StringBuilder();
    for (JsonMappingException.Reference reference : path) {
      if (reference.getFieldName() != null) {
        if (!field.isEmpty()) {
          field.append('.');
        }
        field.append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        field.append('[').append(reference.getIndex()).append(']');
      }
    }
    return field.isEmpty() ? "body" : field.toString();
  }

  private static String kindOf(Class<?> type) {
    if (CharSequence.class.isAssignableFrom(type) || type == char.class) {
      return "a string";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a JSON object";
    }
    return "of another type";
  }

  private static String slug(String title) {
    return title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
  }

  static Response respond(Problem problem) {
    return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
  }
}
