package io.mtlsedge.edge.viewer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.mtlsedge.common.config.ViewerMtls;
import io.mtlsedge.common.event.ConnectionEvent;
import io.mtlsedge.common.headers.ForwardedHeader;
import io.mtlsedge.common.headers.ForwardedHeaderEncoder;
import io.mtlsedge.common.pki.Pem;
import io.mtlsedge.edge.catalog.Catalog;
import io.mtlsedge.edge.catalog.ConfigLog;
import io.mtlsedge.edge.catalog.EdgeDistribution;
import io.mtlsedge.edge.config.EdgeSettings;
import io.mtlsedge.edge.events.ConnectionEventPublisher;
import io.mtlsedge.edge.events.EdgeNode;
import io.mtlsedge.edge.tls.DistributionKeyCertOptions;
import io.mtlsedge.edge.tls.DistributionSslEngineOptions;
import io.mtlsedge.edge.tls.TlsContexts;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The viewer port: TLS on Vert.x with BoringSSL, one server context per SNI name carrying that
 * distribution's mode. After each handshake it checks the chain against the distribution's limits,
 * encodes the forwarded headers once, logs the connection event, and then hands every request on
 * the connection to the {@link OriginProxy}.
 */
@ApplicationScoped
public class ViewerServer {

  @Inject Vertx vertx;
  @Inject EdgeSettings settings;
  @Inject ConfigLog configLog;
  @Inject ConnectionEventPublisher events;
  @Inject OriginProxy proxy;
  @Inject MeterRegistry registry;

  private final Map<HttpConnection, ViewerConnection> connections = new ConcurrentHashMap<>();
  private HttpServer server;
  private TlsContexts tlsContexts;
  private String nodeId;
  private Counter successfulHandshakes;

