package io.mtlsedge.edge.events;

import io.mtlsedge.common.event.EdgeStatus;
import io.mtlsedge.common.event.Json;
import io.mtlsedge.common.kafka.Topics;
import io.mtlsedge.edge.catalog.Catalog;
import io.mtlsedge.edge.catalog.ConfigLog;
import io.mtlsedge.edge.catalog.EdgeDistribution;
import io.mtlsedge.edge.config.EdgeSettings;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Reports on {@code edge.status} what this edge has applied: after every change and as a heartbeat.
 * The config API reads it to tell {@code InProgress} from {@code Deployed}.
 */
@ApplicationScoped
public class StatusReporter {

  @Inject EdgeSettings settings;
  @Inject ConfigLog configLog;

  @Inject
  @Identifier("default-kafka-broker")
  Map<String, Object> kafkaConfig;

  private ScheduledExecutorService scheduler;
  private KafkaProducer<String, byte[]> producer;
  private String topic;
  private String nodeId;
  private volatile boolean kafkaWarned;

  void start(@Observes StartupEvent event) {
    topic = new Topics(settings.kafka().topicPrefix().orElse("")).status();
    nodeId = EdgeNode.id(settings);
    Map<String, Object> properties = new HashMap<>(kafkaConfig);
    properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
    properties.put(ProducerConfig.CLIENT_ID_CONFIG, "edge-status-" + nodeId);
    producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "edge-status");
              thread.setDaemon(true);
              return thread;
            });
    long heartbeat = settings.edge().statusHeartbeat().toMillis();
    scheduler.scheduleWithFixedDelay(this::report, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
    configLog.onChange(catalog -> scheduler.execute(this::report));
  }

  void stop(@Observes ShutdownEvent event) {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
    if (producer != null) {
      producer.close(Duration.ofSeconds(2));
    }
  }

  private void report() {
    Catalog catalog = configLog.current().orElse(null);
    if (catalog == null) {
      return;
    }
    Map<String, Long> versions = new HashMap<>();
    for (EdgeDistribution distribution : catalog.distributions().values()) {
      versions.put(distribution.id(), distribution.version());
    }
    EdgeStatus status =
        new EdgeStatus(
            nodeId,
            catalog.nextOffset(),
            versions,
            List.of(),
            catalog.errors(),
            (int) settings.edge().statusHeartbeat().toSeconds(),
            Instant.now());
    try {
      producer.send(
          new ProducerRecord<>(topic, nodeId, Json.mapper().writeValueAsBytes(status)),
          (metadata, error) -> {
            if (error != null && !kafkaWarned) {
              kafkaWarned = true;
              Log.warnf("status not reported to Kafka, still serving: %s", error.toString());
            } else if (error == null) {
              kafkaWarned = false;
            }
          });
    } catch (Exception e) {
      if (!kafkaWarned) {
        kafkaWarned = true;
        Log.warnf("status not reported to Kafka, still serving: %s", e.toString());
      }
    }
  }
}
