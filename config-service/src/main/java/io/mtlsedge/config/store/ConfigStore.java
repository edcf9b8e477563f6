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
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
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
 * instances writing at once could both compute the same next version. A write that was not
 * confirmed in time is settled before the next write looks at the state: the next write waits for
 * its late acknowledgement and reads it back, or reads the topic to its end when Kafka's answer
 * leaves open whether it was committed.
 */
public final class ConfigStore implements AutoCloseable {

  private final String topic;
  private final TopicPartition partition;
  private final Duration writeTimeout;
  private final Map<String, Object> resources = new ConcurrentHashMap<>();
  // The highest version read for every key, kept after a tombstone, see nextVersion.
  private final Map<String, Long> versions = new ConcurrentHashMap<>();
  private final ReentrantLock writeLock = new ReentrantLock();
  private final Object progress = new Object();
  private final KafkaProducer<String, byte[]> producer;
  private final Admin admin;
  private final TopicFollower follower;
  private volatile int partitions;

  // Guarded by writeLock.
  private long writeDeadline;
  private Future<RecordMetadata> unconfirmed;
  private long unreadOffset = -1;
  private boolean readToEnd;

  /**
   * Starts reading the topic and opens the producer; neither blocks when Kafka is down.
   *
   * @param kafka client properties, at least {@code bootstrap.servers}
   * @param topic the config topic, which must have exactly one partition
   * @param writeTimeout how long a write waits for the write lock, Kafka's ack and its read-back
   */
  public ConfigStore(Map<String, Object> kafka, String topic, Duration writeTimeout) {
    this.topic = topic;
    this.partition = new TopicPartition(topic, 0);
    this.writeTimeout = writeTimeout;
    this.producer = new KafkaProducer<>(producerProperties(kafka, writeTimeout));
    this.admin = Admin.create(adminProperties(kafka, writeTimeout));
    this.follower = new TopicFollower("config-store", kafka, topic, 0, new Reader());
  }

  /** Whether the store has read the topic up to where it ended at start. */
  public boolean isCaughtUp() {
    return follower.isCaughtUp();
  }

  /** Whether the store is caught up and the config topic has exactly one partition. */
  public boolean isReady() {
    return isCaughtUp() && partitions == 1;
  }

