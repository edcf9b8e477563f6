package io.mtlsedge.edge.catalog;

import io.mtlsedge.common.pki.Pem;
import io.netty.handler.ssl.OpenSslCachingX509KeyManagerFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;

/**
 * Reads the edge's server certificates from mounted secrets: {@code <dir>/<secret>/tls.crt} (the
 * chain, leaf first) and {@code tls.key}. Keys never come from Kafka. A secret is read again when
 * its files change.
 */
final class ServerCertificates {

  private record Loaded(long crtModified, long keyModified, KeyManagerFactory factory) {}

  private final Path secretsDir;
  private final Map<String, Loaded> cache = new ConcurrentHashMap<>();

  ServerCertificates(Path secretsDir) {
    this.secretsDir = secretsDir;
  }

  /**
   * The key manager factory for a secret.
   *
   * @throws IllegalArgumentException when the secret is missing or does not parse
   */
  KeyManagerFactory keyManagerFactory(String secretName) {
    Path dir = secretsDir.resolve(secretName);
    Path crt = dir.resolve("tls.crt");
    Path key = dir.resolve("tls.key");
    try {
      long crtModified = Files.getLastModifiedTime(crt).toMillis();
      long keyModified = Files.getLastModifiedTime(key).toMillis();
      Loaded loaded = cache.get(secretName);
      if (loaded != null
          && loaded.crtModified() == crtModified
          && loaded.keyModified() == keyModified) {
        return loaded.factory();
      }
      KeyManagerFactory factory = load(Files.readString(crt), Files.readString(key));
      cache.put(secretName, new Loaded(crtModified, keyModified, factory));
      return factory;
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "secret " + secretName + " is not readable under " + secretsDir + ": " + e, e);
    }
  }

  /** Whether any secret read so far has changed or gone since it was read. */
  boolean changed() {
    for (Map.Entry<String, Loaded> entry : cache.entrySet()) {
      Path dir = secretsDir.resolve(entry.getKey());
      try {
        if (Files.getLastModifiedTime(dir.resolve("tls.crt")).toMillis()
                != entry.getValue().crtModified()
            || Files.getLastModifiedTime(dir.resolve("tls.key")).toMillis()
                != entry.getValue().keyModified()) {
          return true;
        }
      } catch (IOException e) {
        return true;
      }
    }
    return false;
  }

  private static KeyManagerFactory load(String chainPem, String keyPem) {
    List<X509Certificate> chain = Pem.certificates(chainPem);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("tls.crt holds no certificate");
    }
    PrivateKey privateKey = Pem.privateKey(keyPem);
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("server", privateKey, new char[0], chain.toArray(new Certificate[0]));
      KeyManagerFactory factory =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, new char[0]);
      // BoringSSL would otherwise convert the key material again on every handshake.
      return new OpenSslCachingX509KeyManagerFactory(factory);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException("tls.crt and tls.key do not make a key pair: " + e, e);
    }
  }
}
