package io.mtlsedge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mtlsedge.common.config.ResourceKind;
import io.mtlsedge.config.store.ConfigStore;
import io.mtlsedge.config.store.StoreUnavailableException;
import io.mtlsedge.testing.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The store's write path against a real broker, each test on a config topic of its own. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ConfigStoreTest {

  private static final ResourceKind KIND = ResourceKind.CONNECTION_FUNCTION;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @Test
  void versionOfARecreatedIdGrowsAfterARestartThatLostTheOldRecords() throws Exception {
    String topic = newTopic(1, "delete");
    long updated;
    try (ConfigStore store = caughtUp(kafka(), topic)) {
      assertThat(write(store, "fn")).isEqualTo(1);
      updated = write(store, "fn");
      assertThat(updated).isEqualTo(2);
      store.exclusively(() -> store.publish(KIND, "fn", null));
    }
    // What compaction does in the end: the record and its tombstone are gone, offsets stay.
    dropEverything(topic);

    try (ConfigStore restarted = caughtUp(kafka(), topic)) {
      assertThat(restarted.exists(KIND, "fn")).isFalse();
      long recreated = write(restarted, "fn");

      assertThat(recreated).isGreaterThan(updated);
      assertThat(write(restarted, "fn")).isEqualTo(recreated + 1);
    }
  }

  @Test
  void queuedWriteGivesUpAtItsDeadline() throws Exception {
    String topic = newTopic(1, "compact");
    try (ConfigStore store = caughtUp(kafka(), topic)) {
      CountDownLatch held = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      Thread holder =
          new Thread(
              () ->
                  store.exclusively(
                      () -> {
                        held.countDown();
                        return awaitLatch(release, 5);
                      }));
      holder.start();
      assertThat(held.await(5, TimeUnit.SECONDS)).isTrue();

      long start = System.nanoTime();
      assertThatThrownBy(() -> store.exclusively(() -> "written"))
          .isInstanceOfSatisfying(
              StoreUnavailableException.class, e -> assertThat(e.outcomeUnknown()).isFalse());

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
      release.countDown();
      holder.join();
    }
  }

  @Test
  void writeConfirmedLateIsSettledBeforeTheNextWriteLooks() throws Exception {
    String topic = newTopic(1, "compact");
    Map<String, Object> kafka = new HashMap<>(kafka());
    kafka.put("interceptor.classes", List.of(HeldSend.class));
    // The follower sees a new record only after up to a second, as a busy broker would show it.
    kafka.put("fetch.min.bytes", 10_000_000);
    kafka.put("fetch.max.wait.ms", 1000);
    try (ConfigStore store = caughtUp(kafka, topic, Duration.ofSeconds(3))) {
      write(store, "warm-up");
      HeldSend.hold();
      new Thread(() -> HeldSend.releaseAfter(Duration.ofMillis(3500))).start();

      assertThatThrownBy(() -> write(store, "late"))
          .isInstanceOfSatisfying(
              StoreUnavailableException.class,
              e -> {
                assertThat(e.outcomeUnknown()).isTrue();
                assertThat(e.getMessage()).contains("connection-function/late");
              });

      assertThat(store.exclusively(() -> store.exists(KIND, "late"))).isTrue();
    }
  }

  @Test
  void configTopicWithSeveralPartitionsIsNotReady() throws Exception {
    String topic = newTopic(3, "compact");
    try (ConfigStore store = caughtUp(kafka(), topic)) {
      await().atMost(Duration.ofSeconds(20)).until(() -> store.partitions() == 3);

      assertThat(store.isReady()).isFalse();
      assertThatThrownBy(() -> write(store, "fn"))
          .isInstanceOfSatisfying(
              StoreUnavailableException.class,
              e -> {
                assertThat(e.outcomeUnknown()).isFalse();
                assertThat(e.getMessage()).contains("3 partitions");
              });
    }
  }

  @Test
  void configTopicWithOnePartitionIsReady() throws Exception {
    String topic = newTopic(1, "compact");
    try (ConfigStore store = caughtUp(kafka(), topic)) {
      await().atMost(Duration.ofSeconds(20)).until(store::isReady);
      assertThat(store.partitions()).isEqualTo(1);
    }
  }

  /** Writes the next version of {@code id} and answers it; a create unless it exists. */
  private static long write(ConfigStore store, String id) {
    return store.exclusively(
        () -> {
          long version = store.nextVersion(KIND, id);
          store.publish(KIND, id, Map.of("id", id, "version", version));
          return version;
        });
  }

  private static ConfigStore caughtUp(Map<String, Object> kafka, String topic)
      throws InterruptedException {
    return caughtUp(kafka, topic, Duration.ofSeconds(1));
  }

  private static ConfigStore caughtUp(Map<String, Object> kafka, String topic, Duration timeout)
      throws InterruptedException {
    ConfigStore store = new ConfigStore(kafka, topic, timeout);
    assertThat(store.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
    return store;
  }

  private String newTopic(int partitions, String cleanupPolicy) throws Exception {
    String topic = Fixtures.uniqueId(KafkaTestResource.topicPrefix + "store");
    try (Admin admin = Admin.create(kafka())) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(topic, partitions, (short) 1)
                      .configs(Map.of("cleanup.policy", cleanupPolicy))))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    return topic;
  }

  private void dropEverything(String topic) throws Exception {
    TopicPartition partition = new TopicPartition(topic, 0);
    try (Admin admin = Admin.create(kafka())) {
      long end =
          admin
              .listOffsets(Map.of(partition, org.apache.kafka.clients.admin.OffsetSpec.latest()))
              .partitionResult(partition)
              .get(30, TimeUnit.SECONDS)
              .offset();
      admin
          .deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(end)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  private static Object awaitLatch(CountDownLatch latch, int seconds) {
    try {
      return latch.await(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private Map<String, Object> kafka() {
    return Map.of("bootstrap.servers", bootstrap);
  }

  /**
   * Holds a record in the producer's {@code send} until released, so that a write outlives its
   * deadline and is delivered after the store gave up on it. It is a consumer interceptor too,
   * since the store's follower gets the same client properties; there it does nothing.
   */
  public static final class HeldSend
      implements ProducerInterceptor<String, byte[]>, ConsumerInterceptor<String, byte[]> {

    private static volatile CountDownLatch gate = new CountDownLatch(0);

    static void hold() {
      gate = new CountDownLatch(1);
    }

    static void releaseAfter(Duration delay) {
      try {
        Thread.sleep(delay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      gate.countDown();
    }

    @Override
    public ProducerRecord<String, byte[]> onSend(ProducerRecord<String, byte[]> record) {
      ConfigStoreTest.awaitLatch(gate, 10);
      return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {}

    @Override
    public ConsumerRecords<String, byte[]> onConsume(ConsumerRecords<String, byte[]> records) {
      return records;
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {}

    @Override
    public void close() {}

    @Override
    public void configure(Map<String, ?> configs) {}
  }
}
