package io.mtlsedge.inspector.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtlsedge.common.pki.CertificateIssuer;
import io.mtlsedge.common.pki.IssuedCertificate;
import java.math.BigInteger;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

class ChainValidatorTest {

  private static final IssuedCertificate ROOT = CertificateIssuer.root("CN=Test Root,O=Inspector");
  private static final IssuedCertificate INTERMEDIATE =
      CertificateIssuer.intermediate("CN=Test Intermediate,O=Inspector", ROOT);

  private final ChainValidator validator = ChainValidator.withDefaults();
  private final Instant now = Instant.now();

  @Test
  void validChainFromRootThroughIntermediateIsValid() {
    IssuedCertificate leaf = CertificateIssuer.client("CN=client-1", INTERMEDIATE);

    Verdict verdict = validate(leaf, trustOf(ROOT), Purpose.CLIENT);

    assertThat(verdict.verdict()).isEqualTo(VerdictCode.VALID);
    assertThat(verdict.reason()).contains("CN=client-1").contains("CN=Test Root");
    assertThat(verdict.warnings()).isEmpty();
  }

  @Test
  void chainPresentedWithItsRootIsValid() {
    IssuedCertificate leaf = CertificateIssuer.client("CN=client-with-root", INTERMEDIATE);
    List<X509Certificate> chain = new ArrayList<>(leaf.tlsChain());
    chain.add(ROOT.certificate());

    Verdict verdict = validator.validate(chain, trustOf(ROOT), now, Purpose.CLIENT);

    assertThat(verdict.verdict()).isEqualTo(VerdictCode.VALID);
  }

  @Test
  void leafIssuedByTrustedIntermediateAloneIsValid() {
    IssuedCertificate leaf = CertificateIssuer.client("CN=client-short", INTERMEDIATE);

    Verdict verdict =
        validator.validate(List.of(leaf.certificate()), trustOf(INTERMEDIATE), now, Purpose.CLIENT);

    assertThat(verdict.verdict()).isEqualTo(VerdictCode.VALID);
  }

