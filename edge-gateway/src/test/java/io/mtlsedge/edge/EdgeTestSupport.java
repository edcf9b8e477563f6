package io.mtlsedge.edge;

import static org.awaitility.Awaitility.await;

import io.mtlsedge.common.config.CacheBehavior;
import io.mtlsedge.common.config.Distribution;
import io.mtlsedge.common.config.ForwardedHeaders;
import io.mtlsedge.common.config.HeaderProfile;
import io.mtlsedge.common.config.MtlsMode;
import io.mtlsedge.common.config.Origin;
import io.mtlsedge.common.config.ViewerCertificate;
import io.mtlsedge.common.config.ViewerMtls;
import io.mtlsedge.common.pki.CertificateIssuer;
import io.mtlsedge.common.pki.IssuedCertificate;
import io.mtlsedge.edge.catalog.ConfigLog;
import io.mtlsedge.edge.catalog.EdgeDistribution;
import io.mtlsedge.testing.ConfigTopicWriter;
import io.mtlsedge.testing.KafkaTestResource;
import io.mtlsedge.testing.SharedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A test PKI, server-certificate secrets, and distributions written to the edge's config topic. */
final class EdgeTestSupport {

  static final IssuedCertificate ROOT = CertificateIssuer.root("CN=Test Root,O=mtls-edge tests");
  static final IssuedCertificate INTERMEDIATE =
      CertificateIssuer.intermediate("CN=Test Intermediate,O=mtls-edge tests", ROOT);
  static final IssuedCertificate CLIENT =
      CertificateIssuer.client("CN=client-1,OU=partners,O=mtls-edge tests", INTERMEDIATE);

  private EdgeTestSupport() {}

  /** Writes a server certificate for {@code host} as the secret {@code name}. */
  static void writeSecret(String name, String host) {
    IssuedCertificate server = CertificateIssuer.server(host, INTERMEDIATE);
    Path dir = Path.of("target/test-secrets", name);
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("tls.crt"), server.chainPem());
      Files.writeString(dir.resolve("tls.key"), server.privateKeyPem());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A distribution with one origin and the mode's default headers. */
  static Distribution distribution(
      String id, String alias, MtlsMode mode, String originUrl, long version) {
    return distribution(id, alias, mode, originUrl, version, null, null);
  }

  static Distribution distribution(
      String id,
      String alias,
      MtlsMode mode,
      String originUrl,
      long version,
      Integer maxChainDepth,
      List<HeaderProfile> profiles) {
    return new Distribution(
        id,
        version,
        true,
        List.of(alias),
        new ViewerCertificate(id + "-tls"),
        new ViewerMtls(mode, null, false, false, maxChainDepth, null, null),
        new ForwardedHeaders(profiles, null),
        List.of(new Origin("app", originUrl, null)),
        new CacheBehavior(null, "app", null, null),
        List.of(),
        null);
  }

  /** Writes the secret and the distribution, then waits until the edge serves that version. */
  static void publish(ConfigLog configLog, Distribution distribution) {
    writeSecret(distribution.viewerCertificate().secretName(), distribution.aliases().get(0));
    try (ConfigTopicWriter writer = writer()) {
      writer.put(distribution);
    }
    awaitVersion(configLog, distribution.id(), distribution.version());
  }

  static void awaitVersion(ConfigLog configLog, String id, long version) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                configLog
                        .current()
                        .map(c -> c.distribution(id))
                        .map(EdgeDistribution::version)
                        .orElse(-1L)
                    == version);
  }

  static ConfigTopicWriter writer() {
    return new ConfigTopicWriter(
        SharedKafkaBroker.bootstrapServers(), KafkaTestResource.topics().config());
  }
}
