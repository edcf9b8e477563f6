package io.mtlsedge.config.auth;

import io.mtlsedge.common.problem.Problem;
import io.mtlsedge.config.config.ServiceConfig;
import io.mtlsedge.config.problem.ProblemException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Lets a request through to the API only with {@code Authorization: Bearer <admin token>}. It runs
 * on every REST request; the {@code /q/*} endpoints (health, OpenAPI, metrics) are not REST
 * resources and stay open.
 */
public class BearerTokenFilter {

  private static final String SCHEME = "Bearer ";

  private final byte[] expectedDigest;

  BearerTokenFilter(ServiceConfig config) {
    this.expectedDigest = sha256(config.config().adminToken());
  }

  @ServerRequestFilter(preMatching = true)
  Optional<Response> authenticate(ContainerRequestContext request) {
    String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (authorization == null) {
      return Optional.of(refuse("a bearer token is required", "Bearer realm=\"mtls-edge\""));
    }
    boolean bearer = authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    String token = bearer ? authorization.substring(SCHEME.length()).trim() : "";
    // Digests of equal length, compared in constant time, say nothing about the token's length.
    if (!bearer || !MessageDigest.isEqual(expectedDigest, sha256(token))) {
      return Optional.of(
          refuse(
              "the bearer token is not valid",
              "Bearer realm=\"mtls-edge\", error=\"invalid_token\""));
    }
    return Optional.empty();
  }

  private static Response refuse(String detail, String challenge) {
    Problem problem = new ProblemException(401, "unauthorized", "Unauthorized", detail).problem();
    return Response.status(401)
        .type(Problem.MEDIA_TYPE)
        .header(HttpHeaders.WWW_AUTHENTICATE, challenge)
        .entity(problem)
        .build();
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
