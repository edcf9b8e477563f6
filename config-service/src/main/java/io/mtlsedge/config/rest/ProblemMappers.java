package io.mtlsedge.config.rest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.mtlsedge.common.problem.FieldError;
import io.mtlsedge.common.problem.Problem;
import io.mtlsedge.config.problem.ProblemException;
import io.mtlsedge.config.store.ResourceTooLargeException;
import io.mtlsedge.config.store.StoreUnavailableException;
import io.quarkus.logging.Log;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into {@code application/problem+json}; no stack trace reaches a client. */
class ProblemMappers {

  private static final int RETRY_AFTER_SECONDS = 5;

  @ServerExceptionMapper
  Response problem(ProblemException e) {
    return respond(e.problem());
  }

  @ServerExceptionMapper
  Response unavailable(StoreUnavailableException e) {
    String detail =
        e.outcomeUnknown()
            ? e.getMessage()
                + "; outcome unknown: the write may have been applied, GET the resource to check"
                + " before retrying"
            : e.getMessage() + "; Kafka did not accept the write, nothing was changed, retry later";
    Problem problem = ProblemException.unavailable(detail).problem();
    return Response.fromResponse(respond(problem))
        .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
        .build();
  }

  @ServerExceptionMapper
  Response tooLarge(ResourceTooLargeException e) {
    return respond(ProblemException.tooLarge(e.getMessage() + "; nothing was changed").problem());
  }

  @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class})
  Response unreadable(JsonProcessingException e) {
    return respond(ProblemException.invalid(List.of(fieldError(e))).problem());
  }

  @ServerExceptionMapper
  Response http(WebApplicationException e) {
    if (e.getCause() instanceof JsonProcessingException json) {
      return unreadable(json);
    }
    Response original = e.getResponse();
    int status = original.getStatus();
    String reason = original.getStatusInfo().getReasonPhrase();
    String title = reason == null ? "HTTP " + status : reason;
    String kind = title.toLowerCase(Locale.ROOT).replace(' ', '-');
    Problem problem = new ProblemException(status, kind, title, e.getMessage()).problem();
    Response.ResponseBuilder response = Response.fromResponse(respond(problem));
    String allow = original.getHeaderString(HttpHeaders.ALLOW);
    if (allow != null) {
      response.header(HttpHeaders.ALLOW, allow);
    }
    return response.build();
  }

  @ServerExceptionMapper
  Response unexpected(Exception e) {
    Log.error("request failed unexpectedly", e);
    return respond(
        new ProblemException(
                500, "internal", "Internal server error", "the request failed; see the server log")
            .problem());
  }

  private static Response respond(Problem problem) {
    return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
  }

  private static FieldError fieldError(JsonProcessingException e) {
    if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
      return new FieldError("", "malformed JSON" + where(e.getLocation()));
    }
    return new FieldError(path(mapping), message(mapping));
  }

  /** The path of the field at fault, such as {@code viewerMtls.mode} or {@code origins[0].url}. */
  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String message(JsonMappingException e) {
    if (e instanceof InvalidFormatException format) {
      return "'" + format.getValue() + "' is not a valid " + typeName(format.getTargetType());
    }
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      return "must be " + typeName(mismatch.getTargetType());
    }
    // A creator refused the value, such as an unknown mode: its message says what is allowed.
    Throwable cause = e.getCause();
    if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
      return cause.getMessage();
    }
    return "is not valid";
  }

  private static String typeName(Class<?> type) {
    if (type == null) {
      return "value";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "a boolean";
    }
    if (type == String.class) {
      return "a string";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "a number";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    if (type.isEnum()) {
      return "one of its names";
    }
    return Map.class.isAssignableFrom(type) || type.isRecord() ? "an object" : "a value";
  }

  private static String where(JsonLocation location) {
    if (location == null || location.getLineNr() < 0) {
      return "";
    }
    return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }
}
