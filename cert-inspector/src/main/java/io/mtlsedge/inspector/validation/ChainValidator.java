package io.mtlsedge.inspector.validation;

import io.mtlsedge.common.pki.BouncyCastle;
import io.mtlsedge.common.pki.CertificateFacts;
import io.mtlsedge.common.pki.Pem;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAKey;
import java.security.interfaces.RSAKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraintValidatorException;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.PKIXNameConstraintValidator;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;

/**
 * Validates a chain, leaf first, against a trust store at a given time and for a purpose, with
 * BouncyCastle's PKIX path validation plus the checks default engines leave out: limits, keys too
 * large to verify cheaply, revocation by the trust store's CRLs, the trust anchor's name
 * constraints, basic constraints of intermediates, the leaf's key usage for the purpose, and weak
 * keys and signatures. Thread-safe.
 */
public final class ChainValidator {

  /** Most certificates in a chain, by default. */
  public static final int DEFAULT_MAX_CERTIFICATES = 10;

  /** Most DER bytes in a chain, by default. */
  public static final int DEFAULT_MAX_BYTES = 64 * 1024;

  /** Warn about certificates that expire within this, by default. */
  public static final Duration DEFAULT_EXPIRY_WARNING = Duration.ofDays(30);

  /** Largest RSA modulus verified, in bits; a larger one makes every signature check slow. */
  public static final int MAX_RSA_BITS = 8192;

  /** Largest RSA public exponent verified. */
  public static final BigInteger MAX_RSA_EXPONENT = BigInteger.ONE.shiftLeft(32);

  private static final Provider BC = BouncyCastle.provider();
  private static final String BASIC_CONSTRAINTS_OID = "2.5.29.19";
  private static final String ANY_EKU_OID = "2.5.29.37.0";
  private static final int MIN_RSA_BITS = 2048;
  private static final int MAX_SERIAL_OCTETS = 20;
  private static final int DIGITAL_SIGNATURE = 0;

  /**
   * The size limits of a chain.
   *
   * @param maxCertificates most certificates in a chain, leaf included
   * @param maxBytes most DER bytes in a chain
   */
  public record Limits(int maxCertificates, int maxBytes) {}

  private final Duration expiryWarning;
  private final Limits defaultLimits;

  /**
   * A validator.
   *
   * @param expiryWarning warn about certificates that expire within this
   * @param maxCertificates most certificates in a chain
   * @param maxBytes most DER bytes in a chain
   */
  public ChainValidator(Duration expiryWarning, int maxCertificates, int maxBytes) {
    this.expiryWarning = expiryWarning;
    this.defaultLimits = new Limits(maxCertificates, maxBytes);
  }

  /** A validator with the default limits and a 30-day expiry warning. */
  public static ChainValidator withDefaults() {
    return new ChainValidator(DEFAULT_EXPIRY_WARNING, DEFAULT_MAX_CERTIFICATES, DEFAULT_MAX_BYTES);
  }

  /** The limits a chain is held to when the caller names none. */
  public Limits defaultLimits() {
    return defaultLimits;
  }

  /** Validates a chain given as DER encodings, leaf first, with the default limits. */
  public Verdict validateDer(List<byte[]> chain, TrustBundle trust, Instant at, Purpose purpose) {
    return validateDer(chain, trust, at, purpose, defaultLimits);
  }

  /** Validates a chain given as DER encodings, leaf first, as the edge logs it. */
  public Verdict validateDer(
      List<byte[]> chain, TrustBundle trust, Instant at, Purpose purpose, Limits limits) {
    Optional<Verdict> overLimits =
        overLimits(limits, chain.size(), chain.stream().mapToLong(der -> der.length).sum());
    if (overLimits.isPresent()) {
      return overLimits.get();
    }
    List<X509Certificate> certificates = new ArrayList<>();
    for (int i = 0; i < chain.size(); i++) {
      try {
        certificates.add(Pem.fromDer(chain.get(i)));
      } catch (IllegalArgumentException e) {
        return Verdict.of(
            VerdictCode.MALFORMED,
            "Certificate " + (i + 1) + " of the chain does not parse: " + rootMessage(e) + ".");
      }
    }
    return validate(certificates, trust, at, purpose, limits);
  }

  /** Validates a chain, leaf first, with the default limits. */
  public Verdict validate(
      List<X509Certificate> chain, TrustBundle trust, Instant at, Purpose purpose) {
    return validate(chain, trust, at, purpose, defaultLimits);
  }

