package io.mtlsedge.config;

import static io.mtlsedge.config.Fixtures.api;
import static io.mtlsedge.config.Fixtures.distribution;
import static io.mtlsedge.config.Fixtures.tag;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class DeploymentStatusTest {

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  private final Set<String> nodes = new HashSet<>();

  @Test
  void statusGoesFromInProgressToDeployedWhenTheEdgeReports() throws Exception {
    String id = uniqueId("shop");
    String node = uniqueId("edge");
    long created = Fixtures.create("/api/v1/distributions", distribution(id));
    api()
        .header("If-Match", tag(created))
        .body(distribution(id))
        .put("/api/v1/distributions/" + id)
        .then()
        .statusCode(200);
    long current = created + 1;
    api()
        .get("/api/v1/distributions/" + id + "/status")
        .then()
        .statusCode(200)
        .body("id", equalTo(id))
        .body("version", equalTo((int) current))
        .body("status", equalTo("InProgress"));

    report(node, Map.of(id, created));
    awaitStatus(id, node, "InProgress");

    report(node, Map.of(id, current));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                api()
                    .get("/api/v1/distributions/" + id + "/status")
                    .then()
                    .body("status", equalTo("Deployed"))
                    .body(
                        "edges.find { it.nodeId == '" + node + "' }.appliedVersion",
                        equalTo((int) current)));
  }

  @Test
  void edgeServingTheDeletedDistributionDoesNotCountForTheRecreatedOne() throws Exception {
    String id = uniqueId("shop");
    String node = uniqueId("edge");
    long old = Fixtures.create("/api/v1/distributions", distribution(id));
    report(node, Map.of(id, old));
    awaitStatus(id, node, "Deployed");
    api().header("If-Match", tag(old)).delete("/api/v1/distributions/" + id).then().statusCode(204);

    long recreated = Fixtures.create("/api/v1/distributions", distribution(id));
    report(node, Map.of(id, old));

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                api()
                    .get("/api/v1/distributions/" + id + "/status")
                    .then()
                    .body("version", equalTo((int) recreated))
                    .body("edges.nodeId", hasItem(node))
                    .body("status", equalTo("InProgress")));
  }

  private static void awaitStatus(String id, String node, String status) {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                api()
                    .get("/api/v1/distributions/" + id + "/status")
                    .then()
                    .body("edges.nodeId", hasItem(node))
                    .body("status", equalTo(status)));
  }

  /** Takes the edge's report off the status topic, so that it is not live for the next test. */
  @AfterEach
  void retireEdges() throws Exception {
    for (String node : nodes) {
      send(node, null);
    }
    nodes.clear();
  }

  private void report(String node, Map<String, Long> versions) throws Exception {
    nodes.add(node);
    EdgeStatus status = new EdgeStatus(node, 0, versions, List.of(), Map.of(), 5, Instant.now());
    send(node, Json.mapper().writeValueAsBytes(status));
  }

  private void send(String node, byte[] value) throws Exception {
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", bootstrap),
            new StringSerializer(),
            new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(KafkaTestResource.topics().status(), node, value)).get();
    }
  }
}
