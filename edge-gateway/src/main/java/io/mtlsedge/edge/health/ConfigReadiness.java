package io.mtlsedge.edge.health;

import io.mtlsedge.edge.catalog.ConfigLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the edge holds a configuration, read from Kafka or from its local snapshot. A Kafka
 * outage afterwards does not make it unready: it keeps serving its last configuration.
 */
@Readiness
@ApplicationScoped
public class ConfigReadiness implements HealthCheck {

  @Inject ConfigLog configLog;

  @Override
  public HealthCheckResponse call() {
    return configLog
        .current()
        .map(
            catalog ->
                HealthCheckResponse.named("edge-config")
                    .up()
                    .withData("configOffset", catalog.nextOffset())
                    .withData("distributions", catalog.distributions().size())
                    .withData("rejectedRecords", catalog.errors().size())
                    .build())
        .orElseGet(
            () ->
                HealthCheckResponse.named("edge-config")
                    .down()
                    .withData("reason", "no configuration yet")
                    .build());
  }
}