  /**
   * Validates a chain, leaf first. The first failing check is the verdict: limits, malformed
   * certificates and keys too large to verify, then the PKIX path (trust and signatures),
   * revocation, the validity dates of the certificates in the path, constraints and purpose, and
   * last weak keys and digests.
   *
   * @param chain the certificates the viewer presented, leaf first
   * @param trust the trust store to validate against
   * @param at the time of validation
   * @param purpose what the leaf must be good for
   * @param limits the size limits the chain is held to
   */
  public Verdict validate(
      List<X509Certificate> chain, TrustBundle trust, Instant at, Purpose purpose, Limits limits) {
    Run run = new Run(chain, trust, at, purpose, limits);
    List<Supplier<Optional<Verdict>>> checks =
        List.of(
            run::overLimits,
            run::malformed,
            run::oversizedKeys,
            run::pkix,
            run::revocation,
            run::dates,
            run::caConstraints,
            run::anchorNameConstraints,
            run::purpose,
            run::weakCrypto);
    for (Supplier<Optional<Verdict>> check : checks) {
      Optional<Verdict> failure = check.get();
      if (failure.isPresent()) {
        return failure.get();
      }
    }
    return new Verdict(VerdictCode.VALID, run.validReason(), run.warnings());
  }

  /**
   * Why the RSA key of this certificate is too costly to verify signatures with, if it is: a
   * modulus over {@value #MAX_RSA_BITS} bits or a public exponent over 2^32. Read from the encoded
   * key, without any signature check.
   */
  public static Optional<String> oversizedKey(X509Certificate certificate) {
    SubjectPublicKeyInfo info;
    try {
      info = TBSCertificate.getInstance(certificate.getTBSCertificate()).getSubjectPublicKeyInfo();
    } catch (CertificateEncodingException | IllegalArgumentException e) {
      return Optional.of("a public key that does not parse");
    }
    AlgorithmIdentifier algorithm = info.getAlgorithm();
    if (!PKCSObjectIdentifiers.rsaEncryption.equals(algorithm.getAlgorithm())
        && !PKCSObjectIdentifiers.id_RSASSA_PSS.equals(algorithm.getAlgorithm())) {
      return Optional.empty();
    }
    RSAPublicKey key;
    try {
      key = RSAPublicKey.getInstance(info.parsePublicKey());
    } catch (IOException | IllegalArgumentException e) {
      return Optional.of("an RSA public key that does not parse");
    }
    int bits = key.getModulus().bitLength();
    if (bits > MAX_RSA_BITS) {
      return Optional.of(
          String.format(
              Locale.ROOT, "a %d-bit RSA key; at most %d bits are accepted", bits, MAX_RSA_BITS));
    }
    if (key.getPublicExponent().compareTo(MAX_RSA_EXPONENT) > 0) {
      return Optional.of("an RSA public exponent larger than 2^32");
    }
    return Optional.empty();
  }

  private static Optional<Verdict> overLimits(Limits limits, int count, long bytes) {
    if (count > limits.maxCertificates()) {
      return fail(
          VerdictCode.OVER_LIMITS,
          "The chain holds %d certificates, more than the limit of %d.",
          count,
          limits.maxCertificates());
    }
    if (bytes > limits.maxBytes()) {
      return fail(
          VerdictCode.OVER_LIMITS,
          "The chain holds %d bytes of certificate data, more than the limit of %d.",
          bytes,
          limits.maxBytes());
    }
    return Optional.empty();
  }

  /** The state of one validation: the chain, and what PKIX found. */
  private final class Run {

    private final List<X509Certificate> chain;
    private final TrustBundle trust;
    private final Instant at;
    private final Purpose purpose;
    private final Limits limits;
    private List<X509Certificate> path;
    private X509Certificate anchor;

    Run(
        List<X509Certificate> chain,
        TrustBundle trust,
        Instant at,
        Purpose purpose,
        Limits limits) {
      this.chain = List.copyOf(chain);
      this.trust = trust;
      this.at = at;
      this.purpose = purpose;
      this.limits = limits;
    }

    Optional<Verdict> overLimits() {
      long bytes = chain.stream().mapToLong(c -> Pem.der(c).length).sum();
      return ChainValidator.overLimits(limits, chain.size(), bytes);
    }

