package io.mtlsedge.local;

import io.mtlsedge.common.pki.CertificateIssuer;
import io.mtlsedge.common.pki.IssuedCertificate;
import io.mtlsedge.common.pki.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The demo PKI under {@code <dir>/pki}: a root, an intermediate, a client leaf that chains to them,
 * a stranger leaf from another root (which the demo origin rejects), and the edge's server
 * certificate for {@code demo.localhost}, as a Kubernetes-style secret under {@code
 * <dir>/secrets/demo-tls}. Made once and kept, so that printed commands stay valid.
 */
public final class DemoPki {

  public static final String HOST = "demo.localhost";
  public static final String SECRET = "demo-tls";

  private final Path pki;
  private final Path secrets;

  private DemoPki(Path dir) {
    this.pki = dir.resolve("pki");
    this.secrets = dir.resolve("secrets");
  }

  /** The PKI under {@code dir}, made now if it is not there yet. */
  public static DemoPki ensure(Path dir) throws IOException {
    DemoPki demo = new DemoPki(dir);
    if (!Files.exists(demo.rootCertificate())
        || !Files.exists(demo.secretDir().resolve("tls.key"))) {
      demo.generate();
    }
    return demo;
  }

  private void generate() throws IOException {
    IssuedCertificate root = CertificateIssuer.root("CN=mtls-edge Demo Root CA,O=mtls-edge demo");
    IssuedCertificate intermediate =
        CertificateIssuer.intermediate("CN=mtls-edge Demo Partner CA,O=mtls-edge demo", root);
    IssuedCertificate client =
        CertificateIssuer.certificate("CN=demo-client,OU=partner-1,O=mtls-edge demo")
            .issuedBy(intermediate)
            .clientAuth()
            .uri("spiffe://demo.localhost/partner-1")
            .issue();
    IssuedCertificate strangerRoot = CertificateIssuer.root("CN=Unknown Root CA,O=elsewhere");
    IssuedCertificate stranger = CertificateIssuer.client("CN=stranger,O=elsewhere", strangerRoot);
    IssuedCertificate server = CertificateIssuer.server(HOST, intermediate);

    Files.createDirectories(pki);
    write(rootCertificate(), root.certificatePem());
    write(pki.resolve("intermediate.crt"), intermediate.certificatePem());
    write(clientCertificate(), client.chainPem());
    writePrivate(clientKey(), client.privateKeyPem());
    write(strangerCertificate(), stranger.chainPem());
    writePrivate(strangerKey(), stranger.privateKeyPem());
    Files.createDirectories(secretDir());
    write(secretDir().resolve("tls.crt"), server.chainPem());
    writePrivate(secretDir().resolve("tls.key"), server.privateKeyPem());
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text);
  }

  /** Writes a file only its owner may read: private keys and tokens. */
  static void writePrivate(Path file, String text) throws IOException {
    Files.deleteIfExists(file);
    try {
      Files.createFile(
          file,
          java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
              java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    }
    Files.writeString(file, text);
  }

  /** The root CA certificate, PEM: the demo origin's trust store. */
  public Path rootCertificate() {
    return pki.resolve("root.crt");
  }

  /** The demo client's chain, leaf then intermediate. */
  public Path clientCertificate() {
    return pki.resolve("client.crt");
  }

  public Path clientKey() {
    return pki.resolve("client.key");
  }

  /** A client chain from a root nobody trusts. */
  public Path strangerCertificate() {
    return pki.resolve("stranger.crt");
  }

  public Path strangerKey() {
    return pki.resolve("stranger.key");
  }

  /** Where the edge reads server certificates from: one folder per secret. */
  public Path secretsDir() {
    return secrets;
  }

  private Path secretDir() {
    return secrets.resolve(SECRET);
  }

  /** The root CA, parsed. */
  public List<X509Certificate> trustAnchors() throws IOException {
    return Pem.certificates(Files.readString(rootCertificate()));
  }
}
