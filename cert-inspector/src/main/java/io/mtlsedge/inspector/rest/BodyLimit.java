package io.mtlsedge.inspector.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.mtlsedge.common.event.Json;
import io.mtlsedge.common.problem.Problem;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers a request whose declared body is larger than {@code quarkus.http.limits.max-body-size}
 * with a 413 problem detail, before Quarkus's own check answers it with an empty body. A chunked
 * body over the limit still gets Quarkus's bare 413.
 */
@ApplicationScoped
class BodyLimit {

  // Quarkus checks the limit on a route of order -2; this one runs just before it.
  private static final int ORDER = -3;

  void install(
      @Observes Router router,
      @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
    long maxBytes = limit.asLongValue();
    router.route().order(ORDER).handler(context -> check(context, maxBytes));
  }

  private static void check(RoutingContext context, long maxBytes) {
    String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (declared == null || !isOver(declared, maxBytes)) {
      context.next();
      return;
    }
    Problem problem =
        Problem.of(
            "body-too-large",
            "Body too large",
            413,
            "The request body is larger than the limit of " + maxBytes + " bytes.");
    byte[] body;
    try {
      body = Json.mapper().writeValueAsBytes(problem);
    } catch (JsonProcessingException e) {
      body = new byte[0];
    }
    // The unread body is not drained: the connection is closed once the answer is sent.
    context
        .response()
        .setStatusCode(413)
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
        .putHeader(HttpHeaders.CONNECTION, "close")
        .endHandler(done -> context.request().connection().close())
        .end(Buffer.buffer(body));
  }

  private static boolean isOver(String declared, long maxBytes) {
    try {
      return Long.parseLong(declared.strip()) > maxBytes;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
