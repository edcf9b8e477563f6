package io.mtlsedge.config;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Requests and bodies the API tests share. Every test makes resources with ids of its own. */
final class Fixtures {

  /** The admin token of the test profile, see application.properties. */
  static final String TOKEN = "test-admin-token";

  private Fixtures() {}

  /** A request with the admin token and a JSON body type. */
  static RequestSpecification api() {
    return given().auth().oauth2(TOKEN).contentType(ContentType.JSON);
  }

  /** POSTs {@code body} to {@code path}, expects 201, and answers the version it was created at. */
  static long create(String path, String body) {
    return api()
        .body(body)
        .post(path)
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("version");
  }

  /** The entity tag of {@code version}, quotes included. */
  static String tag(long version) {
    return "\"" + version + "\"";
  }

  /** An id no other test uses, such as {@code shop-1a2b3c4d}. */
  static String uniqueId(String base) {
    return base + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  }

  /** A valid passthrough distribution with one origin and one alias, {@code <id>.example.com}. */
  static String distribution(String id) {
    return distribution(id, "passthrough", null);
  }

  /** A valid distribution in {@code mode}, using {@code trustStoreId} at the edge if not null. */
  static String distribution(String id, String mode, String trustStoreId) {
    String trustStore = trustStoreId == null ? "null" : "\"" + trustStoreId + "\"";
    return """
    {
      "id": "%1$s",
      "aliases": ["%1$s.example.com"],
      "viewerCertificate": {"secretName": "%1$s-tls"},
      "viewerMtls": {"mode": "%2$s", "trustStoreId": %3$s, "maxChainDepth": 4},
      "forwardedHeaders": {"profiles": ["rfc9440", "cloudfront"], "rename": {}},
      "origins": [{"id": "app", "url": "https://app.internal:8443"}],
      "defaultBehavior": {"originId": "app"},
      "behaviors": [{"pathPattern": "/static/*", "originId": "app",
                     "allowedMethods": ["GET", "HEAD"],
                     "cache": {"minTtl": 0, "defaultTtl": 60, "maxTtl": 3600}}]
    }
    """
        .formatted(id, mode, trustStore);
  }

  /** A trust store body; {@code pem} is JSON-escaped here. */
  static String trustStore(String id, String pem) {
    return "{\"id\": \"" + id + "\", \"pem\": \"" + escape(pem) + "\"}";
  }

  static String escape(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "").replace("\n", "\\n");
  }
}
