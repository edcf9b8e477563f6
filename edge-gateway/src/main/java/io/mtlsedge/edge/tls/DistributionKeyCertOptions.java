package io.mtlsedge.edge.tls;

import io.mtlsedge.edge.catalog.Catalog;
import io.mtlsedge.edge.catalog.EdgeDistribution;
import io.vertx.core.Vertx;
import io.vertx.core.net.KeyCertOptions;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.KeyManagerFactory;

/**
 * Server certificates by SNI name, from the distributions in force. A viewer that sends no SNI, or
 * a name no enabled distribution serves, gets a context without any certificate, so its handshake
 * fails.
 */
public final class DistributionKeyCertOptions implements KeyCertOptions {

  private final Supplier<Catalog> catalog;

  public DistributionKeyCertOptions(Supplier<Catalog> catalog) {
    this.catalog = catalog;
  }

  @Override
  public DistributionKeyCertOptions copy() {
    return new DistributionKeyCertOptions(catalog);
  }

  @Override
  public KeyManagerFactory getKeyManagerFactory(Vertx vertx) throws Exception {
    return EMPTY;
  }

  @Override
  public Function<String, KeyManagerFactory> keyManagerFactoryMapper(Vertx vertx) {
    return serverName -> {
      Catalog current = catalog.get();
      EdgeDistribution distribution = current == null ? null : current.forHost(serverName);
      return distribution == null ? EMPTY : distribution.keyManagerFactory();
    };
  }

  private static final KeyManagerFactory EMPTY = emptyKeyManagerFactory();

  private static KeyManagerFactory emptyKeyManagerFactory() {
    try {
      KeyStore empty = KeyStore.getInstance("PKCS12");
      empty.load(null, null);
      KeyManagerFactory factory =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(empty, new char[0]);
      return factory;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("the JDK cannot make an empty key manager", e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DistributionKeyCertOptions that && that.catalog == catalog;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(catalog);
  }
}
