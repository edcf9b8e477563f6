package io.mtlsedge.inspector.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.mtlsedge.common.pki.CertificateIssuer;
import io.mtlsedge.common.pki.IssuedCertificate;
import io.mtlsedge.common.pki.Pem;
import io.mtlsedge.inspector.validation.TestPki;
import io.mtlsedge.testing.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.math.BigInteger;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class ValidateResourceTest {

  private static final IssuedCertificate ROOT = CertificateIssuer.root("CN=Validate Root");
  private static final IssuedCertificate INTERMEDIATE =
      CertificateIssuer.intermediate("CN=Validate Issuing CA", ROOT);

  @Test
  void validChainIsValid() {
    IssuedCertificate leaf = CertificateIssuer.client("CN=api-client", INTERMEDIATE);

    validate(body(leaf.chainPem(), ROOT.certificatePem()))
        .statusCode(200)
        .body("verdict", equalTo("valid"))
        .body("reason", containsString("CN=api-client"))
        .body("warnings.size()", equalTo(0));
  }

  @Test
  void chainFromAnotherRootIsUntrusted() {
    IssuedCertificate other = CertificateIssuer.root("CN=Elsewhere Root");
    IssuedCertificate leaf = CertificateIssuer.client("CN=elsewhere-client", other);

    validate(body(leaf.chainPem(), ROOT.certificatePem()))
        .statusCode(200)
        .body("verdict", equalTo("untrusted"));
  }

  @Test
  void expiredLeafIsExpired() {
    Instant now = Instant.now();
    IssuedCertificate leaf =
        CertificateIssuer.certificate("CN=expired-client")
            .issuedBy(INTERMEDIATE)
            .clientAuth()
            .validBetween(now.minus(Duration.ofDays(20)), now.minus(Duration.ofDays(2)))
            .issue();

    validate(body(leaf.chainPem(), ROOT.certificatePem()))
        .statusCode(200)
        .body("verdict", equalTo("expired"))
        .body("reason", containsString("CN=expired-client"));
  }

  @Test
  void expiredLeafAtATimeWhenItWasValidIsValid() {
    Instant now = Instant.now();
    IssuedCertificate oldRoot =
        CertificateIssuer.certificate("CN=Old Validate Root")
            .ca()
            .validBetween(now.minus(Duration.ofDays(400)), now.plus(Duration.ofDays(400)))
            .issue();
    IssuedCertificate leaf =
        CertificateIssuer.certificate("CN=was-valid-client")
            .issuedBy(oldRoot)
            .clientAuth()
            .validBetween(now.minus(Duration.ofDays(300)), now.minus(Duration.ofDays(2)))
            .issue();
    Map<String, Object> body = body(leaf.chainPem(), oldRoot.certificatePem());
    body.put("at", now.minus(Duration.ofDays(100)).toString());

    validate(body).statusCode(200).body("verdict", equalTo("valid"));
  }

  @Test
  void serverCertificateForServerPurposeIsValid() {
    IssuedCertificate leaf = CertificateIssuer.server("api.example.com", INTERMEDIATE);
    Map<String, Object> body = body(leaf.chainPem(), ROOT.certificatePem());

    validate(body).statusCode(200).body("verdict", equalTo("wrong-purpose"));
    body.put("purpose", "server");
    validate(body).statusCode(200).body("verdict", equalTo("valid"));
  }

  @Test
  void chainThatDoesNotParseIsMalformed() {
    String garbage = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";

    validate(body(garbage, ROOT.certificatePem()))
        .statusCode(200)
        .body("verdict", equalTo("malformed"));
  }

  @Test
  void missingTrustStoreIsAProblemNamingTrustStore() {
    IssuedCertificate leaf = CertificateIssuer.client("CN=lonely-client", INTERMEDIATE);
    Map<String, Object> body = new HashMap<>();
    body.put("chain", leaf.chainPem());

    validate(body)
        .statusCode(400)
        .contentType("application/problem+json")
        .body("status", equalTo(400))
        .body("title", equalTo("Invalid request"))
        .body("type", containsString("invalid-request"))
        .body("detail", containsString("trustStore"))
        .body("errors[0].field", equalTo("trustStore"));
  }

  @Test
  void trustStoreThatDoesNotParseIsAProblemNamingTrustStore() {
    IssuedCertificate leaf = CertificateIssuer.client("CN=client-bad-store", INTERMEDIATE);

    validate(body(leaf.chainPem(), "not a PEM bundle"))
        .statusCode(400)
        .body("errors[0].field", equalTo("trustStore"));
  }

  @Test
  void badTimeAndPurposeAreProblemsNamingEachField() {
    IssuedCertificate leaf = CertificateIssuer.client("CN=client-bad-fields", INTERMEDIATE);
    Map<String, Object> body = body(leaf.chainPem(), ROOT.certificatePem());
    body.put("at", "yesterday");
    body.put("purpose", "email");

    validate(body)
        .statusCode(400)
        .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("at", "purpose"));
  }

  @Test
  void bodyThatIsNotJsonIsAProblem() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"chain\": ")
        .post("/api/v1/validate")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("body"));
  }

  @TestHTTPResource URI server;

  @Test
  void bodyDeclaredLargerThan512KibIsA413Problem() throws Exception {
    try (Socket socket = new Socket(server.getHost(), server.getPort())) {
      socket.setSoTimeout(10_000);
      String head =
          "POST /api/v1/validate HTTP/1.1\r\nHost: localhost\r\n"
              + "Content-Type: application/json\r\nContent-Length: 600000\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();

      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(answer)
          .startsWith("HTTP/1.1 413")
          .contains("application/problem+json")
          .contains("urn:mtls-edge:problem:body-too-large");
    }
  }

  @Test
  void trustStoreOfMoreThan200CertificatesIsAProblemNamingTrustStore() {
    IssuedCertificate leaf = CertificateIssuer.client("CN=client-many-cas", INTERMEDIATE);

    validate(body(leaf.chainPem(), ROOT.certificatePem().repeat(201)))
        .statusCode(400)
        .body("errors[0].field", equalTo("trustStore"))
        .body("errors[0].message", containsString("200"));
  }

  @Test
  void moreThan100CrlsAreAProblemNamingCrls() {
    IssuedCertificate leaf = CertificateIssuer.client("CN=client-many-crls", INTERMEDIATE);
    Map<String, Object> body = body(leaf.chainPem(), ROOT.certificatePem());
    body.put("crls", Collections.nCopies(101, TestPki.crlPem(INTERMEDIATE)));

    validate(body).statusCode(400).body("errors[0].field", equalTo("crls"));
  }

  @Test
  void chainLongerThanTheMaximumIsAProblemNamingChain() {
    IssuedCertificate leaf = CertificateIssuer.client("CN=client-long-chain", INTERMEDIATE);

    validate(body(leaf.certificatePem().repeat(11), ROOT.certificatePem()))
        .statusCode(400)
        .body("errors[0].field", equalTo("chain"));
  }

  @Test
  void trustStoreCaWithAnOversizedRsaKeyIsAWeakCryptoProblem() {
    IssuedCertificate leaf = CertificateIssuer.client("CN=client-huge-ca", INTERMEDIATE);
    String huge =
        Pem.encode(
            TestPki.caWithRsaKey(
                "CN=Huge Validate CA", TestPki.modulus(8300), BigInteger.valueOf(65537)));

    validate(body(leaf.chainPem(), ROOT.certificatePem() + huge))
        .statusCode(400)
        .body("errors[0].field", equalTo("trustStore"))
        .body("errors[0].message", containsString("weak-crypto"));
  }

  @Test
  void nullCrlIsAProblemNamingItsPosition() {
    IssuedCertificate leaf = CertificateIssuer.client("CN=client-null-crl", INTERMEDIATE);
    Map<String, Object> body = body(leaf.chainPem(), ROOT.certificatePem());
    body.put("crls", Collections.singletonList(null));

    validate(body)
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("crls[0]"));
  }

  @Test
  void trustStoreAndCrlsThatDoNotParseAreBothNamed() {
    IssuedCertificate leaf = CertificateIssuer.client("CN=client-both-bad", INTERMEDIATE);
    Map<String, Object> body = body(leaf.chainPem(), "not a PEM bundle");
    body.put("crls", List.of("-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n"));

    validate(body)
        .statusCode(400)
        .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("trustStore", "crls[0]"));
  }

  @Test
  void fieldOfTheWrongTypeIsNamedWithoutJavaTypes() {
    String answer =
        given()
            .contentType(ContentType.JSON)
            .body("{\"chain\": \"x\", \"trustStore\": \"y\", \"crls\": {\"a\": 1}}")
            .post("/api/v1/validate")
            .then()
            .statusCode(400)
            .contentType("application/problem+json")
            .body("errors[0].field", equalTo("crls"))
            .body("errors[0].message", equalTo("must be a list"))
            .extract()
            .asString();

    assertThat(answer).doesNotContain("java.").doesNotContain("Cannot deserialize");
  }

  @Test
  void unexpectedErrorIsA500ProblemWithoutInternals() {
    String answer =
        given()
            .get("/test/failing")
            .then()
            .statusCode(500)
            .contentType("application/problem+json")
            .body("type", equalTo("urn:mtls-edge:problem:internal-error"))
            .extract()
            .asString();

    assertThat(answer).doesNotContain("secret").doesNotContain("IllegalStateException");
  }

  @Test
  void wrongMethodIsAProblemWithAnMtlsEdgeType() {
    given()
        .get("/api/v1/validate")
        .then()
        .statusCode(405)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:mtls-edge:problem:method-not-allowed"));
  }

  private static Map<String, Object> body(String chain, String trustStore) {
    Map<String, Object> body = new HashMap<>();
    body.put("chain", chain);
    body.put("trustStore", trustStore);
    return body;
  }

  private static ValidatableResponse validate(Map<String, Object> body) {
    return given()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/validate")
        .then()
        .log()
        .ifValidationFails();
  }
}
