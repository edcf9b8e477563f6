package io.mtlsedge.edge.tls;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.X509TrustManager;

/** Trusts no client chain: for modes whose edge validation is not available. */
final class RefusingTrustManager implements X509TrustManager {

  static final RefusingTrustManager INSTANCE = new RefusingTrustManager();

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("edge validation is not available for this distribution");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("the viewer port only serves");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
