package io.mtlsedge.common.pki;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * A certificate with its key pair and the chain of certificates that issued it.
 *
 * @param certificate the certificate
 * @param keyPair its key pair
 * @param issuers the issuing certificates, nearest first, up to and including the root
 */
public record IssuedCertificate(
    X509Certificate certificate, KeyPair keyPair, List<X509Certificate> issuers) {

  public IssuedCertificate {
    issuers = List.copyOf(issuers);
  }

  /** This certificate followed by its issuers, root excluded: what a TLS peer sends. */
  public List<X509Certificate> tlsChain() {
    List<X509Certificate> chain = new ArrayList<>();
    chain.add(certificate);
    for (X509Certificate issuer : issuers) {
      if (!issuer.getSubjectX500Principal().equals(issuer.getIssuerX500Principal())) {
        chain.add(issuer);
      }
    }
    return chain;
  }

  /** The chain of {@link #tlsChain()} as PEM. */
  public String chainPem() {
    return Pem.encodeChain(tlsChain());
  }

  /** The certificate alone, PEM. */
  public String certificatePem() {
    return Pem.encode(certificate);
  }

  /** The private key, PKCS#8 PEM ({@code BEGIN PRIVATE KEY}). */
  public String privateKeyPem() {
    return Pem.encodePkcs8(keyPair.getPrivate());
  }
}
