package io.mtlsedge.edge.tls;

import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.spi.tls.SslContextFactory;

/**
 * The OpenSSL (BoringSSL, from netty-tcnative) engine, with server contexts built per SNI name by
 * {@link DistributionSslContextFactory} from {@link TlsContexts}.
 */
public final class DistributionSslEngineOptions extends OpenSSLEngineOptions {

  private final TlsContexts contexts;

  public DistributionSslEngineOptions(TlsContexts contexts) {
    this.contexts = contexts;
  }

  @Override
  public DistributionSslEngineOptions copy() {
    return new DistributionSslEngineOptions(contexts);
  }

  @Override
  public SslContextFactory sslContextFactory() {
    return new DistributionSslContextFactory(contexts);
  }
}
