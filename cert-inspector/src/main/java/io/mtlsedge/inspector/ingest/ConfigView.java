package io.mtlsedge.inspector.ingest;

import io.mtlsedge.common.config.Distribution;
import io.mtlsedge.common.config.ResourceKind;
import io.mtlsedge.common.config.TrustStore;
import io.mtlsedge.common.event.Json;
import io.mtlsedge.common.kafka.TopicFollower;
import io.mtlsedge.common.kafka.Topics;
import io.mtlsedge.inspector.validation.TrustBundle;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The distributions and trust stores currently on the config topic, read from its beginning and
 * followed. A record that does not parse is logged and skipped; the last good version stays.
 */
@ApplicationScoped
public class ConfigView {

  private final Map<String, Distribution> distributions = new ConcurrentHashMap<>();
  private final Map<String, LoadedTrustStore> trustStores = new ConcurrentHashMap<>();
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final Topics topics;
  private final Map<String, Object> kafkaConfig;
  private volatile TopicFollower follower;

  /**
   * A view of the config topic.
   *
   * @param kafkaConfig the {@code kafka.*} settings, security included, as Quarkus collects them
   */
  ConfigView(Topics topics, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
    this.topics = topics;
    this.kafkaConfig = Map.copyOf(kafkaConfig);
  }

  void start(@Observes StartupEvent event) {
    Log.infof(
        "following the config topic %s on %s",
        topics.config(), kafkaConfig.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
    follower =
        new TopicFollower(
            "cert-inspector-config",
            consumerProperties(),
            topics.config(),
            0,
            new TopicFollower.Listener() {
              @Override
              public void onRecord(String key, byte[] value, long offset) {
                apply(key, value, offset);
              }

              @Override
              public void onBatch(long nextOffset, boolean atEnd) {
                if (atEnd && caughtUp.getCount() > 0) {
                  caughtUp.countDown();
                  Log.infof(
                      "config topic read to offset %s: %s", Long.valueOf(nextOffset), counts());
                }
              }
            });
  }

  /** The settings of the config consumer: every {@code kafka.*} setting, SASL and TLS included. */
  Map<String, Object> consumerProperties() {
    return new HashMap<>(kafkaConfig);
  }

  void stop(@Observes ShutdownEvent event) {
    if (follower != null) {
      follower.close();
    }
  }

  /** The distribution with this id, as last published. */
  public Optional<Distribution> distribution(String id) {
    return id == null ? Optional.empty() : Optional.ofNullable(distributions.get(id));
  }

  /** The trust store with this id, as last published and parsed. */
  public Optional<LoadedTrustStore> trustStore(String id) {
    return id == null ? Optional.empty() : Optional.ofNullable(trustStores.get(id));
  }

  /** Whether the config topic has been read up to its end as of start. */
  public boolean isCaughtUp() {
    return caughtUp.getCount() == 0;
  }

  /** Waits until the config topic has been read up to its end as of start. */
  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The offset of the next config record to read, or 0 before the start. */
  public long position() {
    return follower == null ? 0 : follower.position();
  }

  /** How many distributions and trust stores are known. */
  public Map<String, Integer> counts() {
    return Map.of("distributions", distributions.size(), "trustStores", trustStores.size());
  }

  /** Applies one config record; {@code value} is null for a tombstone. */
  void apply(String key, byte[] value, long offset) {
    Optional<ResourceKind> kind = ResourceKind.ofKey(key);
    if (kind.isEmpty()) {
      Log.debugf("ignored config record %s at offset %d: not a resource key", key, offset);
      return;
    }
    String id = ResourceKind.idOf(key);
    try {
      switch (kind.get()) {
        case DISTRIBUTION -> applyDistribution(id, value);
        case TRUST_STORE -> applyTrustStore(id, value);
        default -> Log.debugf("ignored config record %s: the inspector does not use it", key);
      }
    } catch (IOException | IllegalArgumentException | UncheckedIOException e) {
      Log.warnf("skipped config record %s at offset %d: %s", key, offset, e.getMessage());
    }
  }

  private void applyDistribution(String id, byte[] value) throws IOException {
    if (value == null) {
      distributions.remove(id);
      Log.infof("distribution %s deleted", id);
      return;
    }
    Distribution distribution = Json.mapper().readValue(value, Distribution.class);
    distributions.put(id, distribution);
    Log.infof("distribution %s version %s applied", id, distribution.version());
  }

  private void applyTrustStore(String id, byte[] value) throws IOException {
    if (value == null) {
      trustStores.remove(id);
      Log.infof("trust store %s deleted", id);
      return;
    }
    TrustStore trustStore = Json.mapper().readValue(value, TrustStore.class);
    TrustBundle bundle = TrustBundle.parse(trustStore.pem(), trustStore.crls());
    trustStores.put(id, LoadedTrustStore.of(trustStore, bundle));
    Log.infof(
        "trust store %s version %s applied: %d CA certificates, %d CRLs",
        id, trustStore.version(), bundle.anchors().size(), bundle.crls().size());
  }
}