  void start(@Observes StartupEvent event) throws Exception {
    nodeId = EdgeNode.id(settings);
    successfulHandshakes =
        registry.counter("mtls.edge.handshakes", "status", ConnectionEvent.SUCCESS);
    tlsContexts =
        new TlsContexts(
            this::catalog,
            settings.edge().defaultServerName().orElse(null),
            this::onFailedHandshake);
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(settings.edge().viewerHost())
            .setPort(settings.edge().viewerPort())
            .setSsl(true)
            .setSni(true)
            .setSslEngineOptions(new DistributionSslEngineOptions(tlsContexts))
            .setKeyCertOptions(new DistributionKeyCertOptions(this::catalog))
            .setSslHandshakeTimeout(settings.edge().handshakeTimeout().toMillis())
            .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS)
            .setIdleTimeout((int) settings.edge().viewerIdleTimeout().toSeconds())
            .setIdleTimeoutUnit(TimeUnit.SECONDS);
    server = vertx.createHttpServer(options);
    server.connectionHandler(this::onConnection);
    server.exceptionHandler(e -> Log.debugf("viewer connection failed: %s", e.toString()));
    server.requestHandler(this::onRequest);
    server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    Log.infof("viewer port listening on %s:%d", settings.edge().viewerHost(), server.actualPort());
    configLog.onChange(tlsContexts::refresh);
    configLog.current().ifPresent(tlsContexts::refresh);
  }

  void stop(@Observes ShutdownEvent event) {
    if (server != null) {
      server.close().toCompletionStage().toCompletableFuture().join();
    }
  }

  /** The port the viewer server listens on, for tests that use port 0. */
  public int port() {
    return server.actualPort();
  }

  private Catalog catalog() {
    return configLog.current().orElse(null);
  }

  private void onConnection(HttpConnection connection) {
    String sni = connection.indicatedServerName();
    // Judge the connection by the distribution version its handshake used: the catalog may have
    // moved on while the handshake was in flight.
    EdgeDistribution distribution = tlsContexts.handshakeDistribution(connection.sslSession());
    if (distribution == null) {
      Catalog catalog = catalog();
      String name = sni == null ? settings.edge().defaultServerName().orElse(null) : sni;
      distribution = catalog == null ? null : catalog.forHost(name);
    }
    List<X509Certificate> chain = List.of();
    List<ForwardedHeader> headers = List.of();
    String status;
    try {
      chain = peerChain(connection);
      status = status(distribution, chain);
      if (status.equals(ConnectionEvent.SUCCESS)) {
        headers =
            ForwardedHeaderEncoder.encode(chain, distribution.profiles(), distribution.rename());
      }
    } catch (RuntimeException e) {
      // BoringSSL accepted bytes that the JDK cannot parse as a certificate.
      Log.debugf("unreadable client certificate from %s: %s", connection.remoteAddress(), e);
      status = ConnectionEvent.failed("ClientCertMalformed");
      chain = List.of();
    }
    ViewerConnection viewer =
        new ViewerConnection(
            UUID.randomUUID().toString(),
            distribution == null ? null : distribution.id(),
            distribution == null ? null : distribution.mode(),
            chain,
            headers,
            status);
    countHandshake(status);
    events.offer(event(connection, sni, viewer));
    if (viewer.refused()) {
      Log.debugf("connection %s refused: %s", viewer.connectionId(), status);
      connection.close();
      return;
    }
    connections.put(connection, viewer);
    connection.closeHandler(v -> connections.remove(connection));
  }

  private void countHandshake(String status) {
    // Successes are the common case; the failure codes are few and looked up when they happen.
    Counter counter =
        status.equals(ConnectionEvent.SUCCESS)
            ? successfulHandshakes
            : registry.counter("mtls.edge.handshakes", "status", status);
    counter.increment();
  }

  /** A handshake that failed in TLS itself never becomes a connection; it is logged here. */
  private void onFailedHandshake(
      String sni, String peerHost, int peerPort, EdgeDistribution distribution, String status) {
    countHandshake(status);
    Log.debugf("handshake from %s for %s refused: %s", peerHost, sni, status);
    events.offer(
        new ConnectionEvent(
            UUID.randomUUID().toString(),
            Instant.now(),
            nodeId,
            distribution == null ? null : distribution.id(),
            UUID.randomUUID().toString(),
            peerHost,
            Math.max(peerPort, 0),
            sni,
            null,
            null,
            null,
            distribution == null ? null : distribution.mode(),
            status,
            null,
            List.of()));
  }

  private static String status(EdgeDistribution distribution, List<X509Certificate> chain) {
    if (distribution == null) {
      return ConnectionEvent.failed("UnknownServerName");
    }
    ViewerMtls mtls = distribution.distribution().viewerMtls();
    if (chain.size() > mtls.maxChainDepth()) {
      return ConnectionEvent.failed("ClientCertMaxChainDepthExceeded");
    }
    int bytes = 0;
    for (X509Certificate certificate : chain) {
      bytes += Pem.der(certificate).length;
    }
    if (bytes > mtls.maxCertificateBytes()) {
      return ConnectionEvent.failed("ClientCertMaxSizeExceeded");
    }
    return ConnectionEvent.SUCCESS;
  }

  private void onRequest(HttpServerRequest request) {
    ViewerConnection viewer = connections.get(request.connection());
    if (viewer == null) {
      request.response().setStatusCode(421).end();
      request.connection().close();
      return;
    }
    try {
      proxy.forward(request, viewer, catalog());
    } catch (RuntimeException e) {
      // A bug must cost one request, not a hung connection.
      Log.errorf(e, "request %s on connection %s failed", request.uri(), viewer.connectionId());
      if (!request.response().headWritten()) {
        request.response().setStatusCode(500).end();
      }
      request.connection().close();
    }
  }

  private static List<X509Certificate> peerChain(HttpConnection connection) {
    try {
      List<X509Certificate> chain = new ArrayList<>();
      for (Certificate certificate : connection.peerCertificates()) {
        chain.add((X509Certificate) certificate);
      }
      return chain;
    } catch (SSLPeerUnverifiedException e) {
      return List.of();
    }
  }

  private ConnectionEvent event(HttpConnection connection, String sni, ViewerConnection viewer) {
    SSLSession session = connection.sslSession();
    SocketAddress remote = connection.remoteAddress();
    List<String> chain = viewer.chain().stream().map(Pem::base64Der).toList();
    return new ConnectionEvent(
        UUID.randomUUID().toString(),
        Instant.now(),
        nodeId,
        viewer.distributionId(),
        viewer.connectionId(),
        remote == null ? null : remote.hostAddress(),
        remote == null ? 0 : remote.port(),
        sni,
        session == null ? null : session.getProtocol(),
        session == null ? null : session.getCipherSuite(),
        tlsContexts.handshakeMillis(session),
        viewer.mode(),
        viewer.status(),
        null,
        chain);
  }
}
