package io.mtlsedge.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtlsedge.common.pki.IssuedCertificate;
import io.mtlsedge.local.DemoPki;
import io.mtlsedge.local.LocalStack;
import io.mtlsedge.testing.BuildRoot;
import io.mtlsedge.testing.ViewerClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole system with a broker of its own, which the test then stops: the edge must stay ready
 * and keep serving its last configuration, survive a restart from its local snapshot, and the
 * config API must refuse writes rather than half-apply them.
 */
class KafkaOutageTest {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static LocalStack stack;
  private static IssuedCertificate client;

  @BeforeAll
  static void startTheSystemAndStopKafka() throws Exception {
    Path root = BuildRoot.find();
    stack =
        LocalStack.start(
            new LocalStack.Options(
                root,
                root.resolve("system-tests/target/outage-stack"),
                LocalStack.Ports.free(),
                null,
                "",
                true));
    client = DemoCertificates.load(stack.pki().clientCertificate(), stack.pki().clientKey());
    stack.stopKafka();
  }

  @AfterAll
  static void stopTheSystem() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void theEdgeStaysReadyAndServesItsLastConfigurationAcrossARestart() throws Exception {
    assertThat(edgeReadiness()).isEqualTo(200);
    assertThat(whoamiVerified()).isTrue();

    stack.restart("edge-gateway");

    assertThat(edgeReadiness()).isEqualTo(200);
    assertThat(whoamiVerified()).isTrue();
  }

  @Test
  void configWritesAreRefusedWithoutKafkaAndReadsStillAnswer() throws Exception {
    HttpResponse<String> write =
        config(
            HttpRequest.newBuilder(configUri("/api/v1/trust-stores"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"id\": \"late\", \"pem\": "
                            + io.mtlsedge.common.event.Json.mapper()
                                .writeValueAsString(Files.readString(stack.pki().rootCertificate()))
                            + "}")));
    assertThat(write.statusCode()).as(write.body()).isEqualTo(503);
    assertThat(write.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");

    HttpResponse<String> read =
        config(HttpRequest.newBuilder(configUri("/api/v1/distributions/demo")));
    assertThat(read.statusCode()).isEqualTo(200);
    HttpResponse<String> notWritten =
        config(HttpRequest.newBuilder(configUri("/api/v1/trust-stores/late")));
    assertThat(notWritten.statusCode()).isEqualTo(404);
  }

  private static boolean whoamiVerified() throws Exception {
    try (ViewerClient viewer = ViewerClient.connect(stack.ports().viewer(), DemoPki.HOST, client)) {
      return io.mtlsedge.common.event.Json.mapper()
          .readTree(viewer.get("/whoami").body())
          .path("verified")
          .asBoolean();
    }
  }

  private static int edgeReadiness() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:" + stack.ports().edgeManagement() + "/q/health/ready"))
            .timeout(Duration.ofSeconds(10))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private static URI configUri(String path) {
    return URI.create("http://127.0.0.1:" + stack.ports().configService() + path);
  }

  private static HttpResponse<String> config(HttpRequest.Builder request) throws Exception {
    return HTTP.send(
        request
            .header("Authorization", "Bearer " + stack.adminToken())
            .timeout(Duration.ofSeconds(60))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
