package io.mtlsedge.inspector.validation;

import io.mtlsedge.common.pki.Pem;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The parsed content of a trust store: CA certificates used as trust anchors, and CRLs.
 *
 * @param anchors the CA certificates
 * @param crls the CRLs; revocation is only checked for issuers that have one here
 */
public record TrustBundle(List<X509Certificate> anchors, List<X509CRL> crls) {

  public TrustBundle {
    anchors = List.copyOf(anchors);
    crls = crls == null ? List.of() : List.copyOf(crls);
  }

  /**
   * Parses a PEM bundle of CA certificates and PEM CRLs.
   *
   * @throws IllegalArgumentException when the bundle holds no certificate or a block does not parse
   */
  public static TrustBundle parse(String pem, List<String> crlPems) {
    if (pem == null || pem.isBlank()) {
      throw new IllegalArgumentException("the trust store holds no certificate");
    }
    List<X509Certificate> anchors = Pem.certificates(pem);
    if (anchors.isEmpty()) {
      throw new IllegalArgumentException("the trust store holds no PEM certificate");
    }
    List<X509CRL> crls = new ArrayList<>();
    if (crlPems != null) {
      for (String crlPem : crlPems) {
        crls.addAll(Pem.crls(crlPem));
      }
    }
    return new TrustBundle(anchors, crls);
  }
}
