package io.mtlsedge.edge.catalog;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.mtlsedge.common.config.Distribution;
import io.mtlsedge.common.config.ResourceKind;
import io.mtlsedge.common.config.TrustStore;
import io.mtlsedge.common.event.Json;
import io.mtlsedge.common.kafka.TopicFollower;
import io.mtlsedge.common.kafka.Topics;
import io.mtlsedge.edge.config.EdgeSettings;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Follows the compacted config topic from its beginning and turns it into {@link Catalog}s. Until
 * the topic has been read to its end, the edge serves its last local snapshot (if any), never a
 * half-read topic. A record that does not parse, or whose secret cannot be read, is reported and
 * the last good version of that resource stays in force.
 */
@ApplicationScoped
public class ConfigLog {

  private static final ObjectMapper JSON = Json.mapper();

  private final AtomicReference<Catalog> current = new AtomicReference<>();
  private final List<Consumer<Catalog>> listeners = new CopyOnWriteArrayList<>();
  private final Map<String, byte[]> topicRecords = new LinkedHashMap<>();
  private final Map<String, String> topicRejected = new HashMap<>();
  private Map<String, byte[]> snapshotRecords = Map.of();
  private Published lastPublished;

  /** What the catalog in force was built from, to rebuild it when a secret changes. */
  private record Published(
      Map<String, byte[]> records, Map<String, String> rejected, long nextOffset) {}

  @Inject EdgeSettings settings;
  @Inject MeterRegistry registry;

  @Inject
  @Identifier("default-kafka-broker")
  Map<String, Object> kafkaConfig;

  private ServerCertificates certificates;
  private ConfigSnapshotFile snapshotFile;
  private TopicFollower follower;
  private ScheduledExecutorService secretWatch;

