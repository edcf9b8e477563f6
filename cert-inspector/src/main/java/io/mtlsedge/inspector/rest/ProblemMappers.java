package io.mtlsedge.inspector.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns errors into RFC 9457 problem details. */
class ProblemMappers {

  @ServerExceptionMapper
  Response problem(ProblemException e) {
    return respond(e.problem());
  }

  @ServerExceptionMapper
  Response unreadableBody(JsonProcessingException e) {
    return respond(bodyProblem(e));
  }

  // The JSON reader reports a body that does not parse as a 400 with the parser's error inside.
  @ServerExceptionMapper
  Response webApplication(WebApplicationException e) {
    if (e.getCause() instanceof JsonProcessingException json) {
      return respond(bodyProblem(json));
    }
    Response.StatusType status = e.getResponse().getStatusInfo();
    return respond(
        new Problem(
            "about:blank",
            status.getReasonPhrase(),
            status.getStatusCode(),
            e.getMessage(),
            List.of()));
  }

  private static Problem bodyProblem(JsonProcessingException e) {
    String message = e.getOriginalMessage() == null ? "" : ": " + e.getOriginalMessage();
    return Problem.invalidRequest(
        List.of(new Problem.FieldError("body", "is not valid JSON" + message)));
  }

  static Response respond(Problem problem) {
    return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
  }
}
