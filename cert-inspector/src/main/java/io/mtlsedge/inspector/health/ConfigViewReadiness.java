package io.mtlsedge.inspector.health;

import io.mtlsedge.inspector.ingest.ConfigView;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the config topic has been read to its end: before, every chain looks untrusted. */
@Readiness
@ApplicationScoped
public class ConfigViewReadiness implements HealthCheck {

  private final ConfigView configView;

  public ConfigViewReadiness(ConfigView configView) {
    this.configView = configView;
  }

  @Override
  public HealthCheckResponse call() {
    var builder =
        HealthCheckResponse.named("config-view")
            .status(configView.isCaughtUp())
            .withData("offset", configView.position());
    configView.counts().forEach(builder::withData);
    return builder.build();
  }
}