  void start(@Observes StartupEvent event) {
    certificates = new ServerCertificates(settings.edge().secretsDir());
    registry.gauge(
        "mtls.edge.config.offset", current, c -> c.get() == null ? -1 : c.get().nextOffset());
    snapshotFile = new ConfigSnapshotFile(settings.edge().snapshotFile());
    loadSnapshot();
    Map<String, Object> properties = new HashMap<>(kafkaConfig);
    String topic = new Topics(settings.kafka().topicPrefix().orElse("")).config();
    follower = new TopicFollower("edge-config", properties, topic, 0, new Listener());
    Log.infof("following config topic %s", topic);
    secretWatch =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "edge-secret-watch");
              thread.setDaemon(true);
              return thread;
            });
    long period = settings.edge().secretCheckInterval().toMillis();
    secretWatch.scheduleWithFixedDelay(this::reloadChangedSecrets, period, period, MILLISECONDS);
  }

  void stop(@Observes ShutdownEvent event) {
    if (secretWatch != null) {
      secretWatch.shutdownNow();
    }
    if (follower != null) {
      follower.close();
    }
  }

  /** Rebuilds the catalog when a mounted certificate changed, as when a secret is renewed. */
  private void reloadChangedSecrets() {
    Published published = lastPublished;
    if (published != null && certificates.changed()) {
      Log.info("a server certificate changed on disk, reloading");
      publish(published.records(), published.rejected(), published.nextOffset(), "secret change");
    }
  }

  /** The configuration in force, if the edge holds one yet. */
  public Optional<Catalog> current() {
    return Optional.ofNullable(current.get());
  }

  /** Calls {@code listener} with every new catalog, on the config thread. */
  public void onChange(Consumer<Catalog> listener) {
    listeners.add(listener);
  }

  private void loadSnapshot() {
    try {
      Optional<ConfigSnapshotFile.Snapshot> snapshot = snapshotFile.read();
      if (snapshot.isEmpty()) {
        return;
      }
      Map<String, byte[]> fromSnapshot = new LinkedHashMap<>();
      Map<String, String> snapshotErrors = new HashMap<>();
      snapshot
          .get()
          .records()
          .forEach((k, v) -> accept(fromSnapshot, snapshotErrors, Map.of(), k, v));
      snapshotRecords = Map.copyOf(fromSnapshot);
      publish(fromSnapshot, snapshotErrors, snapshot.get().nextOffset(), "local snapshot");
    } catch (IOException | RuntimeException e) {
      Log.warnf("ignoring unreadable config snapshot %s: %s", settings.edge().snapshotFile(), e);
    }
  }

  /** Takes one record into the pending state; a bad one leaves the last good value in place. */
  private static void accept(
      Map<String, byte[]> records,
      Map<String, String> rejected,
      Map<String, byte[]> fallback,
      String key,
      byte[] value) {
    Optional<ResourceKind> kind = ResourceKind.ofKey(key);
    if (kind.isEmpty()) {
      rejected.put(String.valueOf(key), "record key is not <kind>/<id>");
      Log.warnf("config record with key %s skipped: the key is not <kind>/<id>", key);
      return;
    }
    if (value == null) {
      records.remove(key);
      rejected.remove(key);
      return;
    }
    try {
      parse(kind.get(), key, value);
      records.put(key, value);
      rejected.remove(key);
    } catch (IOException | RuntimeException e) {
      rejected.put(key, describe(e));
      if (!records.containsKey(key) && fallback.containsKey(key)) {
        // After a restart the topic may hold only the bad version; the snapshot has the good one.
        records.put(key, fallback.get(key));
      }
      Log.warnf("config record %s rejected, keeping its last good version: %s", key, describe(e));
    }
  }

  private static Object parse(ResourceKind kind, String key, byte[] value) throws IOException {
    Object resource =
        switch (kind) {
          case DISTRIBUTION -> JSON.readValue(value, Distribution.class);
          case TRUST_STORE -> JSON.readValue(value, TrustStore.class);
          default -> JSON.readTree(value);
        };
    String id = ResourceKind.idOf(key);
    if (resource instanceof Distribution d && !id.equals(d.id())) {
      throw new IllegalArgumentException("record key names " + id + " but the body " + d.id());
    }
    if (resource instanceof TrustStore t && !id.equals(t.id())) {
      throw new IllegalArgumentException("record key names " + id + " but the body " + t.id());
    }
    return resource;
  }

  private synchronized void publish(
      Map<String, byte[]> records, Map<String, String> rejected, long nextOffset, String source) {
    Catalog previous = current.get();
    Map<String, EdgeDistribution> distributions = new HashMap<>();
    Map<String, TrustStore> trustStores = new HashMap<>();
    Map<String, String> errors = new HashMap<>(rejected);
    for (Map.Entry<String, byte[]> entry : records.entrySet()) {
      String key = entry.getKey();
      try {
        switch (ResourceKind.ofKey(key).orElseThrow()) {
          case DISTRIBUTION -> {
            Distribution d = JSON.readValue(entry.getValue(), Distribution.class);
            distributions.put(d.id(), derive(d, previous, errors, key));
          }
          case TRUST_STORE -> {
            TrustStore t = JSON.readValue(entry.getValue(), TrustStore.class);
            trustStores.put(t.id(), t);
          }
          default -> {
            // Connection functions and key-value stores are not served yet.
          }
        }
      } catch (IOException | RuntimeException e) {
        errors.put(key, describe(e));
      }
    }
    distributions.values().removeIf(d -> d == null);
    Catalog catalog = Catalog.of(nextOffset, distributions, trustStores, errors);
    current.set(catalog);
    lastPublished = new Published(records, rejected, nextOffset);
    Log.infof(
        "applied config up to offset %d from %s: %d distributions, %d trust stores, %d errors",
        nextOffset, source, distributions.size(), trustStores.size(), errors.size());
    for (Consumer<Catalog> listener : listeners) {
      try {
        listener.accept(catalog);
      } catch (RuntimeException e) {
        Log.warnf(e, "config listener failed");
      }
    }
  }

  /** The served form of a distribution, or the last good one when its secret cannot be read. */
  private EdgeDistribution derive(
      Distribution distribution, Catalog previous, Map<String, String> errors, String key) {
    try {
      return EdgeDistribution.of(
          distribution,
          certificates.keyManagerFactory(distribution.viewerCertificate().secretName()));
    } catch (RuntimeException e) {
      errors.put(key, describe(e));
      EdgeDistribution lastGood =
          previous == null ? null : previous.distribution(distribution.id());
      Log.warnf(
          "distribution %s version %s not applied%s: %s",
          distribution.id(),
          distribution.version(),
          lastGood == null ? "" : ", keeping version " + lastGood.version(),
          describe(e));
      return lastGood;
    }
  }

  private final class Listener implements TopicFollower.Listener {
    private boolean dirty;

    private boolean published;

    @Override
    public void onRecord(String key, byte[] value, long offset) {
      accept(topicRecords, topicRejected, snapshotRecords, key, value);
      dirty = true;
    }

    @Override
    public void onBatch(long nextOffset, boolean caughtUp) {
      // Nothing is served from a half-read topic; the first publish replaces any snapshot.
      if (!caughtUp || (published && !dirty)) {
        return;
      }
      publish(new LinkedHashMap<>(topicRecords), new HashMap<>(topicRejected), nextOffset, "Kafka");
      dirty = false;
      published = true;
      saveSnapshot(nextOffset);
    }
  }

  private static String describe(Exception e) {
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  private void saveSnapshot(long nextOffset) {
    try {
      snapshotFile.write(
          new ConfigSnapshotFile.Snapshot(nextOffset, new LinkedHashMap<>(topicRecords)));
    } catch (IOException e) {
      Log.warnf("could not write the config snapshot %s: %s", settings.edge().snapshotFile(), e);
    }
  }
}
