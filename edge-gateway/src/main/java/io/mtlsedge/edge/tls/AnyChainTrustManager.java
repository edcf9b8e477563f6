package io.mtlsedge.edge.tls;

import java.net.Socket;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts any client chain: passthrough leaves validation to the origin. TLS itself still proves
 * that the viewer holds the leaf's private key (the CertificateVerify message).
 */
final class AnyChainTrustManager extends X509ExtendedTrustManager {

  static final AnyChainTrustManager INSTANCE = new AnyChainTrustManager();

  private static final X509Certificate[] NONE = new X509Certificate[0];

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) {}

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) {
    throw new UnsupportedOperationException("the viewer port only serves");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
    throw new UnsupportedOperationException("the viewer port only serves");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
    throw new UnsupportedOperationException("the viewer port only serves");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    // An empty list: the CertificateRequest names no CAs, so any client certificate is offered.
    return NONE;
  }
}
