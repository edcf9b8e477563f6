package io.mtlsedge.common.pki;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** One BouncyCastle provider instance, used explicitly rather than installed JVM-wide. */
public final class BouncyCastle {

  private static final Provider PROVIDER = new BouncyCastleProvider();

  private BouncyCastle() {}

  public static Provider provider() {
    return PROVIDER;
  }
}
