package io.mtlsedge.config.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.mtlsedge.common.config.Distribution;
import io.mtlsedge.common.config.ResourceKind;
import io.mtlsedge.common.config.TrustStore;
import io.mtlsedge.common.event.Json;
import io.mtlsedge.common.kafka.TopicFollower;
import io.quarkus.logging.Log;
import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The resources on the compacted config topic, which is the only store. A {@link TopicFollower}
 * reads the topic from offset 0 into memory and keeps following it; writes go to Kafka and are
 * answered only once Kafka acknowledged them and the follower has read them back, so a reader
 * always sees its own writes.
 *
 * <p>Writes are serialized by one lock ({@link #exclusively}), so a version check and the write
 * that follows it see the same state. This holds for one config service writing to the topic; two
 * instances writing at once could both compute the same next version.
 */
public final class ConfigStore implements AutoCloseable {

  private final String topic;
  private final Duration writeTimeout;
  private final Map<String, Object> resources = new ConcurrentHashMap<>();
  private final ReentrantLock writeLock = new ReentrantLock();
  private final Object progress = new Object();
  private final KafkaProducer<String, byte[]> producer;
  private final TopicFollower follower;

  /**
   * Starts reading the topic and opens the producer; neither blocks when Kafka is down.
   *
   * @param kafka client properties, at least {@code bootstrap.servers}
   * @param topic the config topic
   * @param writeTimeout how long a write waits for Kafka's ack and for its read-back
   */
  public ConfigStore(Map<String, Object> kafka, String topic, Duration writeTimeout) {
    this.topic = topic;
    this.writeTimeout = writeTimeout;
    this.producer = new KafkaProducer<>(producerProperties(kafka, writeTimeout));
    this.follower = new TopicFollower("config-store", kafka, topic, 0, new Reader());
  }

  /** Whether the store has read the topic up to where it ended at start. */
  public boolean isCaughtUp() {
    return follower.isCaughtUp();
  }

  /** Waits until the store has read the topic up to where it ended at start. */
  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    return follower.awaitCaughtUp(timeout);
  }

  /** The offset of the next record the store will read. */
  public long position() {
    return follower.position();
  }

  /** The config topic. */
  public String topic() {
    return topic;
  }

  /** The distribution {@code id}. */
  public Optional<Distribution> distribution(String id) {
    return find(ResourceKind.DISTRIBUTION, id, Distribution.class);
  }

  /** Every distribution, by id. */
  public List<Distribution> distributions() {
    return all(Distribution.class, Distribution::id);
  }

  /** The trust store {@code id}. */
  public Optional<TrustStore> trustStore(String id) {
    return find(ResourceKind.TRUST_STORE, id, TrustStore.class);
  }

  /** Every trust store, by id. */
  public List<TrustStore> trustStores() {
    return all(TrustStore.class, TrustStore::id);
  }

  /** Whether a resource of this kind and id is on the topic. */
  public boolean exists(ResourceKind kind, String id) {
    return resources.containsKey(kind.key(id));
  }

  /**
   * Runs a write with the store's write lock held, so that checks against the current state and the
   * {@link #publish} that follows them are not interleaved with another write.
   */
  public <T> T exclusively(Supplier<T> write) {
    writeLock.lock();
    try {
      return write.get();
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Writes a resource, or a tombstone when {@code resource} is null, and waits until Kafka has
   * acknowledged it and this store has read it back. Only call it inside {@link #exclusively}.
   *
   * @return the offset of the record
   * @throws StoreUnavailableException when Kafka fails or does not answer within the write timeout
   */
  public long publish(ResourceKind kind, String id, Object resource) {
    if (!writeLock.isHeldByCurrentThread()) {
      throw new IllegalStateException("publish outside exclusively()");
    }
    if (!isCaughtUp()) {
      throw new StoreUnavailableException(
          "the config topic has not been read to its end yet", null);
    }
    long deadline = System.nanoTime() + writeTimeout.toNanos();
    long offset = send(kind.key(id), resource == null ? null : toJson(resource), deadline);
    awaitReadBack(offset, deadline);
    return offset;
  }

  private long send(String key, byte[] value, long deadline) {
    try {
      RecordMetadata metadata =
          producer
              .send(new ProducerRecord<>(topic, key, value))
              .get(remaining(deadline), TimeUnit.NANOSECONDS);
      return metadata.offset();
    } catch (ExecutionException e) {
      throw unavailable("Kafka refused the write of " + key, e.getCause());
    } catch (TimeoutException e) {
      throw unavailable("Kafka did not acknowledge the write of " + key + " in time", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("interrupted while writing " + key, e);
    } catch (org.apache.kafka.common.KafkaException e) {
      throw unavailable("Kafka refused the write of " + key, e);
    }
  }

  private void awaitReadBack(long offset, long deadline) {
    synchronized (progress) {
      while (follower.position() <= offset) {
        long millis = TimeUnit.NANOSECONDS.toMillis(remaining(deadline));
        if (millis <= 0) {
          throw new StoreUnavailableException(
              "the write at offset " + offset + " was acknowledged but not yet read back", null);
        }
        try {
          progress.wait(millis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new StoreUnavailableException("interrupted while reading back a write", e);
        }
      }
    }
  }

  private static StoreUnavailableException unavailable(String message, Throwable cause) {
    Log.warnf("%s: %s", message, cause == null ? "no cause" : cause.toString());
    return new StoreUnavailableException(message, cause);
  }

  private static long remaining(long deadline) {
    return Math.max(0, deadline - System.nanoTime());
  }

  private <T> Optional<T> find(ResourceKind kind, String id, Class<T> type) {
    return Optional.ofNullable(resources.get(kind.key(id)))
        .filter(type::isInstance)
        .map(type::cast);
  }

  private <T> List<T> all(Class<T> type, Function<T, String> id) {
    return resources.values().stream()
        .filter(type::isInstance)
        .map(type::cast)
        .sorted(Comparator.comparing(id))
        .toList();
  }

  private static byte[] toJson(Object resource) {
    try {
      return Json.mapper().writeValueAsBytes(resource);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a resource does not serialize", e);
    }
  }

  private static Map<String, Object> producerProperties(Map<String, Object> kafka, Duration t) {
    Map<String, Object> properties = new HashMap<>(kafka);
    int millis = (int) Math.max(1, t.toMillis());
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.put(
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    properties.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    // Bounded by the write timeout, so that a write answered with 503 is not delivered later.
    properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis);
    properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
    properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis);
    properties.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "config-store-writer");
    return properties;
  }

  @Override
  public void close() {
    follower.close();
    producer.close(Duration.ofSeconds(2));
  }

  /** Applies the records of the config topic to the in-memory map. */
  private final class Reader implements TopicFollower.Listener {

    private boolean reportedCaughtUp;

    @Override
    public void onRecord(String key, byte[] value, long offset) {
      Optional<ResourceKind> kind = ResourceKind.ofKey(key);
      if (kind.isEmpty()) {
        Log.warnf(
            "skipped record with key %s at offset %d of %s: unknown kind", key, offset, topic);
      } else if (value == null) {
        resources.remove(key);
        Log.debugf("deleted %s at offset %d", key, offset);
      } else {
        apply(kind.get(), key, value, offset);
      }
      signal();
    }

    @Override
    public void onBatch(long nextOffset, boolean caughtUp) {
      if (caughtUp && !reportedCaughtUp) {
        reportedCaughtUp = true;
        Log.infof("read %s up to offset %d: %d resources", topic, nextOffset, resources.size());
      }
      signal();
    }

    private void apply(ResourceKind kind, String key, byte[] value, long offset) {
      try {
        Object resource = parse(kind, value);
        String id = idOf(resource);
        if (id != null && !id.equals(ResourceKind.idOf(key))) {
          Log.warnf("skipped %s at offset %d of %s: its id is %s", key, offset, topic, id);
          return;
        }
        resources.put(key, resource);
        Log.debugf("read %s at offset %d", key, offset);
      } catch (IOException | RuntimeException e) {
        Log.warnf("skipped %s at offset %d of %s: %s", key, offset, topic, e.getMessage());
      }
    }

    private void signal() {
      synchronized (progress) {
        progress.notifyAll();
      }
    }
  }

  private static Object parse(ResourceKind kind, byte[] value) throws IOException {
    return switch (kind) {
      case DISTRIBUTION -> Json.mapper().readValue(value, Distribution.class);
      case TRUST_STORE -> Json.mapper().readValue(value, TrustStore.class);
      // Kinds this service does not manage yet are kept as JSON, for references to them.
      case CONNECTION_FUNCTION, KEY_VALUE_STORE -> Json.mapper().readValue(value, JsonNode.class);
    };
  }

  private static String idOf(Object resource) {
    if (resource instanceof Distribution distribution) {
      return distribution.id();
    }
    if (resource instanceof TrustStore trustStore) {
      return trustStore.id();
    }
    JsonNode id = ((JsonNode) resource).get("id");
    return id == null ? null : id.asText();
  }
}
