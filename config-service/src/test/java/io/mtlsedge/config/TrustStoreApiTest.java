package io.mtlsedge.config;

import static io.mtlsedge.config.Fixtures.api;
import static io.mtlsedge.config.Fixtures.distribution;
import static io.mtlsedge.config.Fixtures.escape;
import static io.mtlsedge.config.Fixtures.tag;
import static io.mtlsedge.config.Fixtures.trustStore;
import static io.mtlsedge.config.Fixtures.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.mtlsedge.common.pki.CertificateIssuer;
import io.mtlsedge.common.pki.IssuedCertificate;
import io.mtlsedge.common.pki.Pem;
import io.mtlsedge.config.validation.TrustStoreValidator;
import io.mtlsedge.testing.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
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

    long version =
        api()
            .body(trustStore(id, pem))
            .post("/api/v1/trust-stores")
            .then()
            .statusCode(201)
            .header("Location", containsString("/api/v1/trust-stores/" + id))
            .body("pem", equalTo(pem))
            .extract()
            .jsonPath()
            .getLong("version");
    api().get("/api/v1/trust-stores/" + id).then().statusCode(200).header("ETag", tag(version));
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
    long storeVersion =
        Fixtures.create("/api/v1/trust-stores", trustStore(storeId, ROOT.certificatePem()));
    String distributionId = uniqueId("bank");
    long distributionVersion =
        Fixtures.create("/api/v1/distributions", distribution(distributionId, "required", storeId));

    api()
        .header("If-Match", tag(storeVersion))
        .delete("/api/v1/trust-stores/" + storeId)
        .then()
        .statusCode(409)
        .body("detail", containsString(distributionId));

    api()
        .header("If-Match", tag(distributionVersion))
        .delete("/api/v1/distributions/" + distributionId)
        .then()
        .statusCode(204);
    api()
        .header("If-Match", tag(storeVersion))
        .delete("/api/v1/trust-stores/" + storeId)
        .then()
        .statusCode(204);
    api().get("/api/v1/trust-stores/" + storeId).then().statusCode(404);
  }

  @Test
  void trustStoreUpdateNeedsTheCurrentEtag() {
    String id = uniqueId("partners");
    long version = Fixtures.create("/api/v1/trust-stores", trustStore(id, ROOT.certificatePem()));
    String bundle = Pem.encode(ROOT.certificate(), INTERMEDIATE.certificate());

    api().body(trustStore(id, bundle)).put("/api/v1/trust-stores/" + id).then().statusCode(428);
    api()
        .header("If-Match", tag(version))
        .body(trustStore(id, bundle))
        .put("/api/v1/trust-stores/" + id)
        .then()
        .statusCode(200)
        .header("ETag", tag(version + 1));
    api()
        .header("If-Match", tag(version))
        .body(trustStore(id, bundle))
        .put("/api/v1/trust-stores/" + id)
        .then()
        .statusCode(412);
  }

  @Test
  void recreatedTrustStoreGetsAHigherVersion() {
    String id = uniqueId("partners");
    long first = Fixtures.create("/api/v1/trust-stores", trustStore(id, ROOT.certificatePem()));
    api()
        .header("If-Match", tag(first))
        .delete("/api/v1/trust-stores/" + id)
        .then()
        .statusCode(204);

    long second = Fixtures.create("/api/v1/trust-stores", trustStore(id, ROOT.certificatePem()));

    assertThat(second).isGreaterThan(first);
    api()
        .header("If-Match", tag(first))
        .body(trustStore(id, ROOT.certificatePem()))
        .put("/api/v1/trust-stores/" + id)
        .then()
        .statusCode(412);
  }

  @Test
  void bundleOfMoreThan200CertificatesIsRefused() {
    String one = ROOT.certificatePem();
    String pem = one.repeat(TrustStoreValidator.MAX_CERTIFICATES + 1);

    api()
        .body(trustStore(uniqueId("partners"), pem))
        .post("/api/v1/trust-stores")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("pem"))
        .body("errors[0].message", containsString("at most 200"));
    Fixtures.create(
        "/api/v1/trust-stores",
        trustStore(uniqueId("partners"), one.repeat(TrustStoreValidator.MAX_CERTIFICATES)));
  }

  @Test
  void moreThan100CrlsAreRefused() throws Exception {
    String crl = "\"" + escape(Pem.encode(crl(ROOT))) + "\"";
    String crls = String.join(",", Collections.nCopies(TrustStoreValidator.MAX_CRLS + 1, crl));
    String body =
        "{\"id\": \""
            + uniqueId("partners")
            + "\", \"pem\": \""
            + escape(ROOT.certificatePem())
            + "\", \"crls\": ["
            + crls
            + "]}";

    api()
        .body(body)
        .post("/api/v1/trust-stores")
        .then()
        .statusCode(400)
        .body("errors.size()", equalTo(1))
        .body("errors[0].field", equalTo("crls"))
        .body("errors[0].message", containsString("at most 100"));
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