    Optional<Verdict> malformed() {
      if (chain.isEmpty()) {
        return fail(VerdictCode.MALFORMED, "The chain holds no certificate.");
      }
      for (int i = 0; i < chain.size(); i++) {
        BigInteger serial = chain.get(i).getSerialNumber();
        if (serial.signum() <= 0) {
          return fail(
              VerdictCode.MALFORMED,
              "The %s has a serial number that is not positive.",
              describe(i));
        }
        if (serial.toByteArray().length > MAX_SERIAL_OCTETS) {
          return fail(
              VerdictCode.MALFORMED,
              "The %s has a serial number longer than %d octets.",
              describe(i),
              MAX_SERIAL_OCTETS);
        }
      }
      return Optional.empty();
    }

    // Runs before any signature is verified: a huge modulus or exponent makes each check costly.
    Optional<Verdict> oversizedKeys() {
      for (int i = 0; i < chain.size(); i++) {
        Optional<String> why = oversizedKey(chain.get(i));
        if (why.isPresent()) {
          return fail(VerdictCode.WEAK_CRYPTO, "The %s has %s.", describe(i), why.get());
        }
      }
      for (X509Certificate ca : trust.anchors()) {
        Optional<String> why = oversizedKey(ca);
        if (why.isPresent()) {
          return fail(
              VerdictCode.WEAK_CRYPTO,
              "The trust store's CA certificate %s has %s.",
              CertificateFacts.subject(ca),
              why.get());
        }
      }
      return Optional.empty();
    }

    Optional<Verdict> weakCrypto() {
      for (int i = 0; i < chain.size(); i++) {
        X509Certificate certificate = chain.get(i);
        PublicKey key = certificate.getPublicKey();
        int bits = keyBits(key);
        if (bits > 0 && bits < MIN_RSA_BITS) {
          return fail(
              VerdictCode.WEAK_CRYPTO,
              "The %s has a %d-bit %s key; at least %d bits are required.",
              describe(i),
              bits,
              key.getAlgorithm(),
              MIN_RSA_BITS);
        }
        // A self-signed certificate's own signature protects nothing, so it is not judged.
        String algorithm = certificate.getSigAlgName().toUpperCase(Locale.ROOT);
        if (!isSelfSigned(certificate) && isWeakDigest(algorithm)) {
          return fail(
              VerdictCode.WEAK_CRYPTO,
              "The %s is signed with %s, a broken digest.",
              describe(i),
              certificate.getSigAlgName());
        }
      }
      return Optional.empty();
    }

    // Only the certificates of the validated path; the trust anchor's own dates are not checked.
    Optional<Verdict> dates() {
      for (int i = 0; i < validated().size(); i++) {
        X509Certificate certificate = validated().get(i);
        if (at.isBefore(certificate.getNotBefore().toInstant())) {
          return fail(
              VerdictCode.NOT_YET_VALID,
              "The %s is not valid before %s.",
              describe(i),
              CertificateFacts.notBefore(certificate));
        }
        if (at.isAfter(certificate.getNotAfter().toInstant())) {
          return fail(
              VerdictCode.EXPIRED,
              "The %s expired on %s.",
              describe(i),
              CertificateFacts.notAfter(certificate));
        }
      }
      return Optional.empty();
    }

    Optional<Verdict> pkix() {
      path = withoutAnchors(chain);
      if (path.isEmpty()) {
        // The leaf itself is in the trust store: it is pinned, nothing is left to chain.
        anchor = chain.get(0);
        return Optional.empty();
      }
      Optional<Verdict> failure = pkixAt(at);
      if (failure.isEmpty() || !isDateFailure(failure.get())) {
        return failure;
      }
      // BouncyCastle checks dates along with signatures, and trust and signatures come first:
      // the path is validated again at a time when all its certificates are within validity.
      Optional<Instant> inside = commonValidity();
      if (inside.isPresent()) {
        Optional<Verdict> again = pkixAt(inside.get());
        if (again.isEmpty() || !isDateFailure(again.get())) {
          return again;
        }
      }
      // Validity periods that do not overlap leave no time to verify the signatures at.
      return dates().or(() -> failure);
    }

