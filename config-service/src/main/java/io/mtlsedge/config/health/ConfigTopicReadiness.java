package io.mtlsedge.config.health;

import io.mtlsedge.config.store.ConfigStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the store has read the config topic to the end it had at start and has found that the
 * topic has exactly one partition.
 */
@Readiness
@ApplicationScoped
class ConfigTopicReadiness implements HealthCheck {

  private final ConfigStore store;

  ConfigTopicReadiness(ConfigStore store) {
    this.store = store;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("config-topic")
        .status(store.isReady())
        .withData("topic", store.topic())
        .withData("partitions", store.partitions())
        .withData("position", store.position())
        .build();
  }
}