  @Test
  void expiredLeafIsExpired() {
    IssuedCertificate leaf =
        CertificateIssuer.certificate("CN=client-expired")
            .issuedBy(INTERMEDIATE)
            .clientAuth()
            .validBetween(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)))
            .issue();

    Verdict verdict = validate(leaf, trustOf(ROOT), Purpose.CLIENT);

    assertThat(verdict.verdict()).isEqualTo(VerdictCode.EXPIRED);
    assertThat(verdict.reason()).contains("leaf CN=client-expired").contains("expired");
  }

  @Test
  void expiredIntermediateIsNamedInTheReason() {
    IssuedCertificate oldIntermediate =
        CertificateIssuer.certificate("CN=Old Intermediate")
            .issuedBy(ROOT)
            .ca()
            .validBetween(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)))
            .issue();
    IssuedCertificate leaf = CertificateIssuer.client("CN=client-old-ca", oldIntermediate);

    Verdict verdict = validate(leaf, trustOf(ROOT), Purpose.CLIENT);

    assertThat(verdict.verdict()).isEqualTo(VerdictCode.EXPIRED);
    assertThat(verdict.reason()).contains("intermediate CN=Old Intermediate");
  }

  @Test
  void leafValidOnlyInTheFutureIsNotYetValid() {
    IssuedCertificate leaf =
        CertificateIssuer.certificate("CN=client-future")
            .issuedBy(INTERMEDIATE)
            .clientAuth()
            .validBetween(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)))
            .issue();

    Verdict verdict = validate(leaf, trustOf(ROOT), Purpose.CLIENT);

    assertThat(verdict.verdict()).isEqualTo(VerdictCode.NOT_YET_VALID);
    assertThat(verdict.reason()).contains("CN=client-future");
  }

  @Test
  void chainFromAnotherRootIsUntrusted() {
    IssuedCertificate otherRoot = CertificateIssuer.root("CN=Other Root");
    IssuedCertificate leaf =
        CertificateIssuer.client(
            "CN=client-other", CertificateIssuer.intermediate("CN=Other Int", otherRoot));

    Verdict verdict = validate(leaf, trustOf(ROOT), Purpose.CLIENT);

    assertThat(verdict.verdict()).isEqualTo(VerdictCode.UNTRUSTED);
    assertThat(verdict.reason()).contains("intermediate CN=Other Int").contains("CN=Other Root");
  }

  @Test
  void chainUnderARootWithTheTrustedNameButAnotherKeyHasABadSignature() {
    IssuedCertificate impostor = CertificateIssuer.root("CN=Test Root,O=Inspector");
    IssuedCertificate leaf =
        CertificateIssuer.client(
            "CN=client-impostor",
            CertificateIssuer.intermediate("CN=Test Intermediate,O=Inspector", impostor));

    Verdict verdict = validate(leaf, trustOf(ROOT), Purpose.CLIENT);

    assertThat(verdict.verdict()).isEqualTo(VerdictCode.BAD_SIGNATURE);
    assertThat(verdict.reason()).contains("intermediate").contains("CN=Test Intermediate");
  }

  @Test
  void leafSignedByAnotherKeyThanItsPresentedIntermediateHasABadSignature() {
    IssuedCertificate twin =
        CertificateIssuer.intermediate("CN=Test Intermediate,O=Inspector", ROOT);
    IssuedCertificate leaf = CertificateIssuer.client("CN=client-forged", twin);
    List<X509Certificate> chain = List.of(leaf.certificate(), INTERMEDIATE.certificate());

    Verdict verdict = validator.validate(chain, trustOf(ROOT), now, Purpose.CLIENT);

    assertThat(verdict.verdict()).isEqualTo(VerdictCode.BAD_SIGNATURE);
    assertThat(verdict.reason()).contains("leaf CN=client-forged");
  }

  @Test
  void leafListedInTheIntermediatesCrlIsRevoked() throws Exception {
    IssuedCertificate leaf = CertificateIssuer.client("CN=client-revoked", INTERMEDIATE);
    X509CRL crl = crl(INTERMEDIATE, leaf.certificate().getSerialNumber());

    Verdict verdict =
        validate(leaf, new TrustBundle(List.of(ROOT.certificate()), List.of(crl)), Purpose.CLIENT);

    assertThat(verdict.verdict()).isEqualTo(VerdictCode.REVOKED);
    assertThat(verdict.reason()).contains("leaf CN=client-revoked").contains("KEY_COMPROMISE");
  }

  @Test
  void leafNotListedInTheCrlIsValid() throws Exception {
    IssuedCertificate leaf = CertificateIssuer.client("CN=client-not-revoked", INTERMEDIATE);
    X509CRL crl = crl(INTERMEDIATE, BigInteger.valueOf(12345));

    Verdict verdict =
        validate(leaf, new TrustBundle(List.of(ROOT.certificate()), List.of(crl)), Purpose.CLIENT);

    assertThat(verdict.verdict()).isEqualTo(VerdictCode.VALID);
  }

  @Test
  void crlSignedByAnotherKeyIsIgnored() throws Exception {
    IssuedCertificate leaf = CertificateIssuer.client("CN=client-forged-crl", INTERMEDIATE);
    IssuedCertificate twin =
        CertificateIssuer.intermediate("CN=Test Intermediate,O=Inspector", ROOT);
    X509CRL forged = crl(twin, leaf.certificate().getSerialNumber());

    Verdict verdict =
        validate(
            leaf, new TrustBundle(List.of(ROOT.certificate()), List.of(forged)), Purpose.CLIENT);

    assertThat(verdict.verdict()).isEqualTo(VerdictCode.VALID);
  }

  @Test
  void serverLeafCheckedForClientIsWrongPurpose() {
    IssuedCertificate leaf = CertificateIssuer.server("api.example.com", INTERMEDIATE);

    Verdict verdict = validate(leaf, trustOf(ROOT), Purpose.CLIENT);

    assertThat(verdict.verdict()).isEqualTo(VerdictCode.WRONG_PURPOSE);
    assertThat(verdict.reason()).contains("CN=api.example.com").contains("client");
  }

  @Test
  void serverLeafCheckedForServerOrAnyIsValid() {
    IssuedCertificate leaf = CertificateIssuer.server("api.example.com", INTERMEDIATE);

    assertThat(validate(leaf, trustOf(ROOT), Purpose.SERVER).verdict())
        .isEqualTo(VerdictCode.VALID);
    assertThat(validate(leaf, trustOf(ROOT), Purpose.ANY).verdict()).isEqualTo(VerdictCode.VALID);
  }

  @Test
  void leafWithA1024BitRsaKeyIsWeakCrypto() {
    IssuedCertificate leaf =
        CertificateIssuer.certificate("CN=client-weak")
            .issuedBy(INTERMEDIATE)
            .clientAuth()
            .rsa(1024)
            .issue();

    Verdict verdict = validate(leaf, trustOf(ROOT), Purpose.CLIENT);

    assertThat(verdict.verdict()).isEqualTo(VerdictCode.WEAK_CRYPTO);
    assertThat(verdict.reason()).contains("CN=client-weak").contains("1024");
  }

  @Test
  void weakCryptoIsReportedBeforeExpiry() {
    IssuedCertificate leaf =
        CertificateIssuer.certificate("CN=client-weak-expired")
            .issuedBy(INTERMEDIATE)
            .rsa(1024)
            .validBetween(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)))
            .issue();

    assertThat(validate(leaf, trustOf(ROOT), Purpose.CLIENT).verdict())
        .isEqualTo(VerdictCode.WEAK_CRYPTO);
  }

  @Test
  void chainLongerThanTheLimitIsOverLimits() {
    IssuedCertificate leaf = CertificateIssuer.client("CN=client-long", INTERMEDIATE);
    ChainValidator strict = new ChainValidator(Duration.ofDays(30), 1, 64 * 1024);

    Verdict verdict = strict.validate(leaf.tlsChain(), trustOf(ROOT), now, Purpose.CLIENT);

    assertThat(verdict.verdict()).isEqualTo(VerdictCode.OVER_LIMITS);
    assertThat(verdict.reason()).contains("2 certificates");
  }

  @Test
  void bytesThatAreNoCertificateAreMalformed() {
    Verdict verdict =
        validator.validateDer(
            List.of(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}), trustOf(ROOT), now, Purpose.CLIENT);

    assertThat(verdict.verdict()).isEqualTo(VerdictCode.MALFORMED);
    assertThat(verdict.reason()).contains("Certificate 1");
  }

  @Test
  void emptyChainIsMalformed() {
    assertThat(validator.validate(List.of(), trustOf(ROOT), now, Purpose.CLIENT).verdict())
        .isEqualTo(VerdictCode.MALFORMED);
  }

  @Test
  void leafExpiringSoonIsValidWithAWarning() {
    IssuedCertificate leaf =
        CertificateIssuer.certificate("CN=client-soon")
            .issuedBy(INTERMEDIATE)
            .clientAuth()
            .validBetween(now.minus(Duration.ofDays(300)), now.plus(Duration.ofDays(10)))
            .issue();

    Verdict verdict = validate(leaf, trustOf(ROOT), Purpose.CLIENT);

    assertThat(verdict.verdict()).isEqualTo(VerdictCode.VALID);
    assertThat(verdict.warnings()).singleElement().asString().contains("CN=client-soon");
  }

  @Test
  void validationAtAPastTimeSeesTheLeafAsItWasThen() {
    IssuedCertificate oldRoot =
        CertificateIssuer.certificate("CN=Old Root")
            .ca()
            .validBetween(now.minus(Duration.ofDays(365)), now.plus(Duration.ofDays(365)))
            .issue();
    IssuedCertificate leaf =
        CertificateIssuer.certificate("CN=client-was-valid")
            .issuedBy(oldRoot)
            .clientAuth()
            .validBetween(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)))
            .issue();

    Verdict verdict =
        validator.validate(
            leaf.tlsChain(), trustOf(oldRoot), now.minus(Duration.ofDays(2)), Purpose.CLIENT);

    assertThat(verdict.verdict()).isEqualTo(VerdictCode.VALID);
  }

  private Verdict validate(IssuedCertificate leaf, TrustBundle trust, Purpose purpose) {
    return validator.validate(leaf.tlsChain(), trust, now, purpose);
  }

  private static TrustBundle trustOf(IssuedCertificate... cas) {
    List<X509Certificate> anchors = new ArrayList<>();
    for (IssuedCertificate ca : cas) {
      anchors.add(ca.certificate());
    }
    return new TrustBundle(anchors, List.of());
  }

  private X509CRL crl(IssuedCertificate issuer, BigInteger revokedSerial) throws Exception {
    X509v2CRLBuilder builder =
        new X509v2CRLBuilder(
            X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded()),
            Date.from(now.minus(Duration.ofHours(1))));
    builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(7))));
    builder.addCRLEntry(
        revokedSerial, Date.from(now.minus(Duration.ofMinutes(30))), CRLReason.keyCompromise);
    var signer =
        new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.keyPair().getPrivate());
    return new JcaX509CRLConverter().getCRL(builder.build(signer));
  }
}
