package io.mtlsedge.config;

import static io.mtlsedge.config.Fixtures.api;
import static io.mtlsedge.config.Fixtures.distribution;
import static io.mtlsedge.config.Fixtures.uniqueId;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.mtlsedge.common.event.EdgeStatus;
import io.mtlsedge.common.event.Json;
import io.mtlsedge.testing.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class DeploymentStatusTest {

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @Test
  void statusGoesFromInProgressToDeployedWhenTheEdgeReports() throws Exception {
    String id = uniqueId("shop");
    String node = uniqueId("edge");
    api().body(distribution(id)).post("/api/v1/distributions").then().statusCode(201);
    api()
        .header("If-Match", "\"1\"")
        .body(distribution(id))
        .put("/api/v1/distributions/" + id)
        .then()
        .statusCode(200);
    api()
        .get("/api/v1/distributions/" + id + "/status")
        .then()
        .statusCode(200)
        .body("id", equalTo(id))
        .body("version", equalTo(2))
        .body("status", equalTo("InProgress"));

    report(node, Map.of(id, 1L));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                api()
                    .get("/api/v1/distributions/" + id + "/status")
                    .then()
                    .body("edges.nodeId", hasItem(node))
                    .body("status", equalTo("InProgress")));

    report(node, Map.of(id, 2L));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                api()
                    .get("/api/v1/distributions/" + id + "/status")
                    .then()
                    .body("status", equalTo("Deployed"))
                    .body("edges.find { it.nodeId == '" + node + "' }.appliedVersion", equalTo(2)));
  }

  private void report(String node, Map<String, Long> versions) throws Exception {
    EdgeStatus status = new EdgeStatus(node, 0, versions, List.of(), Map.of(), 5, Instant.now());
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", bootstrap),
            new StringSerializer(),
            new ByteArraySerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  KafkaTestResource.topics().status(),
                  node,
                  Json.mapper().writeValueAsBytes(status)))
          .get();
    }
  }
}
