package io.mtlsedge.inspector.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.mtlsedge.common.event.CloudEvents;
import io.mtlsedge.common.pki.CertificateIssuer;
import io.mtlsedge.common.pki.IssuedCertificate;
import io.mtlsedge.testing.KafkaTestResource;
import io.mtlsedge.testing.SharedKafkaBroker;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class ConnectionIngestTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @Inject ConfigView configView;

  private EdgeSimulator edge;
  private String distributionId;
  private String trustStoreId;
  private String suffix;
  private IssuedCertificate root;
  private IssuedCertificate intermediate;

  @BeforeEach
  void publishConfig() throws Exception {
    edge = new EdgeSimulator(SharedKafkaBroker.bootstrapServers(), KafkaTestResource.topics());
    suffix = UUID.randomUUID().toString().substring(0, 8);
    distributionId = "shop-" + suffix;
    trustStoreId = "partners-" + suffix;
    root = CertificateIssuer.root("CN=Partner Root " + suffix);
    intermediate = CertificateIssuer.intermediate("CN=Partner Issuing CA " + suffix, root);

    edge.publishTrustStore(trustStoreId, root.certificate());
    edge.publishDistribution(distributionId, trustStoreId);
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                configView.trustStore(trustStoreId).isPresent()
                    && configView.distribution(distributionId).isPresent());
  }

  @AfterEach
  void closeProducer() {
    edge.close();
  }

  @Test
  void validChainIsRecordedAsValid() throws Exception {
    IssuedCertificate leaf = CertificateIssuer.client("CN=partner-app-1", intermediate);

    String sha256 = edge.publishConnection(distributionId, leaf.tlsChain());

    JsonPath entry = awaitCertificate(sha256, 1);
    assertThat(entry.getString("verdict")).isEqualTo("valid");
    assertThat(entry.getString("subject")).isEqualTo("CN=partner-app-1");
    assertThat(entry.getString("issuer")).contains("Partner Issuing CA");
    assertThat(entry.getList("distributions")).containsExactly(distributionId);
    assertThat(entry.getString("lastEdgeStatus")).isEqualTo("Success");
  }

  @Test
  void expiredLeafIsRecordedAsExpired() throws Exception {
    Instant now = Instant.now();
    IssuedCertificate leaf =
        CertificateIssuer.certificate("CN=partner-app-expired")
            .issuedBy(intermediate)
            .clientAuth()
            .validBetween(now.minus(Duration.ofDays(10)), now.minus(Duration.ofMinutes(5)))
            .issue();

    String sha256 = edge.publishConnection(distributionId, leaf.tlsChain());

    JsonPath entry = awaitCertificate(sha256, 1);
    assertThat(entry.getString("verdict")).isEqualTo("expired");
    assertThat(entry.getString("reason")).contains("CN=partner-app-expired");
  }

  @Test
  void chainFromAnotherRootIsRecordedAsUntrusted() throws Exception {
    IssuedCertificate stranger = CertificateIssuer.root("CN=Stranger Root");
    IssuedCertificate leaf =
        CertificateIssuer.client(
            "CN=stranger-app", CertificateIssuer.intermediate("CN=Stranger CA", stranger));

    String sha256 = edge.publishConnection(distributionId, leaf.tlsChain());

    assertThat(awaitCertificate(sha256, 1).getString("verdict")).isEqualTo("untrusted");
  }

  @Test
  void secondConnectionOfTheSameLeafCountsTwo() throws Exception {
    IssuedCertificate leaf = CertificateIssuer.client("CN=partner-app-twice", intermediate);

    String sha256 = edge.publishConnection(distributionId, leaf.tlsChain());
    awaitCertificate(sha256, 1);
    edge.publishConnection(distributionId, leaf.tlsChain());

    JsonPath entry = awaitCertificate(sha256, 2);
    assertThat(entry.getString("verdict")).isEqualTo("valid");
    assertThat(entry.getString("firstSeen")).isLessThanOrEqualTo(entry.getString("lastSeen"));
  }

  @Test
  void unknownDistributionIsRecordedAsUntrustedWithNoTrustStore() throws Exception {
    IssuedCertificate leaf = CertificateIssuer.client("CN=partner-app-lost", intermediate);

    String sha256 = edge.publishConnection("nowhere-" + distributionId, leaf.tlsChain());

    JsonPath entry = awaitCertificate(sha256, 1);
    assertThat(entry.getString("verdict")).isEqualTo("untrusted");
    assertThat(entry.getString("reason")).contains("No trust store is configured");
  }

  @Test
  void garbageRecordIsSkippedAndLaterEventsStillArrive() throws Exception {
    edge.sendEvent(
        "garbage", "{not json".getBytes(StandardCharsets.UTF_8), CloudEvents.TYPE_CONNECTION);
    edge.sendEvent("other", "{}".getBytes(StandardCharsets.UTF_8), "io.example.other.v1");
    IssuedCertificate leaf = CertificateIssuer.client("CN=partner-app-after", intermediate);

    String sha256 = edge.publishConnection(distributionId, leaf.tlsChain());

    assertThat(awaitCertificate(sha256, 1).getString("verdict")).isEqualTo("valid");
    JsonPath stats = given().get("/api/v1/stats").then().statusCode(200).extract().jsonPath();
    assertThat(stats.getLong("events.malformed")).isGreaterThanOrEqualTo(1);
    assertThat(stats.getLong("events.skipped_type")).isGreaterThanOrEqualTo(1);
    assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
        .contains("inspector_connection_events_total{outcome=\"malformed\"")
        .contains("inspector_verdicts_total{verdict=\"valid\"");
  }

  @Test
  void inventoryFiltersByDistributionAndVerdict() throws Exception {
    IssuedCertificate good = CertificateIssuer.client("CN=partner-app-filtered", intermediate);
    IssuedCertificate server = CertificateIssuer.server("api.partner.example", intermediate);
    String goodSha = edge.publishConnection(distributionId, good.tlsChain());
    String serverSha = edge.publishConnection(distributionId, server.tlsChain());
    awaitCertificate(goodSha, 1);
    awaitCertificate(serverSha, 1);

    List<String> wrongPurpose =
        given()
            .queryParam("distribution", distributionId)
            .queryParam("verdict", "wrong-purpose")
            .get("/api/v1/certificates")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("sha256");
    JsonPath stats = given().get("/api/v1/stats").then().statusCode(200).extract().jsonPath();

    assertThat(wrongPurpose).containsExactly(serverSha);
    assertThat(stats.getLong("inventory.byDistribution." + distributionId + ".certificates"))
        .isEqualTo(2);
  }

  @Test
  void trustStoreDeletedAndCreatedAgainWithOtherCasGetsNoStaleVerdict() throws Exception {
    IssuedCertificate leaf = CertificateIssuer.client("CN=partner-app-recreated", intermediate);
    String sha256 = edge.publishConnection(distributionId, leaf.tlsChain());
    assertThat(awaitCertificate(sha256, 1).getString("verdict")).isEqualTo("valid");

    edge.deleteTrustStore(trustStoreId);
    await().atMost(PATIENCE).until(() -> configView.trustStore(trustStoreId).isEmpty());
    IssuedCertificate replacement = CertificateIssuer.root("CN=Replacement Root " + suffix);
    edge.publishTrustStore(trustStoreId, replacement.certificate());
    await().atMost(PATIENCE).until(() -> configView.trustStore(trustStoreId).isPresent());
    edge.publishConnection(distributionId, leaf.tlsChain());

    JsonPath entry = awaitCertificate(sha256, 2);
    assertThat(configView.trustStore(trustStoreId).get().version()).isOne();
    assertThat(entry.getString("verdict")).isEqualTo("untrusted");
  }

  @Test
  void chainDeeperThanTheDistributionAllowsIsOverLimits() throws Exception {
    String shallow = "shallow-" + suffix;
    edge.publishDistribution(shallow, trustStoreId, 1);
    await().atMost(PATIENCE).until(() -> configView.distribution(shallow).isPresent());
    IssuedCertificate leaf = CertificateIssuer.client("CN=partner-app-deep", intermediate);

    String sha256 = edge.publishConnection(shallow, leaf.tlsChain());

    JsonPath entry = awaitCertificate(sha256, 1);
    assertThat(entry.getString("verdict")).isEqualTo("over-limits");
    assertThat(entry.getString("reason")).contains("limit of 1");
  }

  @Test
  void inventoryAnswersOnePageAndRefusesAnOversizedLimit() throws Exception {
    String first =
        edge.publishConnection(
            distributionId,
            CertificateIssuer.client("CN=partner-app-page-1", intermediate).tlsChain());
    String second =
        edge.publishConnection(
            distributionId,
            CertificateIssuer.client("CN=partner-app-page-2", intermediate).tlsChain());
    awaitCertificate(first, 1);
    awaitCertificate(second, 1);

    List<String> page =
        given()
            .queryParam("distribution", distributionId)
            .queryParam("limit", 1)
            .queryParam("offset", 1)
            .get("/api/v1/certificates")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("sha256");

    assertThat(page).hasSize(1).containsAnyOf(first, second);
    given()
        .queryParam("limit", 1001)
        .get("/api/v1/certificates")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("limit"));
  }

  @Test
  void unknownCertificateIsAProblem() {
    given()
        .get("/api/v1/certificates/" + "0".repeat(64))
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("status", equalTo(404));
  }

  @Test
  void unknownVerdictFilterIsAProblemNamingVerdict() {
    given()
        .queryParam("verdict", "fine")
        .get("/api/v1/certificates")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("verdict"));
  }

  @Test
  void inspectorIsReadyOnceTheConfigTopicIsRead() {
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                given()
                    .get("/q/health/ready")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("UP")));
    given().get("/q/health/live").then().statusCode(200);
    given().get("/q/openapi").then().statusCode(200);
  }

  private JsonPath awaitCertificate(String sha256, long connections) {
    return await()
        .atMost(PATIENCE)
        .until(
            () -> {
              var response = given().accept(ContentType.JSON).get("/api/v1/certificates/" + sha256);
              return response.statusCode() == 200 ? response.jsonPath() : null;
            },
            entry -> entry != null && entry.getLong("connections") == connections);
  }
}
