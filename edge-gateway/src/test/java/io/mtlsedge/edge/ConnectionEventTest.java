package io.mtlsedge.edge;

import static io.mtlsedge.edge.EdgeTestSupport.CLIENT;
import static io.mtlsedge.edge.EdgeTestSupport.INTERMEDIATE;
import static io.mtlsedge.edge.EdgeTestSupport.distribution;
import static io.mtlsedge.edge.EdgeTestSupport.publish;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.mtlsedge.common.config.MtlsMode;
import io.mtlsedge.common.event.CloudEvents;
import io.mtlsedge.common.event.ConnectionEvent;
import io.mtlsedge.common.event.Json;
import io.mtlsedge.common.pki.CertificateFacts;
import io.mtlsedge.common.pki.Pem;
import io.mtlsedge.edge.catalog.ConfigLog;
import io.mtlsedge.edge.viewer.ViewerServer;
import io.mtlsedge.testing.KafkaTestResource;
import io.mtlsedge.testing.RecordingOrigin;
import io.mtlsedge.testing.SharedKafkaBroker;
import io.mtlsedge.testing.TopicReader;
import io.mtlsedge.testing.ViewerClient;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
class ConnectionEventTest {

  @Inject ConfigLog configLog;
  @Inject ViewerServer viewerServer;

  @Test
  void everyConnectionIsLoggedAsACloudEventWithTheWholeChain() {
    try (RecordingOrigin origin = RecordingOrigin.start("events")) {
      publish(
          configLog, distribution("logged", "logged.test", MtlsMode.PASSTHROUGH, origin.url(), 1));
      try (ViewerClient viewer = ViewerClient.connect(viewerServer.port(), "logged.test", CLIENT)) {
        viewer.get("/");
      }
      String leafSha = CertificateFacts.sha256Hex(CLIENT.certificate());

      ConsumerRecord<String, byte[]> record =
          awaitEvent(r -> leafSha.equals(r.key()) && "logged".equals(parse(r).distributionId()));

      ConnectionEvent event = parse(record);
      assertThat(header(record, CloudEvents.HEADER_SPEC_VERSION)).isEqualTo("1.0");
      assertThat(header(record, CloudEvents.HEADER_TYPE)).isEqualTo(CloudEvents.TYPE_CONNECTION);
      assertThat(header(record, CloudEvents.HEADER_ID)).isEqualTo(event.eventId());
      assertThat(header(record, CloudEvents.HEADER_CONTENT_TYPE)).isEqualTo("application/json");
      assertThat(event.status()).isEqualTo("Success");
      assertThat(event.mode()).isEqualTo(MtlsMode.PASSTHROUGH);
      assertThat(event.sni()).isEqualTo("logged.test");
      assertThat(event.clientIp()).isEqualTo("127.0.0.1");
      assertThat(event.tlsProtocol()).startsWith("TLSv1.");
      assertThat(event.handshakeMillis()).isNotNull().isPositive();
      assertThat(event.chain())
          .containsExactly(
              Pem.base64Der(CLIENT.certificate()), Pem.base64Der(INTERMEDIATE.certificate()));
      assertThat(header(record, CloudEvents.HEADER_DATA_SCHEMA))
          .isEqualTo(CloudEvents.SCHEMA_CONNECTION);
      assertMatchesTheSchema(record.value());
    }
  }

  @Test
  void aHandshakeThatFailsInTlsIsLoggedWithItsStatusCode() {
    try (RecordingOrigin origin = RecordingOrigin.start("refusing")) {
      publish(
          configLog, distribution("refusing", "refusing.test", MtlsMode.REQUIRED, origin.url(), 1));

      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> {
                try (ViewerClient viewer =
                    ViewerClient.connect(viewerServer.port(), "refusing.test", CLIENT)) {
                  viewer.get("/");
                }
              })
          .isInstanceOf(UncheckedIOException.class);

      ConsumerRecord<String, byte[]> record =
          awaitEvent(r -> "refusing".equals(parse(r).distributionId()));
      ConnectionEvent event = parse(record);
      assertThat(event.status()).isEqualTo("Failed:ClientCertUntrusted");
      assertThat(event.mode()).isEqualTo(MtlsMode.REQUIRED);
      assertThat(event.clientIp()).isEqualTo("127.0.0.1");
      assertThat(event.sni()).isEqualTo("refusing.test");
      assertMatchesTheSchema(record.value());
    }
  }

  @Test
  void theSchemaRefusesAnEventWithoutStatus() throws IOException {
    ObjectNode event = (ObjectNode) Json.mapper().readTree(sampleEvent());
    assertThat(schema().validate(event)).isEmpty();

    event.remove("status");
    assertThat(schema().validate(event)).isNotEmpty();
  }

  private static void assertMatchesTheSchema(byte[] value) {
    try {
      assertThat(schema().validate(Json.mapper().readTree(value))).isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonSchema schema() {
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(
            ConnectionEventTest.class.getResourceAsStream(CloudEvents.SCHEMA_CONNECTION_RESOURCE));
  }

  private static byte[] sampleEvent() throws IOException {
    return Json.mapper()
        .writeValueAsBytes(
            new ConnectionEvent(
                "e-1",
                Instant.now(),
                "edge-1",
                "d",
                "c-1",
                "127.0.0.1",
                4000,
                "d.test",
                "TLSv1.3",
                "TLS_AES_128_GCM_SHA256",
                null,
                MtlsMode.PASSTHROUGH,
                "Success",
                null,
                List.of()));
  }

  @Test
  void aChainOverTheDepthLimitIsRefusedWithItsOwnStatusCode() {
    try (RecordingOrigin origin = RecordingOrigin.start("deep")) {
      publish(
          configLog,
          distribution("shallow", "shallow.test", MtlsMode.PASSTHROUGH, origin.url(), 1, 1, null));
      try (ViewerClient viewer =
          ViewerClient.connect(viewerServer.port(), "shallow.test", CLIENT)) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> viewer.get("/"))
            .isInstanceOf(UncheckedIOException.class);
      }
      ConnectionEvent event = parse(awaitEvent(r -> "shallow".equals(parse(r).distributionId())));
      assertThat(event.status()).isEqualTo("Failed:ClientCertMaxChainDepthExceeded");
    }
  }

  private static ConsumerRecord<String, byte[]> awaitEvent(
      java.util.function.Predicate<ConsumerRecord<String, byte[]>> predicate) {
    return TopicReader.await(
        SharedKafkaBroker.bootstrapServers(),
        KafkaTestResource.topics().connections(),
        predicate,
        Duration.ofSeconds(20));
  }

  private static ConnectionEvent parse(ConsumerRecord<String, byte[]> record) {
    try {
      return Json.mapper().readValue(record.value(), ConnectionEvent.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