    private Optional<Verdict> pkixAt(Instant when) {
      Set<TrustAnchor> anchors = new LinkedHashSet<>();
      trust.anchors().forEach(c -> anchors.add(new TrustAnchor(c, null)));
      try {
        PKIXParameters parameters = new PKIXParameters(anchors);
        parameters.setDate(Date.from(when));
        // Revocation is checked against the trust store's CRLs afterwards, issuer by issuer.
        parameters.setRevocationEnabled(false);
        CertPath certPath = CertificateFactory.getInstance("X.509", BC).generateCertPath(path);
        PKIXCertPathValidatorResult result =
            (PKIXCertPathValidatorResult)
                CertPathValidator.getInstance("PKIX", BC).validate(certPath, parameters);
        anchor = result.getTrustAnchor().getTrustedCert();
        return Optional.empty();
      } catch (CertPathValidatorException e) {
        return Optional.of(classify(e));
      } catch (InvalidAlgorithmParameterException e) {
        return fail(VerdictCode.UNTRUSTED, "The trust store holds no usable CA certificate.");
      } catch (GeneralSecurityException e) {
        return fail(
            VerdictCode.UNTRUSTED,
            "The chain of %s could not be validated: %s.",
            describe(0),
            rootMessage(e));
      }
    }

    Optional<Verdict> revocation() {
      for (int i = 0; i < path.size(); i++) {
        X509Certificate certificate = path.get(i);
        PublicKey issuerKey =
            i + 1 < path.size() ? path.get(i + 1).getPublicKey() : anchor.getPublicKey();
        for (X509CRL crl : trust.crls()) {
          if (!crl.getIssuerX500Principal().equals(certificate.getIssuerX500Principal())
              || !verifies(crl, issuerKey)) {
            continue;
          }
          X509CRLEntry entry = crl.getRevokedCertificate(certificate);
          if (entry != null && !entry.getRevocationDate().toInstant().isAfter(at)) {
            String why =
                entry.getRevocationReason() == null
                    ? ""
                    : " (" + entry.getRevocationReason().name() + ")";
            return fail(
                VerdictCode.REVOKED,
                "The %s was revoked on %s%s by the CRL of %s.",
                describe(i),
                entry.getRevocationDate().toInstant(),
                why,
                CertificateFacts.issuer(certificate));
          }
        }
      }
      return Optional.empty();
    }

    private Optional<Instant> commonValidity() {
      Instant from = Instant.MIN;
      Instant until = Instant.MAX;
      for (X509Certificate certificate : path) {
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        from = notBefore.isAfter(from) ? notBefore : from;
        until = notAfter.isBefore(until) ? notAfter : until;
      }
      return from.isAfter(until) ? Optional.empty() : Optional.of(from);
    }

    private List<X509Certificate> validated() {
      return path.isEmpty() ? chain.subList(0, 1) : path;
    }

    /**
     * BouncyCastle ignores the name constraints given to a {@link TrustAnchor}, so those the anchor
     * certificate carries are applied here, to every certificate of the path but self-issued
     * intermediates (RFC 5280, 6.1.3).
     */
    Optional<Verdict> anchorNameConstraints() {
      byte[] extension = anchor.getExtensionValue(Extension.nameConstraints.getId());
      if (extension == null || path.isEmpty()) {
        return Optional.empty();
      }
      PKIXNameConstraintValidator names = new PKIXNameConstraintValidator();
      try {
        NameConstraints constraints =
            NameConstraints.getInstance(ASN1OctetString.getInstance(extension).getOctets());
        if (constraints.getPermittedSubtrees() != null) {
          names.intersectPermittedSubtree(constraints.getPermittedSubtrees());
        }
        if (constraints.getExcludedSubtrees() != null) {
          for (GeneralSubtree subtree : constraints.getExcludedSubtrees()) {
            names.addExcludedSubtree(subtree);
          }
        }
      } catch (IllegalArgumentException e) {
        return fail(
            VerdictCode.MALFORMED,
            "The trust anchor %s has name constraints that do not parse.",
            CertificateFacts.subject(anchor));
      }
      for (int i = path.size() - 1; i >= 0; i--) {
        X509Certificate certificate = path.get(i);
        if (i > 0 && isSelfIssued(certificate)) {
          continue;
        }
        Optional<String> outside = outsideOf(names, certificate);
        if (outside.isPresent()) {
          return fail(
              VerdictCode.CONSTRAINT_VIOLATED,
              "The %s is outside the name constraints of the trust anchor %s: %s.",
              describe(i),
              CertificateFacts.subject(anchor),
              outside.get());
        }
      }
      return Optional.empty();
    }

