package io.mtlsedge.edge;

import static io.mtlsedge.edge.EdgeTestSupport.CLIENT;
import static io.mtlsedge.edge.EdgeTestSupport.awaitVersion;
import static io.mtlsedge.edge.EdgeTestSupport.distribution;
import static io.mtlsedge.edge.EdgeTestSupport.publish;
import static io.mtlsedge.edge.EdgeTestSupport.writer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.mtlsedge.common.config.MtlsMode;
import io.mtlsedge.common.config.ResourceKind;
import io.mtlsedge.common.event.EdgeStatus;
import io.mtlsedge.common.event.Json;
import io.mtlsedge.edge.catalog.ConfigLog;
import io.mtlsedge.edge.viewer.ViewerServer;
import io.mtlsedge.testing.ConfigTopicWriter;
import io.mtlsedge.testing.KafkaTestResource;
import io.mtlsedge.testing.RecordingOrigin;
import io.mtlsedge.testing.SharedKafkaBroker;
import io.mtlsedge.testing.TopicReader;
import io.mtlsedge.testing.ViewerClient;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
class ConfigFollowingTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @Inject ConfigLog configLog;
  @Inject ViewerServer viewerServer;

  @Test
  void anUpdateAppliesWhileAnOlderConnectionKeepsWorking() {
    try (RecordingOrigin blue = RecordingOrigin.start("blue");
        RecordingOrigin green = RecordingOrigin.start("green")) {
      publish(
          configLog, distribution("rollout", "rollout.test", MtlsMode.PASSTHROUGH, blue.url(), 1));
      try (ViewerClient older = ViewerClient.connect(viewerServer.port(), "rollout.test", CLIENT)) {
        assertThat(older.get("/").body()).isEqualTo("hello from blue");
        blue.take(WAIT);

        publish(
            configLog,
            distribution("rollout", "rollout.test", MtlsMode.PASSTHROUGH, green.url(), 2));

        try (ViewerClient newer =
            ViewerClient.connect(viewerServer.port(), "rollout.test", CLIENT)) {
          assertThat(newer.get("/").body()).isEqualTo("hello from green");
          green.take(WAIT);
        }
        // The older connection was not dropped; its next request follows the new version.
        assertThat(older.get("/again").body()).isEqualTo("hello from green");
        assertThat(green.take(WAIT).header("Client-Cert")).isNotNull();
      }
    }
  }

  @Test
  void connectionsArrivingWhileChangesApplyAreNeverRefused() throws Exception {
    try (RecordingOrigin origin = RecordingOrigin.start("busy");
        ConfigTopicWriter writer = writer()) {
      publish(configLog, distribution("busy", "busy.test", MtlsMode.PASSTHROUGH, origin.url(), 1));
      Thread changes =
          new Thread(
              () -> {
                for (long version = 2; version <= 30; version++) {
                  writer.put(
                      distribution(
                          "busy", "busy.test", MtlsMode.PASSTHROUGH, origin.url(), version));
                }
              });
      changes.start();
      int connections = 0;
      while (changes.isAlive() || connections < 20) {
        try (ViewerClient viewer = ViewerClient.connect(viewerServer.port(), "busy.test", CLIENT)) {
          assertThat(viewer.get("/").status()).isEqualTo(200);
        }
        connections++;
      }
      changes.join();
      awaitVersion(configLog, "busy", 30);
      assertThat(connections).isGreaterThanOrEqualTo(20);
    }
  }

  @Test
  void aModeChangeAppliesToNewHandshakes() {
    try (RecordingOrigin origin = RecordingOrigin.start("mode")) {
      publish(configLog, distribution("switch", "switch.test", MtlsMode.OFF, origin.url(), 1));
      try (ViewerClient viewer = ViewerClient.connect(viewerServer.port(), "switch.test", CLIENT)) {
        viewer.get("/");
        assertThat(viewer.session().getLocalCertificates()).isNull();
      }
      publish(
          configLog, distribution("switch", "switch.test", MtlsMode.PASSTHROUGH, origin.url(), 2));
      try (ViewerClient viewer = ViewerClient.connect(viewerServer.port(), "switch.test", CLIENT)) {
        viewer.get("/");
        assertThat(viewer.session().getLocalCertificates()).hasSize(2);
      }
    }
  }

  @Test
  void aBadRecordKeepsTheLastGoodVersionAndIsReportedOnTheStatusTopic() {
    try (RecordingOrigin origin = RecordingOrigin.start("steady");
        ConfigTopicWriter writer = writer()) {
      publish(
          configLog, distribution("steady", "steady.test", MtlsMode.PASSTHROUGH, origin.url(), 1));

      String key = ResourceKind.DISTRIBUTION.key("steady");
      writer.putRaw(
          key,
          "{\"id\": \"steady\", \"viewerMtls\": {\"mode\": \"sideways\"}}"
              .getBytes(StandardCharsets.UTF_8));
      await().atMost(WAIT).until(() -> configLog.current().orElseThrow().errors().containsKey(key));

      awaitVersion(configLog, "steady", 1);
      try (ViewerClient viewer = ViewerClient.connect(viewerServer.port(), "steady.test", CLIENT)) {
        assertThat(viewer.get("/").status()).isEqualTo(200);
        origin.take(WAIT);
      }
      TopicReader.await(
          SharedKafkaBroker.bootstrapServers(),
          KafkaTestResource.topics().status(),
          record -> {
            try {
              EdgeStatus status = Json.mapper().readValue(record.value(), EdgeStatus.class);
              return status.errors().containsKey(key)
                  && Long.valueOf(1).equals(status.distributionVersions().get("steady"));
            } catch (java.io.IOException e) {
              return false;
            }
          },
          Duration.ofSeconds(20));
    }
  }

  @Test
  void aDeletedDistributionStopsBeingServed() {
    try (RecordingOrigin origin = RecordingOrigin.start("gone");
        ConfigTopicWriter writer = writer()) {
      publish(configLog, distribution("gone", "gone.test", MtlsMode.OFF, origin.url(), 1));
      writer.putRaw(ResourceKind.DISTRIBUTION.key("gone"), null);
      await()
          .atMost(WAIT)
          .until(() -> configLog.current().orElseThrow().distribution("gone") == null);

      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> ViewerClient.connect(viewerServer.port(), "gone.test", null))
          .isInstanceOf(java.io.UncheckedIOException.class);
    }
  }

  @Test
  void aRequiredModeDistributionFailsClosedWhileEdgeValidationIsMissing() {
    try (RecordingOrigin origin = RecordingOrigin.start("strict")) {
      publish(configLog, distribution("strict", "strict.test", MtlsMode.REQUIRED, origin.url(), 1));

      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> {
                try (ViewerClient viewer =
                    ViewerClient.connect(viewerServer.port(), "strict.test", CLIENT)) {
                  viewer.get("/");
                }
              })
          .isInstanceOf(java.io.UncheckedIOException.class);
    }
  }

  @Test
  void aRenewedServerCertificateIsServedWithoutAConfigChange() throws Exception {
    try (RecordingOrigin origin = RecordingOrigin.start("renewed")) {
      publish(configLog, distribution("renew", "renew.test", MtlsMode.OFF, origin.url(), 1));
      java.security.cert.Certificate before;
      try (ViewerClient viewer = ViewerClient.connect(viewerServer.port(), "renew.test", null)) {
        before = viewer.session().getPeerCertificates()[0];
      }

      Thread.sleep(1100); // so the renewed files get a newer modification time
      EdgeTestSupport.writeSecret("renew-tls", "renew.test");

      await()
          .atMost(WAIT)
          .until(
              () -> {
                try (ViewerClient viewer =
                    ViewerClient.connect(viewerServer.port(), "renew.test", null)) {
                  return !viewer.session().getPeerCertificates()[0].equals(before);
                }
              });
    }
  }

  @Test
  void theEdgeIsReadyOnceItHoldsAConfiguration() {
    given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
  }
}
