package io.mtlsedge.common.config;

import java.util.List;

/**
 * A named bundle of CA certificates, with optional CRLs.
 *
 * @param id unique name
 * @param version the config version, set by the config service
 * @param pem the CA certificates, PEM
 * @param crls CRLs, each PEM
 */
public record TrustStore(String id, Long version, String pem, List<String> crls) {

  public TrustStore {
    crls = crls == null ? List.of() : List.copyOf(crls);
  }

  /** This trust store with another version. */
  public TrustStore withVersion(long newVersion) {
    return new TrustStore(id, newVersion, pem, crls);
  }
}
