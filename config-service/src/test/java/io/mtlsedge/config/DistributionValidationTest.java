package io.mtlsedge.config;

import static io.mtlsedge.config.Fixtures.api;
import static io.mtlsedge.config.Fixtures.distribution;
import static io.mtlsedge.config.Fixtures.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.mtlsedge.testing.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class DistributionValidationTest {

  @Test
  void unknownModeIsRefusedNamingTheField() {
    String id = uniqueId("bad");
    JsonPath problem = refused(distribution(id, "strict", null));

    assertThat(fields(problem)).containsExactly("viewerMtls.mode");
    assertThat(problem.getString("errors[0].message")).contains("strict", "passthrough");
  }

  @Test
  void everyFaultOfADistributionIsListed() {
    String id = uniqueId("bad");
    String body =
        """
        {
          "id": "%s",
          "aliases": ["Not A Host", "ok.example.com", "ok.example.com"],
          "viewerCertificate": {},
          "viewerMtls": {"mode": "required", "maxChainDepth": 17},
          "origins": [],
          "defaultBehavior": {"originId": "nowhere"},
          "behaviors": [{"pathPattern": "static/*", "originId": "app"}]
        }
        """
            .formatted(id);

    JsonPath problem = refused(body);

    assertThat(fields(problem))
        .contains(
            "aliases[0]",
            "aliases[2]",
            "viewerCertificate.secretName",
            "viewerMtls.trustStoreId",
            "viewerMtls.maxChainDepth",
            "origins",
            "defaultBehavior.originId",
            "behaviors[0].pathPattern",
            "behaviors[0].originId");
  }

  @Test
  void chainDepthAndCertificateBytesAreCapped() {
    String id = uniqueId("bad");
    String body =
        distribution(id)
            .replace(
                "\"maxChainDepth\": 4", "\"maxChainDepth\": 11, \"maxCertificateBytes\": 65537");

    assertThat(fields(refused(body)))
        .containsExactlyInAnyOrder("viewerMtls.maxChainDepth", "viewerMtls.maxCertificateBytes");
  }

  @Test
  void chainDepthAndCertificateBytesAtTheCapAreAccepted() {
    String id = uniqueId("deep");
    String body =
        distribution(id)
            .replace(
                "\"maxChainDepth\": 4", "\"maxChainDepth\": 10, \"maxCertificateBytes\": 65536");

    api()
        .body(body)
        .post("/api/v1/distributions")
        .then()
        .statusCode(201)
        .body("viewerMtls.maxChainDepth", equalTo(10))
        .body("viewerMtls.maxCertificateBytes", equalTo(65536));
  }

  @Test
  void missingOriginsAreRefused() {
    String id = uniqueId("bad");
    String body =
        distribution(id)
            .replace("[{\"id\": \"app\", \"url\": \"https://app.internal:8443\"}]", "[]");

    assertThat(fields(refused(body)))
        .contains("origins", "defaultBehavior.originId", "behaviors[0].originId");
  }

  @Test
  void defaultBehaviorNamingAnUnknownOriginIsRefused() {
    String id = uniqueId("bad");
    String body =
        distribution(id)
            .replace(
                "\"defaultBehavior\": {\"originId\": \"app\"}",
                "\"defaultBehavior\": {\"originId\": \"api\"}");

    JsonPath problem = refused(body);

    assertThat(fields(problem)).containsExactly("defaultBehavior.originId");
    assertThat(problem.getString("errors[0].message")).contains("api");
  }

  @Test
  void unknownTrustStoreIsRefused() {
    String id = uniqueId("bad");
    String missing = uniqueId("nowhere");
    String body =
        distribution(id, "required", missing)
            .replace(
                "\"defaultBehavior\"",
                "\"originValidation\": {\"trustStoreId\": \""
                    + missing
                    + "\"},\n\"defaultBehavior\"");

    JsonPath problem = refused(body);

    assertThat(fields(problem))
        .containsExactlyInAnyOrder("viewerMtls.trustStoreId", "originValidation.trustStoreId");
    assertThat(problem.getString("errors[0].message")).contains(missing);
  }

  @Test
  void requiredModeWithoutTrustStoreIsRefused() {
    assertThat(fields(refused(distribution(uniqueId("bad"), "required", null))))
        .containsExactly("viewerMtls.trustStoreId");
  }

  @Test
  void originUrlWithAPathIsRefused() {
    String id = uniqueId("bad");
    String body = distribution(id).replace("https://app.internal:8443", "https://app.internal/v1");

    assertThat(fields(refused(body))).containsExactly("origins[0].url");
  }

  @Test
  void numberGivenAsTextIsRefusedNamingTheField() {
    String id = uniqueId("bad");
    String body = distribution(id).replace("\"maxChainDepth\": 4", "\"maxChainDepth\": \"four\"");

    assertThat(fields(refused(body))).containsExactly("viewerMtls.maxChainDepth");
  }

  @Test
  void unknownHeaderProfileIsRefusedNamingTheField() {
    String id = uniqueId("bad");
    String body = distribution(id).replace("\"cloudfront\"]", "\"nginx\"]");

    assertThat(fields(refused(body))).containsExactly("forwardedHeaders.profiles[1]");
  }

  @Test
  void malformedJsonIsRefused() {
    api()
        .body("{\"id\": \"shop\", ")
        .post("/api/v1/distributions")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:mtls-edge:problem:invalid-request"));
  }

  @Test
  void emptyBodyIsRefused() {
    api().post("/api/v1/distributions").then().statusCode(400);
  }

  private static JsonPath refused(String body) {
    return api()
        .body(body)
        .post("/api/v1/distributions")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:mtls-edge:problem:invalid-request"))
        .body("status", equalTo(400))
        .extract()
        .jsonPath();
  }

  private static List<String> fields(JsonPath problem) {
    List<Map<String, String>> errors = problem.getList("errors");
    return errors.stream().map(e -> e.get("field")).toList();
  }
}
