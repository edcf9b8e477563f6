package io.mtlsedge.edge.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.mtlsedge.common.event.CloudEvents;
import io.mtlsedge.common.event.ConnectionEvent;
import io.mtlsedge.common.event.Json;
import io.mtlsedge.common.kafka.Topics;
import io.mtlsedge.common.pki.CertificateFacts;
import io.mtlsedge.edge.config.EdgeSettings;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends one CloudEvent per viewer connection to {@code edge.connections}. The viewer path only
 * offers the event to a bounded buffer and never waits: a sender thread drains it into Kafka. While
 * Kafka is away the buffer holds the events; when it is full, new ones are dropped and counted in
 * {@code mtls_edge_events_dropped_total}.
 */
@ApplicationScoped
public class ConnectionEventPublisher {

  @Inject EdgeSettings settings;
  @Inject MeterRegistry registry;

  @Inject
  @Identifier("default-kafka-broker")
  Map<String, Object> kafkaConfig;

  private BlockingQueue<ConnectionEvent> buffer;
  private KafkaProducer<String, byte[]> producer;
  private Thread sender;
  private volatile boolean running;
  private String topic;
  private String source;
  private Counter dropped;
  private Counter failed;
  private Counter sent;

  void start(@Observes StartupEvent event) {
    buffer = new ArrayBlockingQueue<>(settings.edge().eventBuffer());
    topic = new Topics(settings.kafka().topicPrefix().orElse("")).connections();
    source = "/edge/" + EdgeNode.id(settings);
    dropped = registry.counter("mtls.edge.events.dropped", "reason", "buffer-full");
    failed = registry.counter("mtls.edge.events.dropped", "reason", "delivery-failed");
    sent = registry.counter("mtls.edge.events.sent");
    registry.gaugeCollectionSize("mtls.edge.events.buffered", List.of(), buffer);

    Map<String, Object> properties = new HashMap<>(kafkaConfig);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    // The sender thread may wait for Kafka as long as it takes; the bounded buffer in front of
    // it is what protects the viewer path.
    properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.MAX_VALUE);
    properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
    properties.put(ProducerConfig.CLIENT_ID_CONFIG, "edge-events-" + EdgeNode.id(settings));
    producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());

    running = true;
    sender = new Thread(this::drain, "edge-events");
    sender.setDaemon(true);
    sender.start();
  }

  void stop(@Observes ShutdownEvent event) {
    running = false;
    if (sender != null) {
      sender.interrupt();
    }
    if (producer != null) {
      producer.close(Duration.ofSeconds(3));
    }
  }

  /** Hands an event over without blocking; drops and counts it when the buffer is full. */
  public void offer(ConnectionEvent event) {
    if (!buffer.offer(event)) {
      dropped.increment();
    }
  }

  private void drain() {
    while (running) {
      ConnectionEvent event;
      try {
        event = buffer.poll(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (event != null) {
        send(event);
      }
    }
  }

  private void send(ConnectionEvent event) {
    byte[] value;
    try {
      value = Json.mapper().writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      Log.warnf("connection event %s could not be serialized: %s", event.eventId(), e);
      failed.increment();
      return;
    }
    String key = event.chain().isEmpty() ? event.connectionId() : leafSha256(event);
    RecordHeaders headers = new RecordHeaders();
    header(headers, CloudEvents.HEADER_SPEC_VERSION, CloudEvents.SPEC_VERSION);
    header(headers, CloudEvents.HEADER_ID, event.eventId());
    header(headers, CloudEvents.HEADER_SOURCE, source);
    header(headers, CloudEvents.HEADER_TYPE, CloudEvents.TYPE_CONNECTION);
    header(headers, CloudEvents.HEADER_TIME, DateTimeFormatter.ISO_INSTANT.format(event.time()));
    header(headers, CloudEvents.HEADER_DATA_SCHEMA, CloudEvents.SCHEMA_CONNECTION);
    header(headers, CloudEvents.HEADER_CONTENT_TYPE, CloudEvents.JSON);
    if (event.distributionId() != null) {
      header(headers, CloudEvents.HEADER_SUBJECT, event.distributionId());
    }
    try {
      producer.send(
          new ProducerRecord<>(topic, null, key, value, headers),
          (metadata, error) -> {
            if (error == null) {
              sent.increment();
            } else {
              failed.increment();
              Log.debugf("connection event %s not delivered: %s", event.eventId(), error);
            }
          });
    } catch (RuntimeException e) {
      failed.increment();
      Log.warnf("connection event %s not sent: %s", event.eventId(), e.toString());
    }
  }

  private static String leafSha256(ConnectionEvent event) {
    return CertificateFacts.sha256Hex(Base64.getDecoder().decode(event.chain().get(0)));
  }

  private static void header(RecordHeaders headers, String name, String value) {
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
