package io.mtlsedge.edge.viewer;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.mtlsedge.common.config.CacheBehavior;
import io.mtlsedge.common.config.Origin;
import io.mtlsedge.common.config.TrustStore;
import io.mtlsedge.common.event.Json;
import io.mtlsedge.common.headers.ForwardedHeader;
import io.mtlsedge.common.headers.ForwardedHeaderNames;
import io.mtlsedge.common.problem.Problem;
import io.mtlsedge.edge.catalog.Catalog;
import io.mtlsedge.edge.catalog.EdgeDistribution;
import io.mtlsedge.edge.catalog.OriginTarget;
import io.mtlsedge.edge.config.EdgeSettings;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.logging.Log;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.PemTrustOptions;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Forwards a viewer request to the origin its cache behavior names, streaming both bodies, over
 * pooled keep-alive connections. Forwarded-certificate headers that the viewer sent are dropped and
 * the connection's own are added.
 */
@ApplicationScoped
public class OriginProxy {

  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-authenticate",
          "proxy-authorization",
          "proxy-connection",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "host");

  /** Set by the edge itself; a viewer's values are replaced (X-Forwarded-For is appended to). */
  private static final Set<String> SET_BY_EDGE =
      Set.of("x-forwarded-host", "x-forwarded-proto", "x-forwarded-for", "forwarded");

  private record PooledClient(long trustStoreVersion, HttpClient client) {}

  @Inject Vertx vertx;
  @Inject EdgeSettings settings;
  @Inject MeterRegistry registry;

  private final Map<String, PooledClient> clients = new ConcurrentHashMap<>();
  private final Counter[] requests = new Counter[6];
  private Timer originLatency;

  @PostConstruct
  void init() {
    originLatency = registry.timer("mtls.edge.origin.latency");
    for (int statusClass = 1; statusClass <= 5; statusClass++) {
      requests[statusClass] = registry.counter("mtls.edge.requests", "status", statusClass + "xx");
    }
  }

  void forward(HttpServerRequest request, ViewerConnection viewer, Catalog catalog) {
    EdgeDistribution distribution =
        catalog == null ? null : catalog.distribution(viewer.distributionId());
    Refusal refusal = refusal(request, distribution, catalog);
    if (refusal != null) {
      reject(request, refusal.status(), refusal.detail());
      return;
    }
    String path = request.path();
    CacheBehavior behavior = BehaviorMatcher.match(distribution.distribution(), path);
    if (behavior == null || !behavior.allowedMethods().contains(request.method().name())) {
      reject(request, 403, "method " + request.method() + " is not allowed here");
      return;
    }
    OriginTarget target = distribution.origins().get(behavior.originId());
    HttpClient client = target == null ? null : client(target.origin(), catalog);
    if (client == null) {
      reject(request, 502, "the origin of this cache behavior is not available");
      return;
    }
    send(request, viewer, distribution, target, client);
  }

  /** Why a request is answered by the edge itself. */
  private record Refusal(int status, String detail) {}

  /**
   * Why the request cannot go on, or null when it can: the distribution must still be served, the
   * Host must belong to the distribution the handshake chose (its mTLS mode applies), and the
   * target must be a plain origin-form path.
   */
  private static Refusal refusal(
      HttpServerRequest request, EdgeDistribution distribution, Catalog catalog) {
    if (distribution == null || !distribution.distribution().enabled()) {
      return new Refusal(421, "this distribution is no longer served");
    }
    HostAndPort authority = request.authority();
    if (authority == null && request.version() != HttpVersion.HTTP_1_0) {
      return new Refusal(400, "the request has no Host header");
    }
    // An HTTP/1.0 request may omit Host; it then goes to the distribution the handshake chose.
    if (authority != null && catalog.forHost(authority.host()) != distribution) {
      return new Refusal(421, "the Host header does not match the TLS server name");
    }
    String uri = request.uri();
    if (!uri.startsWith("/")) {
      return new Refusal(400, "only origin-form request targets are accepted");
    }
    String path = request.path();
    String lower = path.toLowerCase(Locale.ROOT);
    if (lower.contains("%2e")
        || lower.contains("%2f")
        || lower.contains("%5c")
        || path.contains("\\")
        || path.contains("/./")
        || path.contains("/../")
        || path.endsWith("/.")
        || path.endsWith("/..")) {
      // Cache behaviors match on the path as sent; dot segments would let a request escape one.
      return new Refusal(400, "the path holds dot segments or encoded separators");
    }
    return null;
  }

  private void send(
      HttpServerRequest request,
      ViewerConnection viewer,
      EdgeDistribution distribution,
      OriginTarget target,
      HttpClient client) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(request.method())
            .setHost(target.host())
            .setPort(target.port())
            .setSsl(target.https())
            .setURI(request.uri())
            .setConnectTimeout(settings.edge().originConnectTimeout().toMillis())
            .setIdleTimeout(settings.edge().originResponseTimeout().toMillis())
            .setHeaders(originHeaders(request, viewer, distribution, target));

    long started = System.nanoTime();
    HttpServerResponse response = request.response();
    request.pause();
    client
        .request(options)
        .onFailure(e -> originFailed(request, e))
        .onSuccess(
            originRequest -> {
              response.closeHandler(v -> originRequest.reset());
              originRequest
                  .send(request)
                  .onFailure(e -> originFailed(request, e))
                  .onSuccess(
                      originResponse -> {
                        originLatency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                        countRequest(originResponse.statusCode());
                        relay(originResponse, response);
                      });
            });
  }

  private static MultiMap originHeaders(
      HttpServerRequest request,
      ViewerConnection viewer,
      EdgeDistribution distribution,
      OriginTarget target) {
    MultiMap headers = HttpHeaders.headers();
    Set<String> listed = connectionTokens(request.headers());
    request
        .headers()
        .forEach(
            (name, value) -> {
              String lower = name.toLowerCase(Locale.ROOT);
              boolean drop =
                  HOP_BY_HOP.contains(lower)
                      || listed.contains(lower)
                      || SET_BY_EDGE.contains(lower)
                      || ForwardedHeaderNames.isReserved(lower, distribution.renamedLower());
              if (!drop) {
                headers.add(name, value);
              }
            });
    headers.set("Host", target.hostHeader());
    HostAndPort authority = request.authority();
    headers.set(
        "X-Forwarded-Host",
        authority != null ? authority.host() : distribution.distribution().aliases().get(0));
    headers.set("X-Forwarded-Proto", "https");
    String forwardedFor = request.getHeader("X-Forwarded-For");
    String client = request.remoteAddress().hostAddress();
    headers.set("X-Forwarded-For", forwardedFor == null ? client : forwardedFor + ", " + client);
    for (ForwardedHeader header : viewer.forwardedHeaders()) {
      headers.add(header.name(), header.value());
    }
    return headers;
  }

  private static void relay(HttpClientResponse originResponse, HttpServerResponse response) {
    response.setStatusCode(originResponse.statusCode());
    if (originResponse.statusMessage() != null) {
      response.setStatusMessage(originResponse.statusMessage());
    }
    Set<String> listed = connectionTokens(originResponse.headers());
    originResponse
        .headers()
        .forEach(
            (name, value) -> {
              String lower = name.toLowerCase(Locale.ROOT);
              if (!HOP_BY_HOP.contains(lower) && !listed.contains(lower)) {
                response.headers().add(name, value);
              }
            });
    response.send(originResponse);
  }

  /** Header names listed in {@code Connection}, which are hop-by-hop too (RFC 9110). */
  private static Set<String> connectionTokens(MultiMap headers) {
    Set<String> tokens = new HashSet<>();
    for (String connection : headers.getAll("Connection")) {
      for (String token : connection.split(",")) {
        tokens.add(token.trim().toLowerCase(Locale.ROOT));
      }
    }
    return tokens;
  }

  /**
   * The pooled client for an origin: the shared plain one, or one per trust store for HTTPS origins
   * that name one. Null when the named trust store is missing: the edge never falls back to another
   * trust store.
   */
  private HttpClient client(Origin origin, Catalog catalog) {
    String trustStoreId = origin.tls() == null ? null : origin.tls().trustStoreId();
    if (trustStoreId == null) {
      return clients.computeIfAbsent("", k -> new PooledClient(0, newClient(null))).client();
    }
    TrustStore trustStore = catalog.trustStores().get(trustStoreId);
    if (trustStore == null) {
      return null;
    }
    long version = trustStore.version() == null ? 0 : trustStore.version();
    PooledClient pooled =
        clients.compute(
            trustStoreId,
            (id, previous) -> {
              if (previous != null && previous.trustStoreVersion() == version) {
                return previous;
              }
              if (previous != null) {
                previous.client().close();
              }
              return new PooledClient(version, newClient(trustStore));
            });
    return pooled.client();
  }

  private HttpClient newClient(TrustStore trustStore) {
    HttpClientOptions options =
        new HttpClientOptions()
            .setKeepAlive(true)
            .setConnectTimeout((int) settings.edge().originConnectTimeout().toMillis())
            .setVerifyHost(true);
    if (trustStore != null) {
      options.setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(trustStore.pem())));
    }
    return vertx.createHttpClient(
        options, new PoolOptions().setHttp1MaxSize(settings.edge().originPoolSize()));
  }

  private void countRequest(int status) {
    int statusClass = status / 100;
    if (statusClass >= 1 && statusClass <= 5) {
      requests[statusClass].increment();
    }
  }

  private void originFailed(HttpServerRequest request, Throwable error) {
    Log.debugf("origin request for %s failed: %s", request.uri(), error.toString());
    request.resume();
    if (request.response().headWritten()) {
      request.connection().close();
      return;
    }
    boolean timeout = error instanceof TimeoutException;
    reject(
        request,
        timeout ? 504 : 502,
        timeout ? "the origin did not answer in time" : "the origin is not reachable");
  }

  private void reject(HttpServerRequest request, int status, String detail) {
    countRequest(status);
    request.resume();
    HttpServerResponse response = request.response();
    if (response.ended()) {
      return;
    }
    Problem problem =
        Problem.of("edge", HttpResponseStatus.valueOf(status).reasonPhrase(), status, detail);
    String body;
    try {
      body = Json.mapper().writeValueAsString(problem);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a problem detail could not be written", e);
    }
    response.setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE).end(body);
  }
}
