package io.mtlsedge.edge.tls;

import io.mtlsedge.common.config.MtlsMode;
import io.mtlsedge.edge.catalog.Catalog;
import io.mtlsedge.edge.catalog.EdgeDistribution;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.quarkus.logging.Log;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;

/**
 * The BoringSSL server contexts of the viewer port: one per distribution version, however many SNI
 * names (wildcard aliases included) lead to it, so that random names cannot make the edge build
 * contexts without bound. It also remembers which distribution version each context was built for,
 * so that a connection is judged by the mode its handshake really used, even when the configuration
 * changed while it was being made.
 */
public final class TlsContexts {

  private record Built(EdgeDistribution distribution, SslContext context) {}

  /** Told about every viewer handshake that fails, on the event loop: it must not block. */
  public interface FailedHandshakes {
    /**
     * @param serverName the SNI name, or null
     * @param peerHost the viewer's address, when known
     * @param peerPort the viewer's port, or -1
     * @param distribution the distribution that name leads to, or null
     * @param status {@code Failed:<code>}
     */
    void failed(
        String serverName,
        String peerHost,
        int peerPort,
        EdgeDistribution distribution,
        String status);
  }

  private final Supplier<Catalog> catalog;
  private final String defaultServerName;
  private final Map<String, Built> byDistribution = new ConcurrentHashMap<>();
  private final Map<SSLSessionContext, EdgeDistribution> owners =
      Collections.synchronizedMap(new WeakHashMap<>());
  private final Map<SSLSession, Long> handshakeNanos =
      Collections.synchronizedMap(new WeakHashMap<>());
  private final FailedHandshakes failedHandshakes;
  private volatile SslContext noCertificate;

  /**
   * @param defaultServerName the name assumed when a viewer sends no SNI, or null to refuse
   */
  public TlsContexts(
      Supplier<Catalog> catalog, String defaultServerName, FailedHandshakes failedHandshakes) {
    this.catalog = catalog;
    this.defaultServerName = defaultServerName;
    this.failedHandshakes = failedHandshakes;
  }

  /**
   * How long the handshake of this session took, from the viewer's ClientHello to its Finished
   * message, or null when it was not watched. Each session answers once.
   */
  public Double handshakeMillis(SSLSession session) {
    Long nanos = session == null ? null : handshakeNanos.remove(session);
    return nanos == null ? null : nanos / 1_000_000.0;
  }

  /** Times a new viewer handshake and reports it if it fails. */
  SslHandler watch(SslHandler handler, String serverName) {
    long started = System.nanoTime();
    handler
        .handshakeFuture()
        .addListener(
            done -> {
              SSLEngine engine = handler.engine();
              if (done.isSuccess()) {
                handshakeNanos.put(engine.getSession(), System.nanoTime() - started);
                return;
              }
              Catalog current = catalog.get();
              String name = serverName == null ? defaultServerName : serverName;
              EdgeDistribution distribution = current == null ? null : current.forHost(name);
              failedHandshakes.failed(
                  serverName,
                  engine.getPeerHost(),
                  engine.getPeerPort(),
                  distribution,
                  HandshakeFailures.status(distribution, done.cause()));
            });
    return handler;
  }

  /**
   * Builds the contexts of a new catalog ahead of the handshakes that need them, off the event
   * loop; a context that fails to build is built (and fails) again at handshake time.
   */
  public void refresh(Catalog catalog) {
    for (EdgeDistribution distribution : catalog.distributions().values()) {
      for (String alias : distribution.distribution().aliases()) {
        if (catalog.forHost(alias) == distribution) {
          try {
            contextFor(alias, null);
          } catch (SSLException | RuntimeException e) {
            Log.warnf("TLS context of distribution %s not built: %s", distribution.id(), e);
          }
          break;
        }
      }
    }
  }

  /** The distribution whose context made this session, or null for none. */
  public EdgeDistribution handshakeDistribution(SSLSession session) {
    return session == null ? null : owners.get(session.getSessionContext());
  }

  /**
   * The context for an SNI name: the distribution's, or one without any certificate (so the
   * handshake fails) when no enabled distribution serves the name.
   */
  SslContext contextFor(String serverName, KeyManagerFactory fallbackKeys) throws SSLException {
    Catalog current = catalog.get();
    String name = serverName == null ? defaultServerName : serverName;
    EdgeDistribution distribution = current == null ? null : current.forHost(name);
    if (distribution == null) {
      SslContext context = noCertificate;
      if (context == null) {
        context = builder(fallbackKeys).clientAuth(ClientAuth.NONE).build();
        noCertificate = context;
      }
      return context;
    }
    Built built = byDistribution.get(distribution.id());
    if (built != null && built.distribution() == distribution) {
      return built.context();
    }
    SslContext context = build(distribution);
    byDistribution.put(distribution.id(), new Built(distribution, context));
    owners.put(context.sessionContext(), distribution);
    byDistribution.keySet().removeIf(id -> current.distribution(id) == null);
    return context;
  }

  private static SslContext build(EdgeDistribution distribution) throws SSLException {
    MtlsMode mode = distribution.mode();
    SslContextBuilder builder = builder(distribution.keyManagerFactory());
    switch (mode) {
      case OFF -> builder.clientAuth(ClientAuth.NONE);
      case PASSTHROUGH ->
          builder.clientAuth(ClientAuth.OPTIONAL).trustManager(AnyChainTrustManager.INSTANCE);
      case REQUIRED, OPTIONAL -> {
        // Validation at the edge is not built yet: fail closed, every handshake is refused.
        Log.warnf(
            "distribution %s is in %s mode, which this edge does not serve yet; refusing its"
                + " handshakes",
            distribution.id(), mode.wireName());
        builder.clientAuth(ClientAuth.REQUIRE).trustManager(RefusingTrustManager.INSTANCE);
      }
    }
    return builder.build();
  }

  private static SslContextBuilder builder(KeyManagerFactory keys) {
    // No cipher list: Netty's defaults, forward-secret AEAD suites only.
    return SslContextBuilder.forServer(keys)
        .sslProvider(SslProvider.OPENSSL)
        .protocols("TLSv1.3", "TLSv1.2");
  }
}
