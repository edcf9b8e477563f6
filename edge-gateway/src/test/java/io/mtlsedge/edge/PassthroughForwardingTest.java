package io.mtlsedge.edge;

import static io.mtlsedge.edge.EdgeTestSupport.CLIENT;
import static io.mtlsedge.edge.EdgeTestSupport.INTERMEDIATE;
import static io.mtlsedge.edge.EdgeTestSupport.distribution;
import static io.mtlsedge.edge.EdgeTestSupport.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtlsedge.common.config.HeaderProfile;
import io.mtlsedge.common.config.MtlsMode;
import io.mtlsedge.common.pki.CertificateFacts;
import io.mtlsedge.edge.catalog.ConfigLog;
import io.mtlsedge.edge.viewer.ViewerServer;
import io.mtlsedge.testing.HttpReply;
import io.mtlsedge.testing.KafkaTestResource;
import io.mtlsedge.testing.RecordingOrigin;
import io.mtlsedge.testing.ViewerClient;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
class PassthroughForwardingTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static RecordingOrigin origin;

  @Inject ConfigLog configLog;
  @Inject ViewerServer viewerServer;
  @Inject io.micrometer.core.instrument.MeterRegistry registry;

  @BeforeAll
  static void startOrigin() {
    origin = RecordingOrigin.start("app");
  }

  @AfterAll
  static void stopOrigin() {
    origin.close();
  }

  @BeforeEach
  void distributions() {
    publish(configLog, distribution("pass", "pass.test", MtlsMode.PASSTHROUGH, origin.url(), 1));
    publish(configLog, distribution("plain", "plain.test", MtlsMode.OFF, origin.url(), 1));
    publish(
        configLog,
        distribution(
            "every-profile",
            "every.test",
            MtlsMode.PASSTHROUGH,
            origin.url(),
            1,
            null,
            List.of(HeaderProfile.values())));
  }

  @Test
  void passthroughForwardsTheChainAsByteExactRfc9440Headers() throws Exception {
    try (ViewerClient viewer = ViewerClient.connect(viewerServer.port(), "pass.test", CLIENT)) {
      HttpReply reply =
          viewer.get("/hello?x=1", Map.of("X-Request-Tag", "tag-1", "User-Agent", "t"));

      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.body()).isEqualTo("hello from app");
      RecordingOrigin.Received received = origin.take(WAIT);
      assertThat(received.path()).isEqualTo("/hello?x=1");
      assertThat(received.header("X-Request-Tag")).isEqualTo("tag-1");
      assertThat(received.header("User-Agent")).isEqualTo("t");
      assertThat(received.headerValues("Client-Cert"))
          .containsExactly(":" + b64(CLIENT.certificate().getEncoded()) + ":");
      assertThat(received.headerValues("Client-Cert-Chain"))
          .containsExactly(":" + b64(INTERMEDIATE.certificate().getEncoded()) + ":");
      assertThat(received.header("CloudFront-Viewer-Cert-Present")).isEqualTo("1");
      assertThat(received.header("CloudFront-Viewer-Cert-Sha256"))
          .isEqualTo(CertificateFacts.sha256Hex(CLIENT.certificate()));
      assertThat(received.header("CloudFront-Viewer-Cert-Subject"))
          .isEqualTo("CN=client-1,OU=partners,O=mtls-edge tests");
      assertThat(received.header("CloudFront-Viewer-Cert-Issuer"))
          .isEqualTo("CN=Test Intermediate,O=mtls-edge tests");
      assertThat(received.header("X-Forwarded-Proto")).isEqualTo("https");
      assertThat(received.header("X-Forwarded-Host")).isEqualTo("pass.test");
    }
  }

  @Test
  void theSameHeadersGoWithEveryRequestOnAConnection() {
    try (ViewerClient viewer = ViewerClient.connect(viewerServer.port(), "pass.test", CLIENT)) {
      viewer.get("/one");
      viewer.get("/two");

      String first = origin.take(WAIT).header("Client-Cert");
      String second = origin.take(WAIT).header("Client-Cert");
      assertThat(second).isNotNull().isEqualTo(first);
    }
  }

  @Test
  void spoofedCertificateHeadersFromTheViewerNeverReachTheOrigin() {
    Map<String, String> spoofed =
        Map.of(
            "Client-Cert", ":AAAA:",
            "client-cert-chain", ":AAAA:",
            "CloudFront-Viewer-Cert-Present", "1",
            "CloudFront-Viewer-Cert-Subject", "CN=admin",
            "X-Amzn-Mtls-Clientcert", "forged",
            "X-Forwarded-Client-Cert", "Hash=00",
            "Client_Cert", ":AAAA:",
            "CloudFront_Viewer_Cert_Subject", "CN=admin");
    try (ViewerClient withCert = ViewerClient.connect(viewerServer.port(), "pass.test", CLIENT);
        ViewerClient withoutCert = ViewerClient.connect(viewerServer.port(), "pass.test", null);
        ViewerClient offMode = ViewerClient.connect(viewerServer.port(), "plain.test", null)) {
      withCert.get("/a", spoofed);
      RecordingOrigin.Received real = origin.take(WAIT);
      assertThat(real.headerValues("Client-Cert")).hasSize(1).doesNotContain(":AAAA:");
      assertThat(real.headerValues("CloudFront-Viewer-Cert-Subject"))
          .containsExactly("CN=client-1,OU=partners,O=mtls-edge tests");
      assertThat(real.headers())
          .doesNotContainKeys("x-amzn-mtls-clientcert", "x-forwarded-client-cert");

      withoutCert.get("/b", spoofed);
      RecordingOrigin.Received none = origin.take(WAIT);
      assertThat(none.headers()).doesNotContainKeys("client-cert", "client-cert-chain");
      assertThat(none.headerValues("CloudFront-Viewer-Cert-Present")).containsExactly("0");
      assertThat(none.headers()).doesNotContainKey("cloudfront-viewer-cert-subject");

      offMode.get("/c", spoofed);
      RecordingOrigin.Received off = origin.take(WAIT);
      assertThat(off.headers().keySet())
          .noneMatch(name -> name.startsWith("client-cert") || name.startsWith("cloudfront-viewer"))
          .doesNotContain("x-amzn-mtls-clientcert", "x-forwarded-client-cert");
    }
  }

  @Test
  void aConnectionWithoutCertificateIsForwardedWithPresentZeroAndNoRfc9440Headers() {
    try (ViewerClient viewer = ViewerClient.connect(viewerServer.port(), "pass.test", null)) {
      assertThat(viewer.get("/anonymous").status()).isEqualTo(200);

      RecordingOrigin.Received received = origin.take(WAIT);
      assertThat(received.header("CloudFront-Viewer-Cert-Present")).isEqualTo("0");
      assertThat(received.headers()).doesNotContainKeys("client-cert", "client-cert-chain");
    }
  }

  @Test
  void offModeSendsNoCertificateRequest() {
    try (ViewerClient viewer = ViewerClient.connect(viewerServer.port(), "plain.test", CLIENT)) {
      assertThat(viewer.get("/").status()).isEqualTo(200);

      // The client had a certificate to offer; it sent none because none was asked for.
      assertThat(viewer.session().getLocalCertificates()).isNull();
      assertThat(origin.take(WAIT).headers()).doesNotContainKey("cloudfront-viewer-cert-present");
    }
  }

  @Test
  void everyProfileEncodesTheSameChain() throws Exception {
    try (ViewerClient viewer = ViewerClient.connect(viewerServer.port(), "every.test", CLIENT)) {
      viewer.get("/");

      RecordingOrigin.Received received = origin.take(WAIT);
      var decoded =
          io.mtlsedge.common.headers.ForwardedHeaderDecoder.decode(received::header).orElseThrow();
      assertThat(decoded.chain()).containsExactly(CLIENT.certificate(), INTERMEDIATE.certificate());
      String alb = received.header("X-Amzn-Mtls-Clientcert");
      assertThat(alb)
          .startsWith("-----BEGIN%20CERTIFICATE-----%0A")
          .doesNotContain("%2B", "%2F", "%3D");
      String xfcc = received.header("X-Forwarded-Client-Cert");
      assertThat(xfcc)
          .startsWith("Hash=" + CertificateFacts.sha256Hex(CLIENT.certificate()) + ";Cert=\"")
          .contains(";Subject=\"CN=client-1,OU=partners,O=mtls-edge tests\"");
    }
  }

  @Test
  void aRequestBodyStreamsToTheOriginAndTheAnswerComesBack() {
    String body = "x".repeat(256 * 1024);
    try (ViewerClient viewer = ViewerClient.connect(viewerServer.port(), "pass.test", CLIENT)) {
      HttpReply reply = viewer.send("POST", "/upload", Map.of("Content-Type", "text/plain"), body);

      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.body()).isEqualTo("hello from app, got " + body.length() + " bytes");
      RecordingOrigin.Received received = origin.take(WAIT);
      assertThat(received.method()).isEqualTo("POST");
      assertThat(received.body()).isEqualTo(body);
      assertThat(received.header("Client-Cert")).isNotNull();
    }
  }

  @Test
  void requestTargetsThatCouldEscapeACacheBehaviorAreRefused() {
    try (ViewerClient viewer = ViewerClient.connect(viewerServer.port(), "pass.test", CLIENT)) {
      assertThat(viewer.get("/static/../admin").status()).isEqualTo(400);
      assertThat(viewer.get("/static/%2e%2e/admin").status()).isEqualTo(400);
      assertThat(viewer.get("http://other.test/").status()).isEqualTo(400);
      assertThat(viewer.get("/fine").status()).isEqualTo(200);
      assertThat(origin.take(WAIT).path()).isEqualTo("/fine");
    }
  }

  @Test
  void aViewerWithoutSniGetsTheDefaultServerName() {
    // The test profile sets mtls.edge.default-server-name=pass.test.
    try (ViewerClient viewer = ViewerClient.connect(viewerServer.port(), null, CLIENT)) {
      assertThat(viewer.get("/no-sni", Map.of("Host", "pass.test")).status()).isEqualTo(200);
      assertThat(origin.take(WAIT).header("Client-Cert")).isNotNull();
    }
  }

  @Test
  void anUnknownServerNameIsRefusedDuringTheHandshakeAndCounted() {
    double before = failedHandshakes();

    assertThatThrownBy(() -> ViewerClient.connect(viewerServer.port(), "nobody.test", CLIENT))
        .isInstanceOf(UncheckedIOException.class);

    org.awaitility.Awaitility.await().atMost(WAIT).until(() -> failedHandshakes() > before);
  }

  @Test
  void requestsHandshakesAndTheConfigOffsetAreExportedAsMetrics() {
    try (ViewerClient viewer = ViewerClient.connect(viewerServer.port(), "pass.test", CLIENT)) {
      viewer.get("/counted");
      origin.take(WAIT);
    }
    String metrics =
        io.restassured.RestAssured.given()
            .get("/q/metrics")
            .then()
            .statusCode(200)
            .extract()
            .asString();

    assertThat(metrics)
        .contains("mtls_edge_requests_total{status=\"2xx\"}")
        .contains("mtls_edge_handshakes_total{status=\"Success\"}")
        .containsPattern("mtls_edge_config_offset [1-9]")
        .contains("mtls_edge_events_dropped_total");
  }

  private double failedHandshakes() {
    var counter =
        registry.find("mtls.edge.handshakes").tag("status", "Failed:UnknownServerName").counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void aHostHeaderOfAnotherDistributionIsMisdirected() {
    try (ViewerClient viewer = ViewerClient.connect(viewerServer.port(), "plain.test", null)) {
      HttpReply reply = viewer.get("/", Map.of());
      assertThat(reply.status()).isEqualTo(200);
      origin.take(WAIT);
    }
    try (ViewerClient viewer = ViewerClient.connect(viewerServer.port(), "plain.test", null)) {
      // ViewerClient sends Host = SNI; a raw Host override is what a fronting attack does.
      HttpReply reply = viewer.get("/", Map.of("Host", "pass.test"));
      assertThat(reply.status()).isEqualTo(421);
      assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
      assertThat(reply.body())
          .contains("\"type\":\"urn:mtls-edge:problem:edge\"", "\"status\":421");
    }
  }

  private static String b64(byte[] der) {
    return Base64.getEncoder().encodeToString(der);
  }
}
