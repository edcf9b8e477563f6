package io.mtlsedge.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.mtlsedge.common.event.Json;
import io.mtlsedge.common.pki.CertificateFacts;
import io.mtlsedge.common.pki.IssuedCertificate;
import io.mtlsedge.local.DemoPki;
import io.mtlsedge.local.LocalStack;
import io.mtlsedge.testing.BuildRoot;
import io.mtlsedge.testing.HttpReply;
import io.mtlsedge.testing.RecordingOrigin;
import io.mtlsedge.testing.SharedKafkaBroker;
import io.mtlsedge.testing.ViewerClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged config service, inspector and edge, each in its own JVM on the build's Kafka broker,
 * driven the way a user drives them: through the config API, real TLS viewers and the inspector
 * API.
 */
class WholeSystemTest {

  private static final Duration DEPLOY = Duration.ofSeconds(60);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static LocalStack stack;
  private static IssuedCertificate demoClient;
  private static IssuedCertificate stranger;

  @BeforeAll
  static void startTheSystem() throws Exception {
    Path root = BuildRoot.find();
    String prefix = "sys" + Integer.toHexString(ThreadLocalRandom.current().nextInt()) + "-";
    stack =
        LocalStack.start(
            new LocalStack.Options(
                root,
                root.resolve("system-tests/target/stack"),
                LocalStack.Ports.free(),
                SharedKafkaBroker.bootstrapServers(),
                prefix,
                false));
    DemoPki pki = stack.pki();
    demoClient = DemoCertificates.load(pki.clientCertificate(), pki.clientKey());
    stranger = DemoCertificates.load(pki.strangerCertificate(), pki.strangerKey());
  }

  @AfterAll
  static void stopTheSystem() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void theDemoOriginVerifiesTheChainThatThePassthroughEdgeForwarded() throws Exception {
    JsonNode trusted = whoami(demoClient);
    assertThat(trusted.path("verified").asBoolean()).isTrue();
    assertThat(trusted.path("chainLength").asInt()).isEqualTo(2);
    assertThat(trusted.path("subject").asText())
        .isEqualTo("CN=demo-client,OU=partner-1,O=mtls-edge demo");

    JsonNode untrusted = whoami(stranger);
    assertThat(untrusted.path("verified").asBoolean()).isFalse();
    assertThat(untrusted.path("reason").asText()).contains("trust store");

    JsonNode anonymous = whoami(null);
    assertThat(anonymous.path("verified").asBoolean()).isFalse();
    assertThat(anonymous.path("chainLength").asInt()).isZero();
  }

  @Test
  void theInspectorRecordsEachCertificateWithTheVerdictTheOriginWouldReach() throws Exception {
    whoami(demoClient);
    whoami(stranger);
    String validSha = CertificateFacts.sha256Hex(demoClient.certificate());
    String strangerSha = CertificateFacts.sha256Hex(stranger.certificate());

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode inventory = inspector("/api/v1/certificates?distribution=demo");
              assertThat(verdictOf(inventory, validSha)).isEqualTo("valid");
              assertThat(verdictOf(inventory, strangerSha)).isEqualTo("untrusted");
            });
  }

  @Test
  void aDistributionWrittenToTheApiServesTrafficAndUpdatesWithoutDroppingConnections()
      throws Exception {
    try (RecordingOrigin blue = RecordingOrigin.start("blue");
        RecordingOrigin green = RecordingOrigin.start("green")) {
      HttpResponse<String> created =
          config("POST", "/api/v1/distributions", distributionJson(blue.url()), null);
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      String etag = created.headers().firstValue("ETag").orElseThrow();
      awaitDeployed("rollout", version(etag));

      try (ViewerClient older =
          ViewerClient.connect(stack.ports().viewer(), "rollout.localhost", demoClient)) {
        assertThat(older.get("/").body()).isEqualTo("hello from blue");
        assertThat(blue.take(Duration.ofSeconds(10)).header("Client-Cert")).isNotNull();

        HttpResponse<String> updated =
            config("PUT", "/api/v1/distributions/rollout", distributionJson(green.url()), etag);
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        long newVersion = version(updated.headers().firstValue("ETag").orElseThrow());
        assertThat(newVersion).isGreaterThan(version(etag));
        awaitDeployed("rollout", newVersion);

        try (ViewerClient newer =
            ViewerClient.connect(stack.ports().viewer(), "rollout.localhost", demoClient)) {
          assertThat(newer.get("/").body()).isEqualTo("hello from green");
          green.take(Duration.ofSeconds(10));
        }
        HttpReply again = older.get("/still-here");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo("hello from green");
        assertThat(green.take(Duration.ofSeconds(10)).path()).isEqualTo("/still-here");
      }
    }
  }

  private static String distributionJson(String originUrl) {
    return """
    {
      "id": "rollout",
      "aliases": ["rollout.localhost"],
      "viewerCertificate": {"secretName": "%s"},
      "viewerMtls": {"mode": "passthrough"},
      "origins": [{"id": "app", "url": "%s"}],
      "defaultBehavior": {"originId": "app"},
      "originValidation": {"trustStoreId": "demo-root"}
    }
    """
        .formatted(DemoPki.SECRET, originUrl);
  }

  private static long version(String etag) {
    return Long.parseLong(etag.replace("W/", "").replace("\"", ""));
  }

  private static void awaitDeployed(String id, long version) {
    await()
        .atMost(DEPLOY)
        .untilAsserted(
            () -> {
              JsonNode status =
                  Json.mapper()
                      .readTree(
                          config("GET", "/api/v1/distributions/" + id + "/status", null, null)
                              .body());
              assertThat(status.path("version").asLong()).isEqualTo(version);
              assertThat(status.path("status").asText()).isEqualTo("Deployed");
            });
  }

  private static JsonNode whoami(IssuedCertificate client) throws IOException {
    try (ViewerClient viewer = ViewerClient.connect(stack.ports().viewer(), DemoPki.HOST, client)) {
      HttpReply reply = viewer.get("/whoami");
      assertThat(reply.status()).isEqualTo(200);
      return Json.mapper().readTree(reply.body());
    }
  }

  private static String verdictOf(JsonNode inventory, String sha256) {
    for (JsonNode entry : inventory) {
      if (sha256.equals(entry.path("sha256").asText())) {
        return entry.path("verdict").asText();
      }
    }
    return null;
  }

  private static JsonNode inspector(String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.ports().inspector() + path))
            .GET()
            .build();
    return Json.mapper().readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
  }

  private static HttpResponse<String> config(
      String method, String path, String body, String ifMatch) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + stack.ports().configService() + path))
            .header("Authorization", "Bearer " + stack.adminToken())
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
