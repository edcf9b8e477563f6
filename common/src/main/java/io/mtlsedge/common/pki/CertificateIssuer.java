package io.mtlsedge.common.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Issues X.509 certificates with BouncyCastle: roots, intermediates, client and server leaves. Used
 * for the demo PKI and by tests; production certificates come from a real CA.
 */
public final class CertificateIssuer {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final X500Name subject;
  private IssuedCertificate issuer;
  private boolean ca;
  private Integer pathLength;
  private KeyPurposeId purpose;
  private final List<GeneralName> sans = new ArrayList<>();
  private Instant notBefore = Instant.now().minus(Duration.ofHours(1));
  private Instant notAfter = Instant.now().plus(Duration.ofDays(365));
  private String keyAlgorithm = "EC";
  private int rsaBits = 2048;

  private CertificateIssuer(X500Name subject) {
    this.subject = subject;
  }

  /**
   * Starts a certificate with the given RFC 2253 subject, such as {@code CN=client-1,O=Example}. It
   * is parsed as RFC 2253, so that the DER order is the usual C, O, ..., CN and the name prints
   * back exactly as it was written.
   */
  public static CertificateIssuer certificate(String subject) {
    return new CertificateIssuer(X500Name.getInstance(new X500Principal(subject).getEncoded()));
  }

  /** Starts a certificate with a subject built by hand, including names no string can express. */
  public static CertificateIssuer certificate(X500Name subject) {
    return new CertificateIssuer(subject);
  }

  /** A self-signed root CA, valid for ten years. */
  public static IssuedCertificate root(String subject) {
    return certificate(subject).ca().validFor(Duration.ofDays(3650)).issue();
  }

  /** An intermediate CA issued by {@code parent}. */
  public static IssuedCertificate intermediate(String subject, IssuedCertificate parent) {
    return certificate(subject).issuedBy(parent).ca().validFor(Duration.ofDays(1825)).issue();
  }

  /** A client leaf issued by {@code parent}. */
  public static IssuedCertificate client(String subject, IssuedCertificate parent) {
    return certificate(subject).issuedBy(parent).clientAuth().issue();
  }

  /** A server leaf for {@code dnsName} issued by {@code parent}. */
  public static IssuedCertificate server(String dnsName, IssuedCertificate parent) {
    return certificate("CN=" + dnsName).issuedBy(parent).serverAuth().dnsName(dnsName).issue();
  }

  /** Signs with this issuer instead of self-signing. */
  public CertificateIssuer issuedBy(IssuedCertificate parent) {
    this.issuer = parent;
    return this;
  }

  /** Makes it a CA with critical basic constraints and keyCertSign. */
  public CertificateIssuer ca() {
    this.ca = true;
    return this;
  }

  /** Limits the CA path length. */
  public CertificateIssuer pathLength(int length) {
    this.pathLength = length;
    return this;
  }

  /** Adds the clientAuth extended key usage. */
  public CertificateIssuer clientAuth() {
    this.purpose = KeyPurposeId.id_kp_clientAuth;
    return this;
  }

  /** Adds the serverAuth extended key usage. */
  public CertificateIssuer serverAuth() {
    this.purpose = KeyPurposeId.id_kp_serverAuth;
    return this;
  }

  /** Adds a DNS subject alternative name. */
  public CertificateIssuer dnsName(String name) {
    sans.add(new GeneralName(GeneralName.dNSName, name));
    return this;
  }

  /** Adds a URI subject alternative name. */
  public CertificateIssuer uri(String uri) {
    sans.add(new GeneralName(GeneralName.uniformResourceIdentifier, uri));
    return this;
  }

  /** Valid from an hour ago for this long. */
  public CertificateIssuer validFor(Duration duration) {
    this.notAfter = notBefore.plus(duration);
    return this;
  }

  /** Valid between the two instants, which may lie in the past or the future. */
  public CertificateIssuer validBetween(Instant from, Instant until) {
    this.notBefore = from;
    this.notAfter = until;
    return this;
  }

  /** Uses an RSA key of this size instead of EC P-256. */
  public CertificateIssuer rsa(int bits) {
    this.keyAlgorithm = "RSA";
    this.rsaBits = bits;
    return this;
  }

  /** Generates the key pair and signs the certificate. */
  public IssuedCertificate issue() {
    try {
      KeyPair keyPair = generateKeyPair();
      X500Name subjectName = subject;
      X500Name issuerName =
          issuer == null ? subjectName : X500Name.getInstance(issuerEncodedSubject());
      PrivateKey signingKey = issuer == null ? keyPair.getPrivate() : issuer.keyPair().getPrivate();

      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              issuerName,
              new BigInteger(64, RANDOM).setBit(62),
              Date.from(notBefore),
              Date.from(notAfter),
              subjectName,
              keyPair.getPublic());
      addExtensions(builder, keyPair);

      ContentSigner signer =
          new JcaContentSignerBuilder(signatureAlgorithm(signingKey)).build(signingKey);
      X509Certificate certificate =
          new JcaX509CertificateConverter().getCertificate(builder.build(signer));
      return new IssuedCertificate(certificate, keyPair, issuerChain());
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("could not issue " + subject, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void addExtensions(X509v3CertificateBuilder builder, KeyPair keyPair)
      throws GeneralSecurityException, IOException {
    JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
    builder.addExtension(
        Extension.subjectKeyIdentifier,
        false,
        utils.createSubjectKeyIdentifier(keyPair.getPublic()));
    if (issuer != null) {
      builder.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          utils.createAuthorityKeyIdentifier(issuer.certificate()));
    }
    if (ca) {
      builder.addExtension(
          Extension.basicConstraints,
          true,
          pathLength == null ? new BasicConstraints(true) : new BasicConstraints(pathLength));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    } else {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      int usage = KeyUsage.digitalSignature;
      if ("RSA".equals(keyAlgorithm)) {
        usage |= KeyUsage.keyEncipherment;
      }
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
    }
    if (purpose != null) {
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
    }
    if (!sans.isEmpty()) {
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(sans.toArray(GeneralName[]::new)));
    }
  }

  private byte[] issuerEncodedSubject() {
    return issuer.certificate().getSubjectX500Principal().getEncoded();
  }

  private List<X509Certificate> issuerChain() {
    List<X509Certificate> chain = new ArrayList<>();
    if (issuer != null) {
      chain.add(issuer.certificate());
      chain.addAll(issuer.issuers());
    }
    return chain;
  }

  private KeyPair generateKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance(keyAlgorithm);
    if ("RSA".equals(keyAlgorithm)) {
      generator.initialize(rsaBits, RANDOM);
    } else {
      generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    }
    return generator.generateKeyPair();
  }

  private static String signatureAlgorithm(PrivateKey key) {
    return "RSA".equals(key.getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
  }
}
