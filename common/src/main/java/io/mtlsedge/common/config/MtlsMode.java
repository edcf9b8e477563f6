package io.mtlsedge.common.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a distribution treats the viewer's client certificate. */
public enum MtlsMode {
  /** No CertificateRequest is sent. */
  OFF,
  /** A certificate is requested and must validate against the trust store. */
  REQUIRED,
  /** A certificate is requested; when presented it must validate. */
  OPTIONAL,
  /** A certificate is requested, not validated, and forwarded to the origin. */
  PASSTHROUGH;

  /** Whether the edge sends a TLS CertificateRequest in this mode. */
  public boolean requestsCertificate() {
    return this != OFF;
  }

  /** Whether the edge validates a presented chain against a trust store in this mode. */
  public boolean validatesAtEdge() {
    return this == REQUIRED || this == OPTIONAL;
  }

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses the wire name, as used in JSON.
   *
   * @throws IllegalArgumentException for anything but the four lowercase names
   */
  @JsonCreator
  public static MtlsMode fromWire(String value) {
    for (MtlsMode mode : values()) {
      if (mode.wireName().equals(value)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "unknown mode '" + value + "', expected one of off, required, optional, passthrough");
  }
}
