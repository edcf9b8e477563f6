package io.mtlsedge.inspector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtlsedge.common.config.ResourceKind;
import io.mtlsedge.common.config.TrustStore;
import io.mtlsedge.common.event.Json;
import io.mtlsedge.common.kafka.Topics;
import io.mtlsedge.common.pki.CertificateIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigViewTest {

  private final ConfigView view =
      new ConfigView(new Topics(""), Map.of("bootstrap.servers", "127.0.0.1:1"));
  private final String rootPem = CertificateIssuer.root("CN=View Root").certificatePem();

  @Test
  void trustStoreRecordIsParsedAndATombstoneDeletesIt() throws Exception {
    view.apply(key("partners"), trustStore("partners", 1, rootPem), 0);

    assertThat(view.trustStore("partners"))
        .hasValueSatisfying(t -> assertThat(t.version()).isOne());
    assertThat(view.trustStore("partners").get().bundle().anchors()).hasSize(1);

    view.apply(key("partners"), null, 1);

    assertThat(view.trustStore("partners")).isEmpty();
  }

  @Test
  void badTrustStoreRecordIsSkippedAndTheLastGoodVersionStays() throws Exception {
    view.apply(key("partners"), trustStore("partners", 1, rootPem), 0);

    view.apply(key("partners"), trustStore("partners", 2, "not PEM"), 1);
    view.apply(key("partners"), "{broken".getBytes(StandardCharsets.UTF_8), 2);

    assertThat(view.trustStore("partners").get().version()).isOne();
  }

  @Test
  void distributionRecordIsKeptByTheIdOfItsKey() {
    byte[] value =
        "{\"id\":\"shop\",\"version\":3,\"originValidation\":{\"trustStoreId\":\"partners\"}}"
            .getBytes(StandardCharsets.UTF_8);

    view.apply(ResourceKind.DISTRIBUTION.key("shop"), value, 0);

    assertThat(view.distribution("shop"))
        .hasValueSatisfying(
            d -> assertThat(d.originValidation().trustStoreId()).isEqualTo("partners"));
  }

  @Test
  void distributionWithAnUnknownModeIsSkipped() {
    byte[] value =
        "{\"id\":\"shop\",\"viewerMtls\":{\"mode\":\"sometimes\"}}"
            .getBytes(StandardCharsets.UTF_8);

    view.apply(ResourceKind.DISTRIBUTION.key("shop"), value, 0);

    assertThat(view.distribution("shop")).isEmpty();
  }

  @Test
  void otherKindsAndStrayKeysAreIgnored() {
    byte[] value = "{\"id\":\"f\"}".getBytes(StandardCharsets.UTF_8);

    view.apply(ResourceKind.CONNECTION_FUNCTION.key("f"), value, 0);
    view.apply("gadget/f", value, 1);
    view.apply(null, value, 2);

    assertThat(view.counts()).containsEntry("distributions", 0).containsEntry("trustStores", 0);
  }

  @Test
  void configConsumerTakesEveryKafkaSettingSecurityIncluded() {
    Map<String, Object> kafka =
        Map.of(
            "bootstrap.servers", "kafka.internal:9093",
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "ssl.truststore.location", "/etc/kafka/truststore.p12");

    Map<String, Object> consumer = new ConfigView(new Topics(""), kafka).consumerProperties();

    assertThat(consumer).containsAllEntriesOf(kafka);
  }

  @Test
  void trustStoreRecreatedWithTheSameVersionButOtherContentHasAnotherContentHash()
      throws Exception {
    String otherPem = CertificateIssuer.root("CN=Other View Root").certificatePem();
    view.apply(key("partners"), trustStore("partners", 1, rootPem), 0);
    String before = view.trustStore("partners").orElseThrow().contentSha256();

    view.apply(key("partners"), null, 1);
    view.apply(key("partners"), trustStore("partners", 1, otherPem), 2);

    assertThat(view.trustStore("partners").orElseThrow().contentSha256()).isNotEqualTo(before);
  }

  @Test
  void viewIsNotCaughtUpBeforeItHasReadTheTopic() throws Exception {
    assertThat(view.isCaughtUp()).isFalse();
    assertThat(view.awaitCaughtUp(Duration.ofMillis(50))).isFalse();
  }

  private static String key(String id) {
    return ResourceKind.TRUST_STORE.key(id);
  }

  private static byte[] trustStore(String id, long version, String pem) throws Exception {
    return Json.mapper().writeValueAsBytes(new TrustStore(id, version, pem, List.of()));
  }
}
