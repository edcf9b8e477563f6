package io.mtlsedge.common.headers;

import static io.mtlsedge.common.headers.ForwardedHeaderNames.*;

import io.mtlsedge.common.config.HeaderProfile;
import io.mtlsedge.common.pki.CertificateFacts;
import io.mtlsedge.common.pki.Pem;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Encodes a viewer's chain into the headers of the chosen profiles. The edge calls it once per
 * connection and sends the result with every request on that connection.
 */
public final class ForwardedHeaderEncoder {

  private ForwardedHeaderEncoder() {}

  /**
   * The headers for {@code chain} (leaf first; empty when the viewer sent no certificate).
   *
   * @param rename header names to send under another name
   */
  public static List<ForwardedHeader> encode(
      List<X509Certificate> chain, List<HeaderProfile> profiles, Map<String, String> rename) {
    List<ForwardedHeader> headers = new ArrayList<>();
    for (HeaderProfile profile : profiles) {
      switch (profile) {
        case RFC9440 -> rfc9440(chain, headers);
        case CLOUDFRONT -> cloudFront(chain, headers);
        case ALB -> alb(chain, headers);
        case XFCC -> xfcc(chain, headers);
      }
    }
    if (rename.isEmpty()) {
      return List.copyOf(headers);
    }
    return headers.stream()
        .map(h -> new ForwardedHeader(rename.getOrDefault(h.name(), h.name()), h.value()))
        .toList();
  }

  /** RFC 8941 byte sequence of one certificate's DER: {@code :base64:}. */
  public static String byteSequence(X509Certificate certificate) {
    return ":" + Pem.base64Der(certificate) + ":";
  }

  private static void rfc9440(List<X509Certificate> chain, List<ForwardedHeader> headers) {
    if (chain.isEmpty()) {
      return;
    }
    headers.add(new ForwardedHeader(CLIENT_CERT, byteSequence(chain.get(0))));
    if (chain.size() > 1) {
      StringBuilder list = new StringBuilder();
      for (X509Certificate certificate : chain.subList(1, chain.size())) {
        if (list.length() > 0) {
          list.append(", ");
        }
        list.append(byteSequence(certificate));
      }
      headers.add(new ForwardedHeader(CLIENT_CERT_CHAIN, list.toString()));
    }
  }

  private static void cloudFront(List<X509Certificate> chain, List<ForwardedHeader> headers) {
    if (chain.isEmpty()) {
      headers.add(new ForwardedHeader(CF_PRESENT, "0"));
      return;
    }
    X509Certificate leaf = chain.get(0);
    headers.add(new ForwardedHeader(CF_PRESENT, "1"));
    headers.add(new ForwardedHeader(CF_SERIAL, CertificateFacts.serialColonHex(leaf)));
    headers.add(new ForwardedHeader(CF_ISSUER, headerSafe(CertificateFacts.issuer(leaf))));
    headers.add(new ForwardedHeader(CF_SUBJECT, headerSafe(CertificateFacts.subject(leaf))));
    headers.add(new ForwardedHeader(CF_SHA256, CertificateFacts.sha256Hex(leaf)));
    headers.add(new ForwardedHeader(CF_VALIDITY, CertificateFacts.validity(leaf)));
    headers.add(new ForwardedHeader(CF_PEM, PercentEncoding.encode(Pem.encode(leaf), "")));
  }

  private static void alb(List<X509Certificate> chain, List<ForwardedHeader> headers) {
    if (chain.isEmpty()) {
      return;
    }
    headers.add(
        new ForwardedHeader(
            ALB_CLIENT_CERT, PercentEncoding.encode(Pem.encodeChain(chain), "+=/")));
  }

  private static void xfcc(List<X509Certificate> chain, List<ForwardedHeader> headers) {
    if (chain.isEmpty()) {
      return;
    }
    X509Certificate leaf = chain.get(0);
    StringBuilder value = new StringBuilder();
    value.append("Hash=").append(CertificateFacts.sha256Hex(leaf));
    value.append(";Cert=").append(quote(PercentEncoding.encode(Pem.encode(leaf), "")));
    value.append(";Chain=").append(quote(PercentEncoding.encode(Pem.encodeChain(chain), "")));
    value.append(";Subject=").append(quote(headerSafe(CertificateFacts.subject(leaf))));
    for (String uri : CertificateFacts.uris(leaf)) {
      value.append(";URI=").append(quoteIfNeeded(headerSafe(uri)));
    }
    for (String dns : CertificateFacts.dnsNames(leaf)) {
      value.append(";DNS=").append(quoteIfNeeded(headerSafe(dns)));
    }
    headers.add(new ForwardedHeader(XFCC, value.toString()));
  }

  /**
   * Makes text from a certificate safe in a header value: control characters, DEL and non-ASCII
   * become RFC 4514 hex escapes of their UTF-8 bytes ({@code \0A}, {@code \C3\A9}), so a viewer
   * cannot smuggle line breaks or raw bytes into the origin's request through its subject name.
   */
  static String headerSafe(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean plain = c >= 0x20 && c < 0x7f;
      if (plain && out == null) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (plain) {
        out.append(c);
      } else {
        int end = Character.isHighSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
        for (byte b : text.substring(i, end).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
          out.append('\\').append(String.format("%02X", b & 0xff));
        }
        i = end - 1;
      }
    }
    return out == null ? text : out.toString();
  }

  private static String quoteIfNeeded(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ',' || c == ';' || c == '=' || c == '"' || c == '\\' || c <= ' ') {
        return quote(value);
      }
    }
    return value;
  }

  private static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.append('"').toString();
  }
}
