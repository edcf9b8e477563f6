package io.mtlsedge.config;

import static io.mtlsedge.config.Fixtures.api;
import static io.mtlsedge.config.Fixtures.distribution;
import static io.mtlsedge.config.Fixtures.uniqueId;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.mtlsedge.testing.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class DistributionApiTest {

  @Test
  void distributionLivesThroughCreateUpdateAndDelete() {
    String id = uniqueId("shop");
    api()
        .body(distribution(id))
        .post("/api/v1/distributions")
        .then()
        .statusCode(201)
        .header("Location", containsString("/api/v1/distributions/" + id))
        .header("ETag", "\"1\"")
        .body("id", equalTo(id))
        .body("version", equalTo(1))
        .body("viewerMtls.mode", equalTo("passthrough"));

    api().get("/api/v1/distributions/" + id).then().statusCode(200).header("ETag", "\"1\"");
    api().get("/api/v1/distributions").then().statusCode(200).body("id", hasItem(id));

    String changed = distribution(id).replaceFirst("\\{", "{\"enabled\": false,");
    api()
        .header("If-Match", "\"1\"")
        .body(changed)
        .put("/api/v1/distributions/" + id)
        .then()
        .statusCode(200)
        .header("ETag", "\"2\"")
        .body("version", equalTo(2))
        .body("enabled", equalTo(false));
    api().get("/api/v1/distributions/" + id).then().body("enabled", equalTo(false));

    api().header("If-Match", "\"2\"").delete("/api/v1/distributions/" + id).then().statusCode(204);
    api()
        .get("/api/v1/distributions/" + id)
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:mtls-edge:problem:not-found"));
  }

  @Test
  void putWithStaleEtagIsRefused() {
    String id = create();
    api().header("If-Match", "\"1\"").body(distribution(id)).put(path(id)).then().statusCode(200);

    api()
        .header("If-Match", "\"1\"")
        .body(distribution(id))
        .put(path(id))
        .then()
        .statusCode(412)
        .contentType("application/problem+json")
        .body("status", equalTo(412))
        .body("detail", containsString("\"2\""));
    api().header("If-Match", "\"1\"").delete(path(id)).then().statusCode(412);
    api().get(path(id)).then().header("ETag", "\"2\"");
  }

  @Test
  void putWithoutIfMatchIsRefused() {
    String id = create();
    api()
        .body(distribution(id))
        .put(path(id))
        .then()
        .statusCode(428)
        .body("type", equalTo("urn:mtls-edge:problem:precondition-required"));
    api().delete(path(id)).then().statusCode(428);
    api().get(path(id)).then().statusCode(200).header("ETag", "\"1\"");
  }

  @Test
  void clientSentVersionIsIgnored() {
    String id = uniqueId("shop");
    String body = distribution(id).replaceFirst("\\{", "{\"version\": 41,");
    api()
        .body(body)
        .post("/api/v1/distributions")
        .then()
        .statusCode(201)
        .body("version", equalTo(1));
    api()
        .header("If-Match", "*")
        .body(body)
        .put(path(id))
        .then()
        .statusCode(200)
        .body("version", equalTo(2));
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
        .header("If-Match", "\"1\"")
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

  private static String create() {
    String id = uniqueId("shop");
    api().body(distribution(id)).post("/api/v1/distributions").then().statusCode(201);
    return id;
  }

  private static String path(String id) {
    return "/api/v1/distributions/" + id;
  }
}
