package io.mtlsedge.inspector.ingest;

import io.mtlsedge.common.config.TrustStore;
import io.mtlsedge.common.pki.CertificateFacts;
import io.mtlsedge.inspector.validation.TrustBundle;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A trust store from the config topic with its certificates and CRLs parsed once.
 *
 * @param trustStore the record as published
 * @param bundle its parsed content
 * @param contentSha256 SHA-256 over its PEM and CRLs, lowercase hex: what a verdict depends on
 */
public record LoadedTrustStore(TrustStore trustStore, TrustBundle bundle, String contentSha256) {

  /** A loaded trust store with the hash of its content. */
  public static LoadedTrustStore of(TrustStore trustStore, TrustBundle bundle) {
    return new LoadedTrustStore(trustStore, bundle, contentSha256(trustStore));
  }

  /** The version, 0 when the record carries none. */
  public long version() {
    return trustStore.version() == null ? 0 : trustStore.version();
  }

  // Each part is length-prefixed, so that moving text between the PEM and a CRL changes the hash.
  static String contentSha256(TrustStore trustStore) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    append(content, trustStore.pem());
    for (String crl : trustStore.crls()) {
      append(content, crl);
    }
    return CertificateFacts.sha256Hex(content.toByteArray());
  }

  private static void append(ByteArrayOutputStream content, String part) {
    byte[] bytes = part == null ? new byte[0] : part.getBytes(StandardCharsets.UTF_8);
    content.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
    content.writeBytes(bytes);
  }
}
