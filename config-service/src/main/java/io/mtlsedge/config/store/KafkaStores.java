package io.mtlsedge.config.store;

import io.mtlsedge.common.kafka.TopicLayout;
import io.mtlsedge.common.kafka.Topics;
import io.mtlsedge.config.config.ServiceConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;

/** Creates the Kafka-backed store and status board at startup, and closes them at shutdown. */
@ApplicationScoped
class KafkaStores {

  // The broker's defaults decide partitions and replication of the topics this service creates,
  // apart from the config topic's single partition that the contract fixes.
  private static final int BROKER_DEFAULT_PARTITIONS = -1;
  private static final short BROKER_DEFAULT_REPLICATION = -1;

  @Inject ServiceConfig config;

  @Inject
  @Identifier("default-kafka-broker")
  Map<String, Object> kafka;

  @Produces
  @Singleton
  ConfigStore configStore(Topics topics) {
    ensureTopics(topics);
    return new ConfigStore(clientProperties(), topics.config(), config.config().writeTimeout());
  }

  @Produces
  @Singleton
  EdgeStatusBoard edgeStatusBoard(Topics topics) {
    return new EdgeStatusBoard(clientProperties(), topics.status());
  }

  @Produces
  @Singleton
  Topics topics() {
    return new Topics(config.kafka().topicPrefix().orElse(""));
  }

  /** Creates both beans at startup rather than on the first request that needs them. */
  void start(@Observes StartupEvent event, ConfigStore store, EdgeStatusBoard board) {
    Log.infof("following config topic %s from offset 0", store.topic());
    Duration patience = config.config().writeTimeout();
    CompletableFuture.runAsync(() -> warnIfNotCaughtUp(store, patience));
  }

  private static void warnIfNotCaughtUp(ConfigStore store, Duration patience) {
    try {
      if (!store.awaitCaughtUp(patience)) {
        Log.warnf(
            "config topic %s not read within %s, Kafka unreachable? Not ready, writes answer 503",
            store.topic(), patience);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void close(@Disposes ConfigStore store) {
    store.close();
  }

  void close(@Disposes EdgeStatusBoard board) {
    board.close();
  }

  private void ensureTopics(Topics topics) {
    Admin admin = Admin.create(clientProperties());
    try {
      var created =
          TopicLayout.ensure(
              admin,
              topics,
              BROKER_DEFAULT_PARTITIONS,
              BROKER_DEFAULT_REPLICATION,
              config.config().writeTimeout());
      if (!created.isEmpty()) {
        Log.infof("created topics %s", created);
      }
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      Log.warnf("Kafka unreachable, could not ensure the topics exist: %s", cause.toString());
    } finally {
      // Not the default close, which waits for calls that Kafka may never answer.
      admin.close(Duration.ofSeconds(1));
    }
  }

  private Map<String, Object> clientProperties() {
    return new HashMap<>(kafka);
  }
}
