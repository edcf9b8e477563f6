package io.mtlsedge.common.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/** A family of forwarded-certificate headers that an origin understands. */
public enum HeaderProfile {
  /** RFC 9440 {@code Client-Cert} and {@code Client-Cert-Chain}. */
  RFC9440,
  /** CloudFront's {@code CloudFront-Viewer-Cert-*} headers. */
  CLOUDFRONT,
  /** The ALB's {@code X-Amzn-Mtls-Clientcert}. */
  ALB,
  /** Envoy's {@code X-Forwarded-Client-Cert}. */
  XFCC;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses the wire name, as used in JSON.
   *
   * @throws IllegalArgumentException for an unknown profile
   */
  @JsonCreator
  public static HeaderProfile fromWire(String value) {
    for (HeaderProfile profile : values()) {
      if (profile.wireName().equals(value)) {
        return profile;
      }
    }
    throw new IllegalArgumentException(
        "unknown header profile '" + value + "', expected one of rfc9440, cloudfront, alb, xfcc");
  }

  /** The profiles a distribution forwards when it names none, by mode. */
  public static List<HeaderProfile> defaultsFor(MtlsMode mode) {
    return switch (mode) {
      case OFF -> List.of();
      case REQUIRED, OPTIONAL -> List.of(CLOUDFRONT);
      case PASSTHROUGH -> List.of(RFC9440, CLOUDFRONT);
    };
  }
}
