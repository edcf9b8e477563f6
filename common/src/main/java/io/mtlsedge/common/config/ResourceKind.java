package io.mtlsedge.common.config;

import java.util.Optional;

/** The kinds of resource on the config topic; each record key is {@code <kind>/<id>}. */
public enum ResourceKind {
  DISTRIBUTION("distribution"),
  TRUST_STORE("trust-store"),
  CONNECTION_FUNCTION("connection-function"),
  KEY_VALUE_STORE("key-value-store");

  private final String keyPrefix;

  ResourceKind(String keyPrefix) {
    this.keyPrefix = keyPrefix;
  }

  /** The record key of the resource {@code id} of this kind. */
  public String key(String id) {
    return keyPrefix + "/" + id;
  }

  /** The kind named by a record key, if the key is well formed. */
  public static Optional<ResourceKind> ofKey(String key) {
    if (key == null) {
      return Optional.empty();
    }
    int slash = key.indexOf('/');
    if (slash <= 0 || slash == key.length() - 1) {
      return Optional.empty();
    }
    String prefix = key.substring(0, slash);
    for (ResourceKind kind : values()) {
      if (kind.keyPrefix.equals(prefix)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  /** The id part of a record key. */
  public static String idOf(String key) {
    return key.substring(key.indexOf('/') + 1);
  }
}
