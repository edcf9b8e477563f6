package io.mtlsedge.common.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemGenerationException;

/** Reads and writes PEM and DER certificates, CRLs and private keys. */
public final class Pem {

  private Pem() {}

  /**
   * Parses every certificate in a PEM bundle, in order.
   *
   * @throws IllegalArgumentException naming the position of a block that is not a certificate or
   *     does not parse
   */
  public static List<X509Certificate> certificates(String pem) {
    List<X509Certificate> certificates = new ArrayList<>();
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object object;
      int index = 0;
      while ((object = readNext(parser, index)) != null) {
        if (!(object instanceof X509CertificateHolder holder)) {
          throw new IllegalArgumentException(
              "PEM block " + index + " is a " + describe(object) + ", not a certificate");
        }
        certificates.add(fromDer(holder.getEncoded(), index));
        index++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return certificates;
  }

  /**
   * Parses every CRL in a PEM text.
   *
   * @throws IllegalArgumentException when a block is not a CRL or does not parse
   */
  public static List<X509CRL> crls(String pem) {
    List<X509CRL> crls = new ArrayList<>();
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object object;
      int index = 0;
      while ((object = readNext(parser, index)) != null) {
        if (!(object instanceof X509CRLHolder holder)) {
          throw new IllegalArgumentException(
              "PEM block " + index + " is a " + describe(object) + ", not a CRL");
        }
        crls.add((X509CRL) factory().generateCRL(new ByteArrayInputStream(holder.getEncoded())));
        index++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("a CRL does not parse: " + e.getMessage(), e);
    }
    return crls;
  }

  /**
   * Reads a private key in PKCS#8, PKCS#1 or SEC1 PEM.
   *
   * @throws IllegalArgumentException when the text holds no private key
   */
  public static PrivateKey privateKey(String pem) {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object object = parser.readObject();
      PrivateKeyInfo info = null;
      if (object instanceof PEMKeyPair pair) {
        info = pair.getPrivateKeyInfo();
      } else if (object instanceof PrivateKeyInfo keyInfo) {
        info = keyInfo;
      }
      if (info != null) {
        try {
          return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (IOException e) {
          // SEC1 EC keys may carry their curve only inside the key; BouncyCastle reads those.
          return new JcaPEMKeyConverter().setProvider(BouncyCastle.provider()).getPrivateKey(info);
        }
      }
      throw new IllegalArgumentException("no private key in PEM (found " + describe(object) + ")");
    } catch (IOException e) {
      throw new IllegalArgumentException("private key does not parse: " + e.getMessage(), e);
    }
  }

  /**
   * Parses one DER certificate.
   *
   * @throws IllegalArgumentException when the bytes are not a certificate
   */
  public static X509Certificate fromDer(byte[] der) {
    return fromDer(der, 0);
  }

  /** Encodes certificates, CRLs or keys as PEM, one block each. */
  public static String encode(Object... objects) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      for (Object object : objects) {
        writer.writeObject(object);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Encodes a private key as PKCS#8 PEM, the form OpenSSL and Kubernetes tools write. */
  public static String encodePkcs8(PrivateKey key) {
    try {
      return encode(new JcaPKCS8Generator(key, null).generate());
    } catch (PemGenerationException e) {
      throw new IllegalStateException("private key cannot be encoded", e);
    }
  }

  /** Encodes a chain as PEM, in the order given. */
  public static String encodeChain(List<X509Certificate> chain) {
    return encode(chain.toArray());
  }

  /** The DER encoding of a certificate. */
  public static byte[] der(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (CertificateException e) {
      throw new IllegalStateException("certificate cannot be encoded", e);
    }
  }

  /** Standard base64 of the DER encoding. */
  public static String base64Der(X509Certificate certificate) {
    return Base64.getEncoder().encodeToString(der(certificate));
  }

  private static X509Certificate fromDer(byte[] der, int index) {
    try {
      return (X509Certificate) factory().generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException | RuntimeException e) {
      throw new IllegalArgumentException(
          "certificate " + index + " does not parse: " + e.getMessage(), e);
    }
  }

  private static Object readNext(PEMParser parser, int index) {
    try {
      return parser.readObject();
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "PEM block " + index + " does not parse: " + e.getMessage(), e);
    }
  }

  private static String describe(Object object) {
    return object == null ? "nothing" : object.getClass().getSimpleName();
  }

  private static CertificateFactory factory() {
    try {
      return CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
    }
  }
}
