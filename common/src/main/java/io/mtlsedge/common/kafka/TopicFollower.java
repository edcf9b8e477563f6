package io.mtlsedge.common.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a single-partition topic from its beginning and keeps following it, on its own thread,
 * without a consumer group: every reader sees every record, as the compacted config topic needs. A
 * Kafka outage only pauses it; it picks up where it was when the broker comes back.
 */
public final class TopicFollower implements AutoCloseable {

  /** Receives the records, on the follower's thread. */
  public interface Listener {

    /** One record; {@code value} is null for a tombstone. */
    void onRecord(String key, byte[] value, long offset);

    /**
     * Called after each batch of records, and once when the follower first reaches the end of the
     * topic as it was when the follower started.
     *
     * @param nextOffset the offset of the next record to read
     * @param caughtUp whether the initial end of the topic has been reached
     */
    default void onBatch(long nextOffset, boolean caughtUp) {}
  }

  private static final System.Logger LOG = System.getLogger(TopicFollower.class.getName());

  private final KafkaConsumer<String, byte[]> consumer;
  private final TopicPartition partition;
  private final Listener listener;
  private final Thread thread;
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private volatile long position;
  private volatile boolean running = true;

  /**
   * Starts following.
   *
   * @param clientProperties extra consumer settings, at least {@code bootstrap.servers}
   * @param startOffset where to start, 0 for the beginning
   */
  public TopicFollower(
      String name,
      Map<String, Object> clientProperties,
      String topic,
      long startOffset,
      Listener listener) {
    Properties properties = new Properties();
    properties.putAll(clientProperties);
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, name);
    this.consumer =
        new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
    this.partition = new TopicPartition(topic, 0);
    this.listener = listener;
    this.position = startOffset;
    this.thread = new Thread(this::run, name);
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Waits until the follower has read the topic up to its end as of start. */
  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Whether the initial end of the topic has been reached. */
  public boolean isCaughtUp() {
    return caughtUp.getCount() == 0;
  }

  /** The offset of the next record to read. */
  public long position() {
    return position;
  }

  private void run() {
    try {
      consumer.assign(List.of(partition));
      consumer.seek(partition, position);
      long initialEnd = endOffset();
      if (position >= initialEnd) {
        caughtUp.countDown();
        listener.onBatch(position, true);
      }
      while (running) {
        try {
          pollOnce(initialEnd);
        } catch (WakeupException e) {
          throw e;
        } catch (RuntimeException e) {
          // Whatever goes wrong, the follower must not die: a dead follower would leave its
          // service serving stale configuration while looking healthy.
          LOG.log(
              System.Logger.Level.WARNING,
              "reading {0} failed, retrying: {1}",
              partition.topic(),
              String.valueOf(e));
          pause();
          consumer.seek(partition, position);
        }
      }
    } catch (WakeupException e) {
      if (running) {
        throw e;
      }
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  private void pollOnce(long initialEnd) {
    ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
    for (ConsumerRecord<String, byte[]> record : records) {
      deliver(record);
      position = record.offset() + 1;
    }
    position = Math.max(position, consumer.position(partition));
    boolean wasCaughtUp = isCaughtUp();
    if (!wasCaughtUp && position >= initialEnd) {
      caughtUp.countDown();
    }
    if (!records.isEmpty() || wasCaughtUp != isCaughtUp()) {
      listener.onBatch(position, isCaughtUp());
    }
  }

  private void pause() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private void deliver(ConsumerRecord<String, byte[]> record) {
    try {
      listener.onRecord(record.key(), record.value(), record.offset());
    } catch (RuntimeException e) {
      // A record the listener cannot take must not stop the follower: it is logged and skipped.
      LOG.log(
          System.Logger.Level.WARNING,
          "skipped record {0} at offset {1} of {2}: {3}",
          record.key(),
          record.offset(),
          partition.topic(),
          e.toString());
    }
  }

  private long endOffset() {
    while (running) {
      try {
        return consumer.endOffsets(List.of(partition), Duration.ofSeconds(5)).get(partition);
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        // Kafka is not reachable yet; keep trying, the caller decides how long to wait.
      }
    }
    return Long.MAX_VALUE;
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
