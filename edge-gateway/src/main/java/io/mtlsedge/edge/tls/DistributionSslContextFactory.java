package io.mtlsedge.edge.tls;

import io.netty.handler.ssl.SslContext;
import io.vertx.core.spi.tls.SslContextFactory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * What Vert.x calls to get the server context for one SNI name. It hands out a {@link
 * CurrentSslContext}, which finds the real context in {@link TlsContexts} on every handshake.
 */
final class DistributionSslContextFactory implements SslContextFactory {

  private final TlsContexts contexts;
  private KeyManagerFactory keyManagerFactory;
  private String serverName;

  DistributionSslContextFactory(TlsContexts contexts) {
    this.contexts = contexts;
  }

  @Override
  public SslContextFactory keyMananagerFactory(KeyManagerFactory kmf) {
    this.keyManagerFactory = kmf;
    return this;
  }

  @Override
  public SslContextFactory serverName(String serverName) {
    this.serverName = serverName;
    return this;
  }

  @Override
  public SslContextFactory trustManagerFactory(TrustManagerFactory tmf) {
    // Trust is decided per distribution, never by a server-wide trust store.
    return this;
  }

  @Override
  public SslContext create() {
    return new CurrentSslContext(contexts, serverName, keyManagerFactory);
  }
}
