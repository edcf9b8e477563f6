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
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
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
  void expiryIsReportedBeforeWeakCrypto() {
    IssuedCertificate leaf =
        CertificateIssuer.certificate("CN=client-weak-expired")
            .issuedBy(INTERMEDIATE)
            .rsa(1024)
            .validBetween(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)))
            .issue();

    assertThat(validate(leaf, trustOf(ROOT), Purpose.CLIENT).verdict())
        .isEqualTo(VerdictCode.EXPIRED);
  }

  @Test
  void untrustedChainThatIsAlsoExpiredIsUntrusted() {
    IssuedCertificate otherRoot = CertificateIssuer.root("CN=Expired Stranger Root");
    IssuedCertificate leaf =
        CertificateIssuer.certificate("CN=client-stranger-expired")
            .issuedBy(otherRoot)
            .clientAuth()
            .validBetween(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)))
            .issue();

    assertThat(validate(leaf, trustOf(ROOT), Purpose.CLIENT).verdict())
        .isEqualTo(VerdictCode.UNTRUSTED);
  }

  @Test
  void forgedLeafThatIsAlsoExpiredHasABadSignature() {
    IssuedCertificate twin =
        CertificateIssuer.intermediate("CN=Test Intermediate,O=Inspector", ROOT);
    IssuedCertificate leaf =
        CertificateIssuer.certificate("CN=client-forged-expired")
            .issuedBy(twin)
            .clientAuth()
            .validBetween(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)))
            .issue();
    List<X509Certificate> chain = List.of(leaf.certificate(), INTERMEDIATE.certificate());

    Verdict verdict = validator.validate(chain, trustOf(ROOT), now, Purpose.CLIENT);

    assertThat(verdict.verdict()).isEqualTo(VerdictCode.BAD_SIGNATURE);
    assertThat(verdict.reason()).contains("leaf CN=client-forged-expired");
  }

  @Test
  void forgedLeafUnderAnExpiredIntermediateHasABadSignature() {
    IssuedCertificate expired =
        CertificateIssuer.certificate("CN=Lapsed Intermediate")
            .issuedBy(ROOT)
            .ca()
            .validBetween(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)))
            .issue();
    IssuedCertificate twin = CertificateIssuer.intermediate("CN=Lapsed Intermediate", ROOT);
    IssuedCertificate leaf =
        CertificateIssuer.certificate("CN=client-under-lapsed")
            .issuedBy(twin)
            .clientAuth()
            .validBetween(now.minus(Duration.ofDays(20)), now.plus(Duration.ofDays(300)))
            .issue();
    List<X509Certificate> chain = List.of(leaf.certificate(), expired.certificate());

    Verdict verdict = validator.validate(chain, trustOf(ROOT), now, Purpose.CLIENT);

    assertThat(verdict.verdict()).isEqualTo(VerdictCode.BAD_SIGNATURE);
  }

  @Test
  void untrustedSha1LeafIsUntrusted() {
    IssuedCertificate otherRoot = CertificateIssuer.root("CN=SHA-1 Stranger Root");
    X509Certificate leaf =
        TestPki.leafSignedWith(
            "CN=client-sha1-stranger",
            otherRoot,
            "SHA1withECDSA",
            now.minus(Duration.ofHours(1)),
            now.plus(Duration.ofDays(90)));

    assertThat(validator.validate(List.of(leaf), trustOf(ROOT), now, Purpose.CLIENT).verdict())
        .isEqualTo(VerdictCode.UNTRUSTED);
  }

  @Test
  void sha1LeafUnderTheTrustedChainIsWeakCrypto() {
    X509Certificate leaf =
        TestPki.leafSignedWith(
            "CN=client-sha1",
            INTERMEDIATE,
            "SHA1withECDSA",
            now.minus(Duration.ofHours(1)),
            now.plus(Duration.ofDays(90)));

    Verdict verdict =
        validator.validate(
            List.of(leaf, INTERMEDIATE.certificate()), trustOf(ROOT), now, Purpose.CLIENT);

    assertThat(verdict.verdict()).isEqualTo(VerdictCode.WEAK_CRYPTO);
    assertThat(verdict.reason()).contains("SHA1");
  }

  @Test
  void revokedLeafThatIsAlsoExpiredIsRevoked() throws Exception {
    IssuedCertificate leaf =
        CertificateIssuer.certificate("CN=client-revoked-expired")
            .issuedBy(INTERMEDIATE)
            .clientAuth()
            .validBetween(now.minus(Duration.ofDays(30)), now.minus(Duration.ofMinutes(5)))
            .issue();
    X509CRL crl = crl(INTERMEDIATE, leaf.certificate().getSerialNumber());

    Verdict verdict =
        validate(leaf, new TrustBundle(List.of(ROOT.certificate()), List.of(crl)), Purpose.CLIENT);

    assertThat(verdict.verdict()).isEqualTo(VerdictCode.REVOKED);
  }

  @Test
  void expiredTrustAnchorPresentedWithTheChainIsOutsideTheValidatedPath() {
    IssuedCertificate lapsedRoot =
        CertificateIssuer.certificate("CN=Lapsed Root")
            .ca()
            .validBetween(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)))
            .issue();
    IssuedCertificate leaf = CertificateIssuer.client("CN=client-lapsed-root", lapsedRoot);
    List<X509Certificate> chain = List.of(leaf.certificate(), lapsedRoot.certificate());

    assertThat(validator.validate(chain, trustOf(lapsedRoot), now, Purpose.CLIENT).verdict())
        .isEqualTo(VerdictCode.VALID);
  }

  @Test
  void rsaKeyOver8192BitsIsWeakCryptoBeforeAnySignatureIsChecked() {
    IssuedCertificate otherRoot = CertificateIssuer.root("CN=Huge Key Stranger Root");
    X509Certificate leaf =
        TestPki.leafWithRsaKey(
            "CN=client-huge-key", otherRoot, TestPki.modulus(8200), BigInteger.valueOf(65537));

    Verdict verdict = validator.validate(List.of(leaf), trustOf(ROOT), now, Purpose.CLIENT);

    assertThat(verdict.verdict()).isEqualTo(VerdictCode.WEAK_CRYPTO);
    assertThat(verdict.reason()).contains("CN=client-huge-key").contains("8200-bit");
  }

  @Test
  void rsaPublicExponentOver2To32IsWeakCrypto() {
    X509Certificate leaf =
        TestPki.leafWithRsaKey(
            "CN=client-huge-exponent",
            INTERMEDIATE,
            TestPki.modulus(2048),
            BigInteger.ONE.shiftLeft(32).add(BigInteger.ONE));

    Verdict verdict =
        validator.validate(
            List.of(leaf, INTERMEDIATE.certificate()), trustOf(ROOT), now, Purpose.CLIENT);

    assertThat(verdict.verdict()).isEqualTo(VerdictCode.WEAK_CRYPTO);
    assertThat(verdict.reason()).contains("exponent");
  }

  @Test
  void trustStoreCaWithAnOversizedRsaKeyIsWeakCrypto() {
    IssuedCertificate leaf = CertificateIssuer.client("CN=client-big-anchor", INTERMEDIATE);
    X509Certificate huge =
        TestPki.caWithRsaKey("CN=Huge CA", TestPki.modulus(9000), BigInteger.valueOf(65537));

    Verdict verdict =
        validate(
            leaf, new TrustBundle(List.of(huge, ROOT.certificate()), List.of()), Purpose.CLIENT);

    assertThat(verdict.verdict()).isEqualTo(VerdictCode.WEAK_CRYPTO);
    assertThat(verdict.reason()).contains("CN=Huge CA");
  }

  @Test
  void leafInsideTheAnchorsNameConstraintsIsValid() {
    IssuedCertificate root = partnerRoot();
    IssuedCertificate ca = CertificateIssuer.intermediate("CN=Partner CA,O=Partner", root);
    IssuedCertificate leaf =
        CertificateIssuer.certificate("CN=app,O=Partner")
            .issuedBy(ca)
            .clientAuth()
            .dnsName("app.partner.example")
            .issue();

    assertThat(validate(leaf, trustOf(root), Purpose.CLIENT).verdict())
        .isEqualTo(VerdictCode.VALID);
  }

  @Test
  void leafOutsideTheAnchorsDirectoryNameSubtreeViolatesItsConstraints() {
    IssuedCertificate root = partnerRoot();
    IssuedCertificate ca = CertificateIssuer.intermediate("CN=Partner CA,O=Partner", root);
    IssuedCertificate leaf = CertificateIssuer.client("CN=intruder,O=Elsewhere", ca);

    Verdict verdict = validate(leaf, trustOf(root), Purpose.CLIENT);

    assertThat(verdict.verdict()).isEqualTo(VerdictCode.CONSTRAINT_VIOLATED);
    assertThat(verdict.reason()).contains("leaf CN=intruder").contains("name constraints");
  }

  @Test
  void leafWithADnsNameOutsideTheAnchorsSubtreesViolatesItsConstraints() {
    IssuedCertificate root = partnerRoot();
    IssuedCertificate ca = CertificateIssuer.intermediate("CN=Partner CA,O=Partner", root);
    IssuedCertificate leaf =
        CertificateIssuer.certificate("CN=app,O=Partner")
            .issuedBy(ca)
            .clientAuth()
            .dnsName("app.elsewhere.example")
            .issue();

    assertThat(validate(leaf, trustOf(root), Purpose.CLIENT).verdict())
        .isEqualTo(VerdictCode.CONSTRAINT_VIOLATED);
  }

  @Test
  void intermediateOutsideTheAnchorsSubtreesViolatesItsConstraints() {
    IssuedCertificate root = partnerRoot();
    IssuedCertificate rogue = CertificateIssuer.intermediate("CN=Rogue CA,O=Elsewhere", root);
    IssuedCertificate leaf = CertificateIssuer.client("CN=app,O=Partner", rogue);

    Verdict verdict = validate(leaf, trustOf(root), Purpose.CLIENT);

    assertThat(verdict.verdict()).isEqualTo(VerdictCode.CONSTRAINT_VIOLATED);
    assertThat(verdict.reason()).contains("intermediate CN=Rogue CA");
  }

  @Test
  void chainOverTheLimitsGivenForTheCallIsOverLimits() {
    IssuedCertificate leaf = CertificateIssuer.client("CN=client-call-limits", INTERMEDIATE);

    Verdict verdict =
        validator.validate(
            leaf.tlsChain(),
            trustOf(ROOT),
            now,
            Purpose.CLIENT,
            new ChainValidator.Limits(1, 64 * 1024));

    assertThat(verdict.verdict()).isEqualTo(VerdictCode.OVER_LIMITS);
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

  private static IssuedCertificate partnerRoot() {
    return TestPki.constrainedRoot(
        "CN=Partner Root,O=Partner",
        new GeneralSubtree(new GeneralName(GeneralName.dNSName, "partner.example")),
        new GeneralSubtree(new GeneralName(TestPki.x500("O=Partner"))));
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