    private static Optional<String> outsideOf(
        PKIXNameConstraintValidator names, X509Certificate certificate) {
      try {
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        if (subject.getRDNs().length > 0) {
          names.checkPermittedDN(subject);
          names.checkExcludedDN(subject);
        }
        byte[] sans = certificate.getExtensionValue(Extension.subjectAlternativeName.getId());
        if (sans != null) {
          GeneralNames all =
              GeneralNames.getInstance(ASN1OctetString.getInstance(sans).getOctets());
          for (GeneralName name : all.getNames()) {
            names.checkPermitted(name);
            names.checkExcluded(name);
          }
        }
        return Optional.empty();
      } catch (NameConstraintValidatorException e) {
        return Optional.of(stripDot(String.valueOf(e.getMessage())));
      } catch (IllegalArgumentException e) {
        return Optional.of("its names do not parse");
      }
    }

    Optional<Verdict> caConstraints() {
      for (int i = 1; i < path.size(); i++) {
        X509Certificate certificate = path.get(i);
        Set<String> critical = certificate.getCriticalExtensionOIDs();
        if (critical == null || !critical.contains(BASIC_CONSTRAINTS_OID)) {
          return fail(
              VerdictCode.CONSTRAINT_VIOLATED,
              "The %s is a CA certificate without critical basic constraints.",
              describe(i));
        }
      }
      return Optional.empty();
    }

    Optional<Verdict> purpose() {
      X509Certificate leaf = chain.get(0);
      if (purpose.ekuOid() != null) {
        List<String> ekus;
        try {
          ekus = leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
          return fail(
              VerdictCode.MALFORMED,
              "The %s has an extended key usage that does not parse.",
              describe(0));
        }
        if (ekus != null && !ekus.contains(purpose.ekuOid()) && !ekus.contains(ANY_EKU_OID)) {
          return fail(
              VerdictCode.WRONG_PURPOSE,
              "The %s does not allow %s authentication in its extended key usage.",
              describe(0),
              purpose.wireName());
        }
      }
      boolean[] keyUsage = leaf.getKeyUsage();
      if (keyUsage != null && !keyUsage[DIGITAL_SIGNATURE]) {
        return fail(
            VerdictCode.WRONG_PURPOSE,
            "The %s does not allow digitalSignature in its key usage.",
            describe(0));
      }
      return Optional.empty();
    }

    List<String> warnings() {
      List<String> warnings = new ArrayList<>();
      Instant horizon = at.plus(expiryWarning);
      for (int i = 0; i < chain.size(); i++) {
        Instant notAfter = chain.get(i).getNotAfter().toInstant();
        if (notAfter.isBefore(horizon)) {
          long days = Duration.between(at, notAfter).toDays();
          warnings.add(
              String.format(
                  Locale.ROOT,
                  "The %s expires on %s, in %d days.",
                  describe(i),
                  CertificateFacts.notAfter(chain.get(i)),
                  days));
        }
      }
      return warnings;
    }

    String validReason() {
      return String.format(
          Locale.ROOT,
          "The chain of %s validates up to the trust anchor %s.",
          describe(0),
          CertificateFacts.subject(anchor));
    }

    private Verdict classify(CertPathValidatorException e) {
      String message = e.getMessage() == null ? "" : e.getMessage();
      VerdictCode code = codeOf(e, message.toLowerCase(Locale.ROOT));
      int index = e.getIndex();
      if (index < 0 || index >= path.size()) {
        // Without an index, the top of the path is the certificate whose issuer was looked for.
        index = code == VerdictCode.UNTRUSTED ? path.size() - 1 : 0;
      }
      String culprit = describe(index);
      String sentence =
          switch (code) {
            case UNTRUSTED ->
                "The trust store holds no issuer of the "
                    + culprit
                    + " (issued by "
                    + CertificateFacts.issuer(path.get(index))
                    + ")";
            case BAD_SIGNATURE -> "The signature of the " + culprit + " does not verify";
            case REVOKED -> "The " + culprit + " is revoked";
            case EXPIRED -> "The " + culprit + " is expired";
            case NOT_YET_VALID -> "The " + culprit + " is not yet valid";
            case WEAK_CRYPTO -> "The " + culprit + " uses an algorithm that is not allowed";
            default -> "The " + culprit + " violates a path constraint";
          };
      return Verdict.of(code, sentence + ": " + stripDot(message) + ".");
    }

    private List<X509Certificate> withoutAnchors(List<X509Certificate> certificates) {
      List<X509Certificate> out = new ArrayList<>(certificates);
      while (!out.isEmpty() && trust.anchors().contains(out.get(out.size() - 1))) {
        out.remove(out.size() - 1);
      }
      return out;
    }

