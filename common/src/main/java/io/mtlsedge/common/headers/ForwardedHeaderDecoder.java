package io.mtlsedge.common.headers;

import static io.mtlsedge.common.headers.ForwardedHeaderNames.*;

import io.mtlsedge.common.config.HeaderProfile;
import io.mtlsedge.common.pki.Pem;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a viewer's chain back from the forwarded-certificate headers, for origins. It reads every
 * profile, preferring the one that carries the most: RFC 9440, then Envoy's XFCC, then the ALB's
 * header, then CloudFront's leaf PEM.
 */
public final class ForwardedHeaderDecoder {

  private ForwardedHeaderDecoder() {}

  /**
   * Decodes the chain from request headers.
   *
   * @param header looks a header up by name, case-insensitively, or answers null
   * @return the chain, or empty when no profile's headers are present
   * @throws IllegalArgumentException when a header is present but malformed
   */
  public static Optional<DecodedChain> decode(Function<String, String> header) {
    String clientCert = header.apply(CLIENT_CERT);
    if (clientCert != null) {
      List<X509Certificate> chain = new ArrayList<>();
      chain.add(Pem.fromDer(byteSequence(clientCert.trim(), CLIENT_CERT)));
      String rest = header.apply(CLIENT_CERT_CHAIN);
      if (rest != null && !rest.isBlank()) {
        for (String member : rest.split(",")) {
          chain.add(Pem.fromDer(byteSequence(member.trim(), CLIENT_CERT_CHAIN)));
        }
      }
      return Optional.of(new DecodedChain(chain, HeaderProfile.RFC9440));
    }
    String xfcc = header.apply(XFCC);
    if (xfcc != null) {
      return Optional.of(new DecodedChain(fromXfcc(xfcc), HeaderProfile.XFCC));
    }
    String alb = header.apply(ALB_CLIENT_CERT);
    if (alb != null) {
      return Optional.of(
          new DecodedChain(
              pemChain(PercentEncoding.decode(alb), ALB_CLIENT_CERT), HeaderProfile.ALB));
    }
    String cloudFrontPem = header.apply(CF_PEM);
    if (cloudFrontPem != null) {
      return Optional.of(
          new DecodedChain(
              pemChain(PercentEncoding.decode(cloudFrontPem), CF_PEM), HeaderProfile.CLOUDFRONT));
    }
    return Optional.empty();
  }

  /**
   * Decodes one RFC 8941 byte sequence, {@code :base64:}.
   *
   * @throws IllegalArgumentException naming {@code headerName} when malformed
   */
  public static byte[] byteSequence(String item, String headerName) {
    if (item.length() < 2 || item.charAt(0) != ':' || item.charAt(item.length() - 1) != ':') {
      throw new IllegalArgumentException(headerName + " is not a structured-field byte sequence");
    }
    try {
      return Base64.getDecoder().decode(item.substring(1, item.length() - 1));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(headerName + " holds invalid base64", e);
    }
  }

  private static List<X509Certificate> fromXfcc(String value) {
    List<String> elements = split(value, ',');
    Map<String, String> pairs = new LinkedHashMap<>();
    for (String pair : split(elements.get(elements.size() - 1), ';')) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        pairs.putIfAbsent(pair.substring(0, eq).trim(), unquote(pair.substring(eq + 1).trim()));
      }
    }
    String pem = pairs.containsKey("Chain") ? pairs.get("Chain") : pairs.get("Cert");
    if (pem == null) {
      throw new IllegalArgumentException(XFCC + " holds neither Cert nor Chain");
    }
    return pemChain(PercentEncoding.decode(pem), XFCC);
  }

  private static List<X509Certificate> pemChain(String pem, String headerName) {
    List<X509Certificate> chain;
    try {
      chain = Pem.certificates(pem);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(headerName + ": " + e.getMessage(), e);
    }
    if (chain.isEmpty()) {
      throw new IllegalArgumentException(headerName + " holds no certificate");
    }
    return chain;
  }

  /** Splits on {@code separator} outside double quotes. */
  private static List<String> split(String value, char separator) {
    List<String> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (quoted && c == '\\' && i + 1 < value.length()) {
        current.append(c).append(value.charAt(++i));
      } else if (c == '"') {
        quoted = !quoted;
        current.append(c);
      } else if (c == separator && !quoted) {
        parts.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    parts.add(current.toString());
    return parts;
  }

  private static String unquote(String value) {
    if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 1; i < value.length() - 1; i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length() - 1) {
        c = value.charAt(++i);
      }
      out.append(c);
    }
    return out.toString();
  }
}
