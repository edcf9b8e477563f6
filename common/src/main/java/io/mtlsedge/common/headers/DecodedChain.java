package io.mtlsedge.common.headers;

import io.mtlsedge.common.config.HeaderProfile;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A chain read back from forwarded-certificate headers.
 *
 * @param chain leaf first
 * @param profile the profile it was read from
 */
public record DecodedChain(List<X509Certificate> chain, HeaderProfile profile) {

  public DecodedChain {
    chain = List.copyOf(chain);
  }

  /** The leaf certificate. */
  public X509Certificate leaf() {
    return chain.get(0);
  }
}