    private String describe(int index) {
      X509Certificate certificate = chain.get(index);
      String role;
      if (index == 0) {
        role = "leaf";
      } else if (isSelfIssued(certificate)) {
        role = "root";
      } else {
        role = "intermediate";
      }
      return role + " " + CertificateFacts.subject(certificate);
    }
  }

  private static VerdictCode codeOf(CertPathValidatorException e, String message) {
    CertPathValidatorException.Reason reason = e.getReason();
    // BouncyCastle leaves the reason UNSPECIFIED for dates; the cause tells them apart.
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof CertificateExpiredException) {
        return VerdictCode.EXPIRED;
      }
      if (cause instanceof CertificateNotYetValidException) {
        return VerdictCode.NOT_YET_VALID;
      }
    }
    if (reason == BasicReason.EXPIRED) {
      return VerdictCode.EXPIRED;
    }
    if (reason == BasicReason.NOT_YET_VALID) {
      return VerdictCode.NOT_YET_VALID;
    }
    if (reason == BasicReason.REVOKED) {
      return VerdictCode.REVOKED;
    }
    if (reason == BasicReason.INVALID_SIGNATURE) {
      return VerdictCode.BAD_SIGNATURE;
    }
    if (reason == BasicReason.ALGORITHM_CONSTRAINED) {
      return VerdictCode.WEAK_CRYPTO;
    }
    if (reason == PKIXReason.NO_TRUST_ANCHOR || reason == PKIXReason.NAME_CHAINING) {
      return VerdictCode.UNTRUSTED;
    }
    if (reason instanceof PKIXReason) {
      return VerdictCode.CONSTRAINT_VIOLATED;
    }
    return codeOfMessage(message);
  }

  // BouncyCastle mostly leaves the reason UNSPECIFIED, so its messages are read as well.
  private static VerdictCode codeOfMessage(String message) {
    if (message.contains("trust anchor") && message.contains("not found")) {
      return VerdictCode.UNTRUSTED;
    }
    if (message.contains("signature") || message.contains("trustanchor found but")) {
      return VerdictCode.BAD_SIGNATURE;
    }
    if (message.contains("revoked") || message.contains("revocation")) {
      return VerdictCode.REVOKED;
    }
    if (message.contains("expired")) {
      return VerdictCode.EXPIRED;
    }
    if (message.contains("not valid till") || message.contains("not yet valid")) {
      return VerdictCode.NOT_YET_VALID;
    }
    for (String hint :
        List.of(
            "subtree",
            "name constraint",
            "permitted",
            "excluded",
            "path length",
            "not a ca",
            "basic constraints",
            "keyusage",
            "key usage",
            "critical extension",
            "policy")) {
      if (message.contains(hint)) {
        return VerdictCode.CONSTRAINT_VIOLATED;
      }
    }
    return VerdictCode.UNTRUSTED;
  }

  private static boolean isDateFailure(Verdict verdict) {
    return verdict.verdict() == VerdictCode.EXPIRED
        || verdict.verdict() == VerdictCode.NOT_YET_VALID;
  }

  // By name only, so that nothing is verified before the keys have been checked for size.
  private static boolean isSelfIssued(X509Certificate certificate) {
    return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
  }

  private static int keyBits(PublicKey key) {
    if (key instanceof RSAKey rsa) {
      return rsa.getModulus().bitLength();
    }
    if (key instanceof DSAKey dsa && dsa.getParams() != null) {
      return dsa.getParams().getP().bitLength();
    }
    return 0;
  }

  private static boolean isWeakDigest(String upperCaseAlgorithm) {
    return upperCaseAlgorithm.contains("SHA1")
        || upperCaseAlgorithm.contains("SHA-1")
        || upperCaseAlgorithm.contains("MD5")
        || upperCaseAlgorithm.contains("MD2");
  }

  private static boolean isSelfSigned(X509Certificate certificate) {
    if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
      return false;
    }
    try {
      certificate.verify(certificate.getPublicKey(), BC);
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static boolean verifies(X509CRL crl, PublicKey issuerKey) {
    try {
      crl.verify(issuerKey, BC);
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static Optional<Verdict> fail(VerdictCode code, String format, Object... args) {
    return Optional.of(Verdict.of(code, String.format(Locale.ROOT, format, args)));
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return stripDot(String.valueOf(cause.getMessage()));
  }

  private static String stripDot(String message) {
    String trimmed = message.strip();
    return trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }
}
