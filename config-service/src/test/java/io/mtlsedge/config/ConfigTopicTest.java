package io.mtlsedge.config;

import static io.mtlsedge.config.Fixtures.api;
import static io.mtlsedge.config.Fixtures.distribution;
import static io.mtlsedge.config.Fixtures.trustStore;
import static io.mtlsedge.config.Fixtures.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.mtlsedge.common.config.Distribution;
import io.mtlsedge.common.config.MtlsMode;
import io.mtlsedge.common.config.ResourceKind;
import io.mtlsedge.common.config.TrustStore;
import io.mtlsedge.common.event.Json;
import io.mtlsedge.common.pki.CertificateIssuer;
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
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ConfigTopicTest {

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @Test
  void writtenDistributionIsOnTheConfigTopic() throws Exception {
    String id = uniqueId("shop");
    long version = Fixtures.create("/api/v1/distributions", distribution(id));

    Map<String, byte[]> records = readConfigTopic();

    String key = ResourceKind.DISTRIBUTION.key(id);
    assertThat(records).containsKey(key);
    JsonNode json = Json.mapper().readTree(records.get(key));
    assertThat(json.get("id").asText()).isEqualTo(id);
    assertThat(json.get("version").asLong()).isEqualTo(version);
    assertThat(json.at("/viewerMtls/mode").asText()).isEqualTo("passthrough");
    assertThat(json.at("/origins/0/url").asText()).isEqualTo("https://app.internal:8443");
  }

  @Test
  void deleteWritesATombstone() {
    String id = uniqueId("shop");
    long version = Fixtures.create("/api/v1/distributions", distribution(id));
    api()
        .header("If-Match", Fixtures.tag(version))
        .delete("/api/v1/distributions/" + id)
        .then()
        .statusCode(204);

    Map<String, byte[]> records = readConfigTopic();

    assertThat(records).containsEntry(ResourceKind.DISTRIBUTION.key(id), null);
  }

  @Test
  void freshStoreReadsEveryResourceBackFromTheTopic() throws Exception {
    String storeId = uniqueId("partners");
    String pem = CertificateIssuer.root("CN=Restart Root").certificatePem();
    api().body(trustStore(storeId, pem)).post("/api/v1/trust-stores").then().statusCode(201);
    String distributionId = uniqueId("bank");
    long created =
        Fixtures.create("/api/v1/distributions", distribution(distributionId, "optional", storeId));
    api()
        .header("If-Match", Fixtures.tag(created))
        .body(distribution(distributionId, "required", storeId))
        .put("/api/v1/distributions/" + distributionId)
        .then()
        .statusCode(200);
    List<String> distributions =
        api().get("/api/v1/distributions").then().extract().jsonPath().getList("id");
    List<String> trustStores =
        api().get("/api/v1/trust-stores").then().extract().jsonPath().getList("id");

    try (ConfigStore restarted =
        new ConfigStore(kafka(), KafkaTestResource.topics().config(), Duration.ofSeconds(10))) {
      assertThat(restarted.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();

      Distribution distribution = restarted.distribution(distributionId).orElseThrow();
      assertThat(distribution.version()).isEqualTo(created + 1);
      assertThat(distribution.viewerMtls().mode()).isEqualTo(MtlsMode.REQUIRED);
      TrustStore trustStore = restarted.trustStore(storeId).orElseThrow();
      assertThat(trustStore.pem()).isEqualTo(pem);
      assertThat(restarted.distributions()).extracting(Distribution::id).containsAll(distributions);
      assertThat(restarted.trustStores()).extracting(TrustStore::id).containsAll(trustStores);
    }
  }

  @Test
  void writeIsRefusedWhileKafkaIsUnreachable() {
    Map<String, Object> unreachable = Map.of("bootstrap.servers", "127.0.0.1:1");
    try (ConfigStore store = new ConfigStore(unreachable, "nowhere", Duration.ofSeconds(1))) {
      assertThat(store.isCaughtUp()).isFalse();
      assertThat(store.distributions()).isEmpty();

      assertThatThrownBy(
              () ->
                  store.exclusively(
                      () -> store.publish(ResourceKind.DISTRIBUTION, "shop", Map.of("id", "shop"))))
          .isInstanceOfSatisfying(
              StoreUnavailableException.class, e -> assertThat(e.outcomeUnknown()).isFalse());
    }
  }

  private Map<String, byte[]> readConfigTopic() {
    Map<String, Object> properties = new HashMap<>(kafka());
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    TopicPartition partition = new TopicPartition(KafkaTestResource.topics().config(), 0);
    Map<String, byte[]> records = new HashMap<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> {
                for (ConsumerRecord<String, byte[]> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  records.put(record.key(), record.value());
                }
                return consumer.position(partition) >= end;
              });
    }
    return records;
  }

  private Map<String, Object> kafka() {
    return Map.of("bootstrap.servers", bootstrap);
  }
}