  /** The partitions of the config topic; 0 while the store has not learned them. */
  public int partitions() {
    return partitions;
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
   * The version the next write of a resource gets; only call it inside {@link #exclusively}. A
   * resource with a live record gets one more than its version. One without, new or deleted, gets
   * one more than the config topic's end offset: no record before that offset can have a higher
   * version, since a version never exceeds its record's offset plus one, and compaction keeps
   * offsets. So versions of an id only grow, across deletes and restarts, but are not consecutive.
   */
  public long nextVersion(ResourceKind kind, String id) {
    requireLock();
    String key = kind.key(id);
    Long live = resources.containsKey(key) ? versionOf(resources.get(key)) : null;
    if (live != null) {
      return Math.max(live + 1, 1);
    }
    long seen = versions.getOrDefault(key, 0L);
    return Math.max(Math.max(seen + 1, follower.position() + 1), 1);
  }

  /**
   * Runs a write with the store's write lock held, so that checks against the current state and the
   * {@link #publish} that follows them are not interleaved with another write. Waiting for the lock
   * counts against the write timeout, and so does settling an earlier write that was not confirmed.
   *
   * @throws StoreUnavailableException when the lock or the earlier write's outcome is not had in
   *     time; nothing was changed then
   */
  public <T> T exclusively(Supplier<T> write) {
    long deadline = System.nanoTime() + writeTimeout.toNanos();
    lock(deadline);
    try {
      writeDeadline = deadline;
      settle(deadline);
      return write.get();
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Writes a resource, or a tombstone when {@code resource} is null, to partition 0 and waits until
   * Kafka has acknowledged it and this store has read it back, within the deadline that {@link
   * #exclusively} set. Only call it inside {@link #exclusively}.
   *
   * @return the offset of the record
   * @throws StoreUnavailableException when Kafka fails or does not answer in time
   * @throws ResourceTooLargeException when the record is larger than Kafka takes
   */
  public long publish(ResourceKind kind, String id, Object resource) {
    requireLock();
    long deadline = writeDeadline;
    if (!isCaughtUp()) {
      throw notWritten("the config topic has not been read to its end yet", null);
    }
    requireSinglePartition(deadline);
    String key = kind.key(id);
    long offset = send(key, resource == null ? null : toJson(resource), deadline);
    if (!readBack(offset, deadline)) {
      unreadOffset = offset;
      throw outcomeUnknown(
          "the write of " + key + " was committed at offset " + offset + " but not yet read back",
          null);
    }
    return offset;
  }

  private void lock(long deadline) {
    try {
      if (!writeLock.tryLock(remaining(deadline), TimeUnit.NANOSECONDS)) {
        throw notWritten("another write is still waiting for Kafka", null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw notWritten("interrupted while waiting for the write lock", e);
    }
  }

  /** Makes sure the state in memory holds every earlier write that Kafka may have committed. */
  private void settle(long deadline) {
    if (unconfirmed != null) {
      awaitUnconfirmed(deadline);
    }
    if (readToEnd) {
      unreadOffset = Math.max(unreadOffset, endOffset(deadline) - 1);
      readToEnd = false;
    }
    if (unreadOffset >= 0) {
      if (!readBack(unreadOffset, deadline)) {
        throw notWritten(
            "an earlier write at offset " + unreadOffset + " is not read back yet", null);
      }
      unreadOffset = -1;
    }
  }

  private void awaitUnconfirmed(long deadline) {
    try {
      RecordMetadata metadata = unconfirmed.get(remaining(deadline), TimeUnit.NANOSECONDS);
      Log.infof("a write confirmed late is on %s at offset %d", topic, metadata.offset());
      unreadOffset = Math.max(unreadOffset, metadata.offset());
    } catch (ExecutionException e) {
      // A timeout leaves open whether the broker appended it; reading to the end settles that.
      readToEnd |= e.getCause() instanceof RetriableException;
    } catch (TimeoutException e) {
      throw notWritten("the outcome of an earlier write is not known yet", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw notWritten("interrupted while settling an earlier write", e);
    }
    unconfirmed = null;
  }

  private long endOffset(long deadline) {
    try {
      return admin
          .listOffsets(Map.of(partition, OffsetSpec.latest()))
          .partitionResult(partition)
          .get(remaining(deadline), TimeUnit.NANOSECONDS)
          .offset();
    } catch (ExecutionException | TimeoutException e) {
      throw notWritten("the end of the config topic is not known, Kafka unreachable?", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw notWritten("interrupted while reading the end of the config topic", e);
    }
  }

  private long send(String key, byte[] value, long deadline) {
    Future<RecordMetadata> future;
    try {
      future = producer.send(new ProducerRecord<>(topic, 0, key, value));
    } catch (KafkaException e) {
      throw notWritten("Kafka refused the write of " + key, e);
    }
    // A future that is done at once failed in the client: the record was never sent.
    boolean failedInClient = future.isDone();
    try {
      return future.get(remaining(deadline), TimeUnit.NANOSECONDS).offset();
    } catch (ExecutionException e) {
      throw failed(key, e.getCause(), failedInClient);
    } catch (TimeoutException e) {
      unconfirmed = future;
      throw outcomeUnknown("Kafka did not acknowledge the write of " + key + " in time", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      unconfirmed = future;
      throw outcomeUnknown("interrupted while writing " + key, e);
    }
  }

  private RuntimeException failed(String key, Throwable cause, boolean failedInClient) {
    if (cause instanceof RecordTooLargeException) {
      Log.infof("refused the write of %s: %s", key, cause.getMessage());
      return new ResourceTooLargeException(
          key + " is larger than the config topic takes: " + cause.getMessage(), cause);
    }
    if (cause instanceof RetriableException && !failedInClient) {
      readToEnd = true;
      return outcomeUnknown("Kafka did not acknowledge the write of " + key + " in time", cause);
    }
    return notWritten("Kafka refused the write of " + key, cause);
  }

  private boolean readBack(long offset, long deadline) {
    synchronized (progress) {
      while (follower.position() <= offset) {
        long millis = TimeUnit.NANOSECONDS.toMillis(remaining(deadline));
        if (millis <= 0) {
          return false;
        }
        try {
          progress.wait(millis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return true;
    }
  }

  private void requireSinglePartition(long deadline) {
    if (partitions == 0) {
      checkPartitions(Duration.ofNanos(remaining(deadline)));
    }
    if (partitions != 1) {
      throw notWritten(
          partitions == 0
              ? "the partitions of the config topic are not known yet"
              : "the config topic has " + partitions + " partitions instead of one",
          null);
    }
  }

  /** Learns how many partitions the config topic has; logs an ERROR unless it is one. */
  private void checkPartitions(Duration timeout) {
    try {
      TopicDescription description =
          admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get(timeout.toNanos(), TimeUnit.NANOSECONDS)
              .get(topic);
      partitions = description.partitions().size();
      if (partitions != 1) {
        Log.errorf(
            "config topic %s has %d partitions; it must have exactly one. Not ready, writes answer"
                + " 503",
            topic, partitions);
      }
    } catch (ExecutionException | TimeoutException e) {
      Log.warnf("could not learn the partitions of %s: %s", topic, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void requireLock() {
    if (!writeLock.isHeldByCurrentThread()) {
      throw new IllegalStateException("called outside exclusively()");
    }
  }

  private static StoreUnavailableException notWritten(String message, Throwable cause) {
    Log.warnf("%s: %s", message, cause == null ? "no cause" : cause.toString());
    return StoreUnavailableException.notWritten(message, cause);
  }

  private static StoreUnavailableException outcomeUnknown(String message, Throwable cause) {
    Log.warnf("%s: %s", message, cause == null ? "no cause" : cause.toString());
    return StoreUnavailableException.outcomeUnknown(message, cause);
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
    // Bounded by the write timeout, so that a write not confirmed in time is decided soon after,
    // one way or the other; the next write waits for that decision (see settle).
    properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis);
    properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
    properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis);
    properties.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "config-store-writer");
    return properties;
  }

  private static Map<String, Object> adminProperties(Map<String, Object> kafka, Duration t) {
    Map<String, Object> properties = new HashMap<>(kafka);
    int millis = (int) Math.max(1, t.toMillis());
    properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
    properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
    properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "config-store-admin");
    return properties;
  }

  @Override
  public void close() {
    follower.close();
    producer.close(Duration.ofSeconds(2));
    admin.close(Duration.ofSeconds(1));
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
      if (caughtUp && partitions == 0) {
        checkPartitions(writeTimeout);
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
        Long version = versionOf(resource);
        if (version != null) {
          versions.merge(key, version, Math::max);
        }
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

  private static Long versionOf(Object resource) {
    if (resource instanceof Distribution distribution) {
      return distribution.version();
    }
    if (resource instanceof TrustStore trustStore) {
      return trustStore.version();
    }
    JsonNode version = ((JsonNode) resource).get("version");
    return version == null || !version.canConvertToLong() ? null : version.asLong();
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
