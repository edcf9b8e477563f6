package io.mtlsedge.edge.tls;

import io.mtlsedge.edge.catalog.Catalog;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.spi.tls.SslContextFactory;
import java.util.function.Supplier;

/**
 * The OpenSSL (BoringSSL, from netty-tcnative) engine, with server contexts built per SNI name by
 * {@link DistributionSslContextFactory}.
 */
public final class DistributionSslEngineOptions extends OpenSSLEngineOptions {

  private final Supplier<Catalog> catalog;

  public DistributionSslEngineOptions(Supplier<Catalog> catalog) {
    this.catalog = catalog;
  }

  @Override
  public DistributionSslEngineOptions copy() {
    return new DistributionSslEngineOptions(catalog);
  }

  @Override
  public SslContextFactory sslContextFactory() {
    return new DistributionSslContextFactory(catalog);
  }
}
