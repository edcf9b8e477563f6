package io.mtlsedge.common.pki;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/** The facts about a certificate that headers, events and inventories show. */
public final class CertificateFacts {

  private static final HexFormat HEX = HexFormat.of();

  private CertificateFacts() {}

  /** Lowercase hex SHA-256 of the DER encoding. */
  public static String sha256Hex(X509Certificate certificate) {
    return sha256Hex(Pem.der(certificate));
  }

  /** Lowercase hex SHA-256 of some bytes. */
  public static String sha256Hex(byte[] bytes) {
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** The subject distinguished name, RFC 2253. */
  public static String subject(X509Certificate certificate) {
    return certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
  }

  /** The issuer distinguished name, RFC 2253. */
  public static String issuer(X509Certificate certificate) {
    return certificate.getIssuerX500Principal().getName(X500Principal.RFC2253);
  }

  /** The serial number as lowercase colon-separated hex bytes, {@code 4a:3f:5c}. */
  public static String serialColonHex(X509Certificate certificate) {
    byte[] bytes = certificate.getSerialNumber().toByteArray();
    int start = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
    StringBuilder out = new StringBuilder(bytes.length * 3);
    for (int i = start; i < bytes.length; i++) {
      if (out.length() > 0) {
        out.append(':');
      }
      out.append(HEX.toHexDigits(bytes[i]));
    }
    return out.toString();
  }

  /** Not-before, in whole seconds. */
  public static Instant notBefore(X509Certificate certificate) {
    return certificate.getNotBefore().toInstant().truncatedTo(ChronoUnit.SECONDS);
  }

  /** Not-after, in whole seconds. */
  public static Instant notAfter(X509Certificate certificate) {
    return certificate.getNotAfter().toInstant().truncatedTo(ChronoUnit.SECONDS);
  }

  /** {@code NotBefore=...;NotAfter=...}, ISO 8601, as CloudFront sends the validity. */
  public static String validity(X509Certificate certificate) {
    return "NotBefore="
        + DateTimeFormatter.ISO_INSTANT.format(notBefore(certificate))
        + ";NotAfter="
        + DateTimeFormatter.ISO_INSTANT.format(notAfter(certificate));
  }

  /** DNS names of the subject alternative names. */
  public static List<String> dnsNames(X509Certificate certificate) {
    return sansOfType(certificate, 2);
  }

  /** URIs of the subject alternative names. */
  public static List<String> uris(X509Certificate certificate) {
    return sansOfType(certificate, 6);
  }

  /** Every subject alternative name as {@code type:value}, e.g. {@code dns:a.example}. */
  public static List<String> sans(X509Certificate certificate) {
    List<String> out = new ArrayList<>();
    dnsNames(certificate).forEach(n -> out.add("dns:" + n));
    uris(certificate).forEach(n -> out.add("uri:" + n));
    sansOfType(certificate, 1).forEach(n -> out.add("email:" + n));
    sansOfType(certificate, 7).forEach(n -> out.add("ip:" + n));
    return out;
  }

  /** {@code RSA}, {@code EC} or the key's algorithm name. */
  public static String keyType(X509Certificate certificate) {
    return certificate.getPublicKey().getAlgorithm();
  }

  /** The key size in bits, or 0 when unknown. */
  public static int keyBits(X509Certificate certificate) {
    var key = certificate.getPublicKey();
    if (key instanceof RSAKey rsa) {
      return rsa.getModulus().bitLength();
    }
    if (key instanceof ECKey ec) {
      return ec.getParams().getOrder().bitLength();
    }
    return 0;
  }

  private static List<String> sansOfType(X509Certificate certificate, int type) {
    Collection<List<?>> names;
    try {
      names = certificate.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      return List.of();
    }
    if (names == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (List<?> name : names) {
      if (name.size() >= 2 && Integer.valueOf(type).equals(name.get(0))) {
        out.add(String.valueOf(name.get(1)));
      }
    }
    return out;
  }
}
