package io.mtlsedge.edge;

import static io.mtlsedge.edge.EdgeTestSupport.CLIENT;
import static io.mtlsedge.edge.EdgeTestSupport.INTERMEDIATE;
import static io.mtlsedge.edge.EdgeTestSupport.distribution;
import static io.mtlsedge.edge.EdgeTestSupport.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mtlsedge.common.config.MtlsMode;
import io.mtlsedge.common.pki.Pem;
import io.mtlsedge.edge.catalog.ConfigLog;
import io.mtlsedge.edge.viewer.ViewerServer;
import io.mtlsedge.testing.KafkaTestResource;
import io.mtlsedge.testing.RecordingOrigin;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A resumed TLS session must forward the same chain as the handshake that made it. The JDK client
 * does not resume against BoringSSL reliably, so this uses the openssl command-line client, which
 * resumes on request; the test is skipped where openssl is not installed.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
class SessionResumptionTest {

  @Inject ConfigLog configLog;
  @Inject ViewerServer viewerServer;

  @ParameterizedTest
  @ValueSource(strings = {"-tls1_2", "-tls1_3"})
  void aResumedSessionForwardsTheWholeChainAgain(String protocol) throws Exception {
    assumeTrue(opensslAvailable(), "openssl is not installed");
    try (RecordingOrigin origin = RecordingOrigin.start("resumed")) {
      publish(
          configLog, distribution("resume", "resume.test", MtlsMode.PASSTHROUGH, origin.url(), 1));
      Path dir = Files.createTempDirectory("resumption");
      Path session = dir.resolve("session.pem");
      String expectedChain = ":" + Pem.base64Der(INTERMEDIATE.certificate()) + ":";

      String first = sClient(dir, protocol, "-sess_out", session);
      assertThat(first).contains("New,");
      assertThat(origin.take(Duration.ofSeconds(10)).header("Client-Cert-Chain"))
          .isEqualTo(expectedChain);

      String second = sClient(dir, protocol, "-sess_in", session);
      assertThat(second).contains("Reused,");
      RecordingOrigin.Received resumed = origin.take(Duration.ofSeconds(10));
      assertThat(resumed.header("Client-Cert"))
          .isEqualTo(":" + Pem.base64Der(CLIENT.certificate()) + ":");
      assertThat(resumed.header("Client-Cert-Chain")).isEqualTo(expectedChain);
    }
  }

  private String sClient(Path dir, String protocol, String sessionFlag, Path session)
      throws IOException, InterruptedException {
    Path leaf = dir.resolve("leaf.pem");
    Path chain = dir.resolve("chain.pem");
    Path key = dir.resolve("key.pem");
    Files.writeString(leaf, CLIENT.certificatePem());
    Files.writeString(chain, Pem.encode(INTERMEDIATE.certificate()));
    Files.writeString(key, CLIENT.privateKeyPem());
    List<String> command =
        new ArrayList<>(
            List.of(
                "openssl",
                "s_client",
                protocol,
                "-connect",
                "127.0.0.1:" + viewerServer.port(),
                "-servername",
                "resume.test",
                "-cert",
                leaf.toString(),
                "-cert_chain",
                chain.toString(),
                "-key",
                key.toString(),
                sessionFlag,
                session.toString(),
                "-ign_eof"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process
        .getOutputStream()
        .write(
            "GET / HTTP/1.1\r\nHost: resume.test\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
    process.getOutputStream().close();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  private static boolean opensslAvailable() {
    try {
      return new ProcessBuilder("openssl", "version").start().waitFor(5, TimeUnit.SECONDS);
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
