package io.mtlsedge.inspector.validation;

import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/** What the leaf is checked for: the extended key usage it must allow. */
public enum Purpose {
  /** TLS client authentication, EKU clientAuth. */
  CLIENT(KeyPurposeId.id_kp_clientAuth.getId()),
  /** TLS server authentication, EKU serverAuth. */
  SERVER(KeyPurposeId.id_kp_serverAuth.getId()),
  /** No extended key usage is required. */
  ANY(null);

  private final String ekuOid;

  Purpose(String ekuOid) {
    this.ekuOid = ekuOid;
  }

  /** The EKU object identifier the leaf must carry when it has an EKU extension, or null. */
  public String ekuOid() {
    return ekuOid;
  }

  /** The name used in JSON. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The purpose with this wire name, if there is one. */
  public static Optional<Purpose> fromWire(String value) {
    for (Purpose purpose : values()) {
      if (purpose.wireName().equals(value)) {
        return Optional.of(purpose);
      }
    }
    return Optional.empty();
  }
}
