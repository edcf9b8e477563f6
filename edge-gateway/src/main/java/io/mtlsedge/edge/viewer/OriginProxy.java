package io.mtlsedge.edge.viewer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.mtlsedge.common.config.CacheBehavior;
import io.mtlsedge.common.config.Origin;
import io.mtlsedge.common.config.TrustStore;
import io.mtlsedge.common.headers.ForwardedHeader;
import io.mtlsedge.common.headers.ForwardedHeaderNames;
import io.mtlsedge.edge.catalog.Catalog;
import io.mtlsedge.edge.catalog.EdgeDistribution;
import io.mtlsedge.edge.config.EdgeSettings;
import io.quarkus.logging.Log;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.PemTrustOptions;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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

  @Inject Vertx vertx;
  @Inject EdgeSettings settings;
  @Inject MeterRegistry registry;

  private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();
  private Timer originLatency;

  @PostConstruct
  void init() {
    originLatency = registry.timer("mtls.edge.origin.latency");
  }

  void forward(HttpServerRequest request, ViewerConnection viewer, Catalog catalog) {
    HttpServerResponse response = request.response();
    EdgeDistribution distribution =
        catalog == null ? null : catalog.distribution(viewer.distributionId());
    if (distribution == null || !distribution.distribution().enabled()) {
      reject(request, 421, "distribution " + viewer.distributionId() + " is no longer served");
      return;
    }
    HostAndPort authority = request.authority();
    if (authority == null || catalog.forHost(authority.host()) != distribution) {
      // The Host must belong to the distribution the handshake chose: its mTLS mode applies.
      reject(request, 421, "the Host header does not match the TLS server name");
      return;
    }
    CacheBehavior behavior =
        BehaviorMatcher.match(
            distribution.distribution(), request.path() == null ? "/" : request.path());
    if (behavior == null || !behavior.allowedMethods().contains(request.method().name())) {
      reject(request, 403, "method " + request.method() + " is not allowed here");
      return;
    }
    Origin origin = distribution.distribution().origin(behavior.originId()).orElse(null);
    if (origin == null) {
      reject(request, 502, "the cache behavior names an unknown origin");
      return;
    }
    URI url = URI.create(origin.url());
    boolean https = "https".equalsIgnoreCase(url.getScheme());
    int port = url.getPort() > 0 ? url.getPort() : https ? 443 : 80;

    RequestOptions options =
        new RequestOptions()
            .setMethod(request.method())
            .setHost(url.getHost())
            .setPort(port)
            .setSsl(https)
            .setURI(request.uri())
            .setConnectTimeout(settings.edge().originConnectTimeout().toMillis())
            .setIdleTimeout(settings.edge().originResponseTimeout().toMillis())
            .setHeaders(io.vertx.core.http.HttpHeaders.headers());
    copyRequestHeaders(request, distribution, options.getHeaders());
    options.putHeader("Host", url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : ""));
    options.putHeader("X-Forwarded-Host", authority.host());
    options.putHeader("X-Forwarded-Proto", "https");
    String forwardedFor = request.getHeader("X-Forwarded-For");
    String client = request.remoteAddress().hostAddress();
    options.putHeader(
        "X-Forwarded-For", forwardedFor == null ? client : forwardedFor + ", " + client);
    for (ForwardedHeader header : viewer.forwardedHeaders()) {
      options.addHeader(header.name(), header.value());
    }

    long started = System.nanoTime();
    request.pause();
    client(origin, catalog)
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
                        originLatency.record(
                            System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
                        relay(originResponse, response);
                      });
            });
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

  private static void copyRequestHeaders(
      HttpServerRequest request, EdgeDistribution distribution, MultiMap target) {
    Set<String> listed = connectionTokens(request.headers());
    request
        .headers()
        .forEach(
            (name, value) -> {
              String lower = name.toLowerCase(Locale.ROOT);
              if (HOP_BY_HOP.contains(lower)
                  || listed.contains(lower)
                  || lower.equals("x-forwarded-host")
                  || lower.equals("x-forwarded-proto")
                  || lower.equals("x-forwarded-for")
                  || ForwardedHeaderNames.isReserved(lower, distribution.renamedLower())) {
                return;
              }
              target.add(name, value);
            });
  }

  /** Header names listed in {@code Connection}, which are hop-by-hop too (RFC 9110). */
  private static Set<String> connectionTokens(MultiMap headers) {
    String connection = headers.get("Connection");
    if (connection == null) {
      return Set.of();
    }
    Set<String> tokens = new java.util.HashSet<>();
    for (String token : connection.split(",")) {
      tokens.add(token.trim().toLowerCase(Locale.ROOT));
    }
    return tokens;
  }

  private HttpClient client(Origin origin, Catalog catalog) {
    String trustStoreId = origin.tls() == null ? null : origin.tls().trustStoreId();
    TrustStore trustStore = trustStoreId == null ? null : catalog.trustStores().get(trustStoreId);
    String key = trustStore == null ? "default" : trustStore.id() + "@" + trustStore.version();
    return clients.computeIfAbsent(key, k -> newClient(trustStore));
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

  private static void originFailed(HttpServerRequest request, Throwable error) {
    Log.debugf("origin request for %s failed: %s", request.uri(), error.toString());
    request.resume();
    HttpServerResponse response = request.response();
    if (response.headWritten()) {
      request.connection().close();
      return;
    }
    boolean timeout = error instanceof java.util.concurrent.TimeoutException;
    reject(
        request,
        timeout ? 504 : 502,
        timeout ? "the origin did not answer in time" : "the origin is not reachable");
  }

  private static void reject(HttpServerRequest request, int status, String detail) {
    request.resume();
    HttpServerResponse response = request.response();
    if (response.ended()) {
      return;
    }
    String body =
        "{\"type\":\"urn:mtls-edge:problem:edge\",\"title\":\""
            + io.netty.handler.codec.http.HttpResponseStatus.valueOf(status).reasonPhrase()
            + "\",\"status\":"
            + status
            + ",\"detail\":\""
            + detail.replace("\"", "'")
            + "\"}";
    response.setStatusCode(status).putHeader("Content-Type", "application/problem+json").end(body);
  }
}
