package io.mtlsedge.testing;

import io.mtlsedge.common.config.Distribution;
import io.mtlsedge.common.config.ResourceKind;
import io.mtlsedge.common.config.TrustStore;
import io.mtlsedge.common.event.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes config records straight to a config topic, the way the config service does. */
public final class ConfigTopicWriter implements AutoCloseable {

  private final KafkaProducer<String, byte[]> producer;
  private final String topic;

  public ConfigTopicWriter(String bootstrap, String topic) {
    this.topic = topic;
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new ByteArraySerializer());
  }

  /** Writes a distribution and waits for the acknowledgement; answers the record's offset. */
  public long put(Distribution distribution) {
    return putRaw(ResourceKind.DISTRIBUTION.key(distribution.id()), json(distribution));
  }

  /** Writes a trust store and waits for the acknowledgement; answers the record's offset. */
  public long put(TrustStore trustStore) {
    return putRaw(ResourceKind.TRUST_STORE.key(trustStore.id()), json(trustStore));
  }

  /** Writes any value, or a tombstone when {@code value} is null. */
  public long putRaw(String key, byte[] value) {
    try {
      return producer
          .send(new ProducerRecord<>(topic, key, value))
          .get(30, TimeUnit.SECONDS)
          .offset();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("config record " + key + " not written", e);
    }
  }

  private static byte[] json(Object resource) {
    try {
      return Json.mapper().writeValueAsBytes(resource);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
