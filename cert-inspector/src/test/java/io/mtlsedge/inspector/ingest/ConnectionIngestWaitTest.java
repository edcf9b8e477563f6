package io.mtlsedge.inspector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mtlsedge.common.event.CloudEvents;
import io.mtlsedge.common.kafka.Topics;
import io.mtlsedge.inspector.config.InspectorConfig;
import io.mtlsedge.inspector.health.ConfigViewReadiness;
import io.mtlsedge.inspector.inventory.CertificateInventory;
import io.mtlsedge.inspector.validation.ChainValidator;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

class ConnectionIngestWaitTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ConfigView unread =
      new ConfigView(new Topics(""), Map.of("bootstrap.servers", "127.0.0.1:1"));
  private final CertificateInventory inventory = new CertificateInventory(10, registry);

  @Test
  void eventWaitsUnacknowledgedWhileTheConfigTopicIsUnreadAndReadinessIsDown() throws Exception {
    ConnectionIngest ingest =
        new ConnectionIngest(
            unread, inventory, ChainValidator.withDefaults(), registry, configWaiting("50ms"));
    AtomicBoolean acknowledged = new AtomicBoolean();
    AtomicReference<CompletionStage<Void>> outcome = new AtomicReference<>();
    Thread consumer = new Thread(() -> outcome.set(ingest.consume(event(acknowledged))));

    consumer.start();
    consumer.join(1_000);

    assertThat(consumer.isAlive()).isTrue();
    assertThat(inventory.size()).isZero();
    assertThat(new ConfigViewReadiness(unread).call().getStatus())
        .isEqualTo(HealthCheckResponse.Status.DOWN);

    consumer.interrupt();
    consumer.join(5_000);

    assertThat(outcome.get().toCompletableFuture().isDone()).isFalse();
    assertThat(acknowledged).isFalse();
    assertThat(inventory.size()).isZero();
  }

  private static InspectorConfig configWaiting(String wait) {
    return new SmallRyeConfigBuilder()
        .withMapping(InspectorConfig.class)
        .withConverter(Duration.class, 100, new DurationConverter())
        .withDefaultValue("mtls.inspector.config-wait", wait)
        .build()
        .getConfigMapping(InspectorConfig.class);
  }

  private static Message<byte[]> event(AtomicBoolean acknowledged) {
    byte[] value =
        ("{\"id\":\"e1\",\"distributionId\":\"shop\",\"chain\":[\"MAMCAQE=\"]}")
            .getBytes(StandardCharsets.UTF_8);
    ConsumerRecord<String, byte[]> record =
        new ConsumerRecord<>("edge.connections", 0, 0L, "k", value);
    record
        .headers()
        .add(CloudEvents.HEADER_TYPE, CloudEvents.TYPE_CONNECTION.getBytes(StandardCharsets.UTF_8));
    return Message.of(
        value,
        Metadata.of(new IncomingKafkaRecordMetadata<>(record, "connections")),
        () -> {
          acknowledged.set(true);
          return CompletableFuture.completedFuture(null);
        });
  }
}
