package io.mtlsedge.config;

import static io.mtlsedge.config.Fixtures.api;
import static io.mtlsedge.config.Fixtures.distribution;
import static io.mtlsedge.config.Fixtures.escape;
import static io.mtlsedge.config.Fixtures.trustStore;
import static io.mtlsedge.config.Fixtures.uniqueId;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.mtlsedge.common.pki.CertificateIssuer;
import io.mtlsedge.common.pki.IssuedCertificate;
import io.mtlsedge.common.pki.Pem;
import io.mtlsedge.testing.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TrustStoreApiTest {

  private static final IssuedCertificate ROOT = CertificateIssuer.root("CN=Partners Root,O=Test");
  private static final IssuedCertificate INTERMEDIATE =
      CertificateIssuer.intermediate("CN=Partners Issuing CA,O=Test", ROOT);

  @Test
  void bundleOfRootAndIntermediateIsAccepted() {
    String id = uniqueId("partners");
    String pem = Pem.encode(ROOT.certificate(), INTERMEDIATE.certificate());

    api()
        .body(trustStore(id, pem))
        .post("/api/v1/trust-stores")
        .then()
        .statusCode(201)
        .header("ETag", "\"1\"")
        .header("Location", containsString("/api/v1/trust-stores/" + id))
        .body("version", equalTo(1))
        .body("pem", equalTo(pem));
    api().get("/api/v1/trust-stores/" + id).then().statusCode(200).header("ETag", "\"1\"");
    api().get("/api/v1/trust-stores").then().body("id", hasItem(id));
  }

  @Test
  void leafInTheBundleIsRefusedNamingTheCertificate() {
    IssuedCertificate leaf = CertificateIssuer.client("CN=client-7,O=Test", INTERMEDIATE);
    String pem = Pem.encode(ROOT.certificate(), leaf.certificate());

    api()
        .body(trustStore(uniqueId("partners"), pem))
        .post("/api/v1/trust-stores")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("pem"))
        .body(
            "errors[0].message",
            allOf(containsString("certificate 1"), containsString("CN=client-7")));
  }

  @Test
  void unparsablePemIsRefused() {
    String pem =
        "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n";

    api()
        .body(trustStore(uniqueId("partners"), pem))
        .post("/api/v1/trust-stores")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("pem"));
  }

  @Test
  void textWithoutCertificatesIsRefused() {
    api()
        .body(trustStore(uniqueId("partners"), "just some text"))
        .post("/api/v1/trust-stores")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("pem"))
        .body("errors[0].message", containsString("no PEM certificate"));
  }

  @Test
  void crlsAreCheckedOneByOne() throws Exception {
    String id = uniqueId("partners");
    String body =
        "{\"id\": \""
            + id
            + "\", \"pem\": \""
            + escape(ROOT.certificatePem())
            + "\", \"crls\": [\""
            + escape(Pem.encode(crl(ROOT)))
            + "\", \"garbage\"]}";

    api()
        .body(body)
        .post("/api/v1/trust-stores")
        .then()
        .statusCode(400)
        .body("errors.size()", equalTo(1))
        .body("errors[0].field", equalTo("crls[1]"));
  }

  @Test
  void trustStoreInUseCannotBeDeleted() {
    String storeId = uniqueId("partners");
    api()
        .body(trustStore(storeId, ROOT.certificatePem()))
        .post("/api/v1/trust-stores")
        .then()
        .statusCode(201);
    String distributionId = uniqueId("bank");
    api()
        .body(distribution(distributionId, "required", storeId))
        .post("/api/v1/distributions")
        .then()
        .statusCode(201);

    api()
        .header("If-Match", "\"1\"")
        .delete("/api/v1/trust-stores/" + storeId)
        .then()
        .statusCode(409)
        .body("detail", containsString(distributionId));

    api()
        .header("If-Match", "\"1\"")
        .delete("/api/v1/distributions/" + distributionId)
        .then()
        .statusCode(204);
    api()
        .header("If-Match", "\"1\"")
        .delete("/api/v1/trust-stores/" + storeId)
        .then()
        .statusCode(204);
    api().get("/api/v1/trust-stores/" + storeId).then().statusCode(404);
  }

  @Test
  void trustStoreUpdateNeedsTheCurrentEtag() {
    String id = uniqueId("partners");
    api()
        .body(trustStore(id, ROOT.certificatePem()))
        .post("/api/v1/trust-stores")
        .then()
        .statusCode(201);
    String bundle = Pem.encode(ROOT.certificate(), INTERMEDIATE.certificate());

    api().body(trustStore(id, bundle)).put("/api/v1/trust-stores/" + id).then().statusCode(428);
    api()
        .header("If-Match", "\"1\"")
        .body(trustStore(id, bundle))
        .put("/api/v1/trust-stores/" + id)
        .then()
        .statusCode(200)
        .header("ETag", "\"2\"");
    api()
        .header("If-Match", "\"1\"")
        .body(trustStore(id, bundle))
        .put("/api/v1/trust-stores/" + id)
        .then()
        .statusCode(412);
  }

  private static X509CRL crl(IssuedCertificate issuer) throws Exception {
    Instant now = Instant.now();
    X509v2CRLBuilder builder =
        new X509v2CRLBuilder(
            new JcaX509CertificateHolder(issuer.certificate()).getSubject(), Date.from(now));
    builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(7))));
    var signer =
        new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.keyPair().getPrivate());
    return new JcaX509CRLConverter().getCRL(builder.build(signer));
  }
}
