package io.mtlsedge.inspector.ingest;

import io.mtlsedge.common.config.TrustStore;
import io.mtlsedge.inspector.validation.TrustBundle;

/**
 * A trust store from the config topic with its certificates and CRLs parsed once.
 *
 * @param trustStore the record as published
 * @param bundle its parsed content
 */
public record LoadedTrustStore(TrustStore trustStore, TrustBundle bundle) {

  /** The version, 0 when the record carries none. */
  public long version() {
    return trustStore.version() == null ? 0 : trustStore.version();
  }
}
