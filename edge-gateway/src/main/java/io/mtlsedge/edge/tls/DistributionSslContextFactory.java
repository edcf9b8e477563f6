package io.mtlsedge.edge.tls;

import io.mtlsedge.common.config.MtlsMode;
import io.mtlsedge.edge.catalog.Catalog;
import io.mtlsedge.edge.catalog.EdgeDistribution;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.quarkus.logging.Log;
import io.vertx.core.spi.tls.SslContextFactory;
import java.util.Set;
import java.util.function.Supplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the BoringSSL server context for one SNI name, with that distribution's viewer mTLS mode:
 * whether a CertificateRequest is sent and what validates the chain. Vert.x calls it once per
 * server name and caches the result until the edge swaps its TLS options on a config change.
 */
final class DistributionSslContextFactory implements SslContextFactory {

  private final Supplier<Catalog> catalog;
  private KeyManagerFactory keyManagerFactory;
  private Set<String> cipherSuites;
  private String serverName;

  DistributionSslContextFactory(Supplier<Catalog> catalog) {
    this.catalog = catalog;
  }

  @Override
  public SslContextFactory keyMananagerFactory(KeyManagerFactory kmf) {
    this.keyManagerFactory = kmf;
    return this;
  }

  @Override
  public SslContextFactory enabledCipherSuites(Set<String> enabledCipherSuites) {
    this.cipherSuites = enabledCipherSuites;
    return this;
  }

  @Override
  public SslContextFactory serverName(String serverName) {
    this.serverName = serverName;
    return this;
  }

  @Override
  public SslContextFactory trustManagerFactory(TrustManagerFactory tmf) {
    // Trust is decided per distribution below, never by a server-wide trust store.
    return this;
  }

  @Override
  public SslContext create() throws SSLException {
    Catalog current = catalog.get();
    EdgeDistribution distribution = current == null ? null : current.forHost(serverName);
    MtlsMode mode = distribution == null ? MtlsMode.OFF : distribution.mode();

    SslContextBuilder builder =
        SslContextBuilder.forServer(keyManagerFactory)
            .sslProvider(SslProvider.OPENSSL)
            .protocols("TLSv1.3", "TLSv1.2")
            .ciphers(
                cipherSuites == null || cipherSuites.isEmpty()
                    ? OpenSsl.availableOpenSslCipherSuites()
                    : cipherSuites);
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
}
