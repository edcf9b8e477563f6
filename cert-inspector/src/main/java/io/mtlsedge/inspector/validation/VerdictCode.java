package io.mtlsedge.inspector.validation;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** How a chain was classified; the wire names are part of the public API. */
public enum VerdictCode {
  VALID,
  EXPIRED,
  NOT_YET_VALID,
  UNTRUSTED,
  BAD_SIGNATURE,
  REVOKED,
  CONSTRAINT_VIOLATED,
  WRONG_PURPOSE,
  WEAK_CRYPTO,
  MALFORMED,
  OVER_LIMITS;

  /** The name used in JSON, such as {@code not-yet-valid}. */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The code with this wire name, if there is one. */
  public static Optional<VerdictCode> fromWire(String value) {
    for (VerdictCode code : values()) {
      if (code.wireName().equals(value)) {
        return Optional.of(code);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return wireName();
  }
}
