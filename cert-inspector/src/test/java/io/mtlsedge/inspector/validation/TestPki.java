package io.mtlsedge.inspector.validation;

import io.mtlsedge.common.pki.IssuedCertificate;
import io.mtlsedge.common.pki.Pem;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates the common issuer does not make: name constraints, SHA-1, odd RSA keys. */
public final class TestPki {

  private static final SecureRandom RANDOM = new SecureRandom();

  private TestPki() {}

  /** A self-signed root CA whose name constraints permit only these subtrees. */
  public static IssuedCertificate constrainedRoot(String subject, GeneralSubtree... permitted) {
    KeyPair keys = ecKeys();
    X509v3CertificateBuilder builder =
        builder(
            x500(subject),
            x500(subject),
            SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()));
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      builder.addExtension(Extension.nameConstraints, true, new NameConstraints(permitted, null));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return new IssuedCertificate(sign(builder, keys, "SHA256withECDSA"), keys, List.of());
  }

  /** A leaf issued by {@code issuer}, signed with this algorithm, valid between the instants. */
  public static X509Certificate leafSignedWith(
      String subject, IssuedCertificate issuer, String algorithm, Instant from, Instant until) {
    KeyPair keys = ecKeys();
    X509v3CertificateBuilder builder =
        new X509v3CertificateBuilder(
            name(issuer.certificate()),
            new BigInteger(64, RANDOM).setBit(62),
            Date.from(from),
            Date.from(until),
            x500(subject),
            SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()));
    return sign(builder, issuer.keyPair(), algorithm);
  }

  /** A leaf issued by {@code issuer} whose RSA public key has this modulus and exponent. */
  public static X509Certificate leafWithRsaKey(
      String subject, IssuedCertificate issuer, BigInteger modulus, BigInteger exponent) {
    SubjectPublicKeyInfo key = rsaKey(modulus, exponent);
    X509v3CertificateBuilder builder = builder(x500(subject), name(issuer.certificate()), key);
    return sign(builder, issuer.keyPair(), "SHA256withECDSA");
  }

  /** A self-signed CA certificate whose RSA key has this modulus and exponent, signed by EC. */
  public static X509Certificate caWithRsaKey(
      String subject, BigInteger modulus, BigInteger exponent) {
    KeyPair signer = ecKeys();
    SubjectPublicKeyInfo key = rsaKey(modulus, exponent);
    return sign(builder(x500(subject), x500(subject), key), signer, "SHA256withECDSA");
  }

  private static SubjectPublicKeyInfo rsaKey(BigInteger modulus, BigInteger exponent) {
    try {
      return new SubjectPublicKeyInfo(
          new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
          new RSAPublicKey(modulus, exponent));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A CRL of this issuer, PEM, listing one made-up serial number. */
  public static String crlPem(IssuedCertificate issuer) {
    Instant now = Instant.now();
    X509v2CRLBuilder builder =
        new X509v2CRLBuilder(name(issuer.certificate()), Date.from(now.minus(Duration.ofHours(1))));
    builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(7))));
    builder.addCRLEntry(BigInteger.valueOf(4711), Date.from(now.minus(Duration.ofHours(1))), 0);
    try {
      var crl =
          new JcaX509CRLConverter()
              .getCRL(
                  builder.build(
                      new JcaContentSignerBuilder("SHA256withECDSA")
                          .build(issuer.keyPair().getPrivate())));
      return Pem.encode(crl);
    } catch (Exception e) {
      throw new IllegalStateException("could not sign a test CRL", e);
    }
  }

  /** An odd number of this many bits without small factors: parses as an RSA modulus. */
  public static BigInteger modulus(int bits) {
    BigInteger small = BigInteger.valueOf(3L * 5 * 7 * 11 * 13 * 17 * 19 * 23 * 29 * 31 * 37);
    while (true) {
      BigInteger candidate = new BigInteger(bits, RANDOM).setBit(bits - 1).setBit(0);
      if (candidate.gcd(small).equals(BigInteger.ONE)) {
        return candidate;
      }
    }
  }

  /** A name written RFC 2253, in the DER order the common issuer uses. */
  public static X500Name x500(String name) {
    return X500Name.getInstance(new X500Principal(name).getEncoded());
  }

  private static X509v3CertificateBuilder builder(
      X500Name subject, X500Name issuer, SubjectPublicKeyInfo key) {
    Instant now = Instant.now();
    return new X509v3CertificateBuilder(
        issuer,
        new BigInteger(64, RANDOM).setBit(62),
        Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(Duration.ofDays(365))),
        subject,
        key);
  }

  private static X500Name name(X509Certificate certificate) {
    return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
  }

  private static X509Certificate sign(
      X509v3CertificateBuilder builder, KeyPair signer, String algorithm) {
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(new JcaContentSignerBuilder(algorithm).build(signer.getPrivate())));
    } catch (Exception e) {
      throw new IllegalStateException("could not sign a test certificate", e);
    }
  }

  private static KeyPair ecKeys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
