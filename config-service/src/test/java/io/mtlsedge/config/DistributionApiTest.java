package io.mtlsedge.config;

import static io.mtlsedge.config.Fixtures.api;
import static io.mtlsedge.config.Fixtures.distribution;
import static io.mtlsedge.config.Fixtures.tag;
import static io.mtlsedge.config.Fixtures.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.mtlsedge.testing.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class DistributionApiTest {

  @Test
  void distributionLivesThroughCreateUpdateAndDelete() {
    String id = uniqueId("shop");
    ExtractableResponse<Response> created =
        api()
            .body(distribution(id))
            .post("/api/v1/distributions")
            .then()
            .statusCode(201)
            .header("Location", containsString("/api/v1/distributions/" + id))
            .body("id", equalTo(id))
            .body("viewerMtls.mode", equalTo("passthrough"))
            .extract();
    long version = created.jsonPath().getLong("version");
    assertThat(version).isPositive();
    assertThat(created.header("ETag")).isEqualTo(tag(version));

    api().get(path(id)).then().statusCode(200).header("ETag", tag(version));
    api().get("/api/v1/distributions").then().statusCode(200).body("id", hasItem(id));

    String changed = distribution(id).replaceFirst("\\{", "{\"enabled\": false,");
    api()
        .header("If-Match", tag(version))
        .body(changed)
        .put(path(id))
        .then()
        .statusCode(200)
        .header("ETag", tag(version + 1))
        .body("version", equalTo((int) version + 1))
        .body("enabled", equalTo(false));
    api().get(path(id)).then().body("enabled", equalTo(false));

    api().header("If-Match", tag(version + 1)).delete(path(id)).then().statusCode(204);
    api()
        .get(path(id))
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:mtls-edge:problem:not-found"));
  }

  @Test
  void recreatedDistributionGetsAHigherVersion() {
    String id = uniqueId("shop");
    long first = Fixtures.create("/api/v1/distributions", distribution(id));
    api().header("If-Match", tag(first)).delete(path(id)).then().statusCode(204);

    long second = Fixtures.create("/api/v1/distributions", distribution(id));

    assertThat(second).isGreaterThan(first);
    api()
        .header("If-Match", tag(first))
        .body(distribution(id))
        .put(path(id))
        .then()
        .statusCode(412);
    api().header("If-Match", tag(first)).delete(path(id)).then().statusCode(412);
    api().get(path(id)).then().statusCode(200).header("ETag", tag(second));
  }

  @Test
  void putWithStaleEtagIsRefused() {
    String id = uniqueId("shop");
    long version = Fixtures.create("/api/v1/distributions", distribution(id));
    api()
        .header("If-Match", tag(version))
        .body(distribution(id))
        .put(path(id))
        .then()
        .statusCode(200);

    api()
        .header("If-Match", tag(version))
        .body(distribution(id))
        .put(path(id))
        .then()
        .statusCode(412)
        .contentType("application/problem+json")
        .body("status", equalTo(412))
        .body("detail", containsString(tag(version + 1)));
    api().header("If-Match", tag(version)).delete(path(id)).then().statusCode(412);
    api().get(path(id)).then().header("ETag", tag(version + 1));
  }

  @Test
  void putWithoutIfMatchIsRefused() {
    String id = uniqueId("shop");
    long version = Fixtures.create("/api/v1/distributions", distribution(id));
    api()
        .body(distribution(id))
        .put(path(id))
        .then()
        .statusCode(428)
        .body("type", equalTo("urn:mtls-edge:problem:precondition-required"));
    api().delete(path(id)).then().statusCode(428);
    api().get(path(id)).then().statusCode(200).header("ETag", tag(version));
  }

  @Test
  void clientSentVersionIsIgnored() {
    String id = uniqueId("shop");
    String body = distribution(id).replaceFirst("\\{", "{\"version\": 4100000,");
    long version = Fixtures.create("/api/v1/distributions", body);
    assertThat(version).isNotEqualTo(4100000);

    api()
        .header("If-Match", "*")
        .body(body)
        .put(path(id))
        .then()
        .statusCode(200)
        .body("version", equalTo((int) version + 1));
  }

  @Test
  void secondDistributionWithTheSameIdIsAConflict() {
    String id = create();
    api()
        .body(distribution(id))
        .post("/api/v1/distributions")
        .then()
        .statusCode(409)
        .body("type", equalTo("urn:mtls-edge:problem:conflict"))
        .body("errors[0].field", equalTo("id"));
  }

  @Test
  void aliasOfAnotherDistributionIsAConflict() {
    String first = create();
    String second = uniqueId("shop");
    String body = distribution(second).replace(second + ".example.com", first + ".example.com");
    api()
        .body(body)
        .post("/api/v1/distributions")
        .then()
        .statusCode(409)
        .body("errors[0].field", equalTo("aliases[0]"))
        .body("errors[0].message", containsString(first));
  }

  @Test
  void putWithAnotherIdInTheBodyIsRefused() {
    String id = create();
    api()
        .header("If-Match", "*")
        .body(distribution(uniqueId("other")))
        .put(path(id))
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("id"));
  }

  @Test
  void unknownDistributionIsNotFound() {
    String id = uniqueId("missing");
    api().get(path(id)).then().statusCode(404);
    api().header("If-Match", "\"1\"").body(distribution(id)).put(path(id)).then().statusCode(404);
    api().header("If-Match", "\"1\"").delete(path(id)).then().statusCode(404);
    api().get(path(id) + "/status").then().statusCode(404);
  }

  @Test
  void bodyOverTheLimitIsRefused() {
    String padding = "x".repeat(1024 * 1024);
    String body =
        distribution(uniqueId("big")).replaceFirst("\\{", "{\"padding\": \"" + padding + "\",");

    api().body(body).post("/api/v1/distributions").then().statusCode(413);
  }

  @Test
  void distributionLargerThanAKafkaRecordIsRefusedWith413() {
    String id = uniqueId("big");
    // Each behavior grows threefold once its defaults are filled in: the body stays under the
    // 1 MiB limit of a request, the record goes over the 1 MiB limit of the producer.
    StringBuilder behaviors = new StringBuilder();
    for (int i = 0; i < 12_000; i++) {
      behaviors.append(i == 0 ? "" : ",").append("{\"pathPattern\":\"/p").append(i);
      behaviors.append("\",\"originId\":\"app\"}");
    }
    String body =
        distribution(id)
            .replaceFirst(
                "(?s)\"behaviors\": \\[.*\\]\\s*\\}\\s*$", "\"behaviors\": [" + behaviors + "]}");
    assertThat(body.length()).isLessThan(1024 * 1024);

    api()
        .body(body)
        .post("/api/v1/distributions")
        .then()
        .statusCode(413)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:mtls-edge:problem:content-too-large"));
    api().get(path(id)).then().statusCode(404);
  }

  private static String create() {
    String id = uniqueId("shop");
    Fixtures.create("/api/v1/distributions", distribution(id));
    return id;
  }

  private static String path(String id) {
    return "/api/v1/distributions/" + id;
  }
}
