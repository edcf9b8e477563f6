package io.mtlsedge.config;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.mtlsedge.testing.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class AuthenticationTest {

  @Test
  void requestWithoutTokenIsUnauthorized() {
    given()
        .get("/api/v1/distributions")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", startsWith("Bearer"))
        .contentType("application/problem+json")
        .body("type", equalTo("urn:mtls-edge:problem:unauthorized"));
  }

  @Test
  void requestWithWrongTokenIsUnauthorized() {
    given()
        .auth()
        .oauth2(Fixtures.TOKEN + "x")
        .get("/api/v1/trust-stores")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", startsWith("Bearer"));
    given()
        .header("Authorization", "Basic " + Fixtures.TOKEN)
        .post("/api/v1/distributions")
        .then()
        .statusCode(401);
  }

  @Test
  void requestWithTokenIsServed() {
    given().auth().oauth2(Fixtures.TOKEN).get("/api/v1/distributions").then().statusCode(200);
  }

  @Test
  void healthAndOpenApiNeedNoToken() {
    given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    given().get("/q/health/live").then().statusCode(200);
    given().get("/q/openapi").then().statusCode(200);
  }
}
