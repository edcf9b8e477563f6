package io.mtlsedge.system;

import io.mtlsedge.common.pki.IssuedCertificate;
import io.mtlsedge.common.pki.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;

/** Reads a client chain and key that the demo PKI wrote, for a test viewer to present. */
final class DemoCertificates {

  private DemoCertificates() {}

  static IssuedCertificate load(Path chainFile, Path keyFile) throws IOException {
    List<X509Certificate> chain = Pem.certificates(Files.readString(chainFile));
    KeyPair keyPair =
        new KeyPair(chain.get(0).getPublicKey(), Pem.privateKey(Files.readString(keyFile)));
    return new IssuedCertificate(chain.get(0), keyPair, chain.subList(1, chain.size()));
  }
}
