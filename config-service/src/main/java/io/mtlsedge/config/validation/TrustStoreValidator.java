package io.mtlsedge.config.validation;

import io.mtlsedge.common.config.TrustStore;
import io.mtlsedge.common.pki.CertificateFacts;
import io.mtlsedge.common.pki.Pem;
import io.mtlsedge.common.problem.FieldError;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * Checks a trust store: its PEM bundle must hold at least one certificate and at most {@value
 * #MAX_CERTIFICATES}, every one of them a CA (basic constraints with cA=true), and each of at most
 * {@value #MAX_CRLS} CRLs must parse. The certificates and CRLs are parsed with BouncyCastle, and
 * only once their number is within the limits.
 */
public final class TrustStoreValidator {

  /** The most certificates a trust store may hold. */
  public static final int MAX_CERTIFICATES = 200;

  /** The most CRLs a trust store may hold. */
  public static final int MAX_CRLS = 100;

  private static final String PEM_BEGIN = "-----BEGIN ";

  /** Everything wrong with {@code trustStore}; empty when it is valid. */
  public List<FieldError> validate(TrustStore trustStore) {
    FieldErrors errors = new FieldErrors();
    String id = trustStore.id();
    if (errors.check(id != null && !id.isEmpty(), "id", "is required")) {
      errors.check(Names.isId(id), "id", "must match " + Names.ID.pattern());
    }
    checkPem(trustStore.pem(), errors);
    checkCrls(trustStore.crls(), errors);
    return errors.list();
  }

  private static void checkPem(String pem, FieldErrors errors) {
    if (!errors.check(pem != null && !pem.isBlank(), "pem", "is required")) {
      return;
    }
    int blocks = countBlocks(pem);
    if (!errors.check(
        blocks <= MAX_CERTIFICATES,
        "pem",
        "holds " + blocks + " PEM blocks; at most " + MAX_CERTIFICATES + " certificates")) {
      return;
    }
    List<X509Certificate> certificates;
    try {
      certificates = Pem.certificates(pem);
    } catch (IllegalArgumentException e) {
      errors.add("pem", e.getMessage());
      return;
    }
    if (!errors.check(!certificates.isEmpty(), "pem", "holds no PEM certificate")) {
      return;
    }
    for (int i = 0; i < certificates.size(); i++) {
      X509Certificate certificate = certificates.get(i);
      errors.check(
          certificate.getBasicConstraints() >= 0,
          "pem",
          "certificate "
              + i
              + " ("
              + CertificateFacts.subject(certificate)
              + ") is not a CA: it has no basicConstraints with cA=true");
    }
  }

  private static void checkCrls(List<String> crls, FieldErrors errors) {
    int blocks =
        crls.stream().filter(Objects::nonNull).mapToInt(TrustStoreValidator::countBlocks).sum();
    int count = Math.max(crls.size(), blocks);
    if (!errors.check(count <= MAX_CRLS, "crls", "holds " + count + " CRLs; at most " + MAX_CRLS)) {
      return;
    }
    for (int i = 0; i < crls.size(); i++) {
      String field = "crls[" + i + "]";
      String crl = crls.get(i);
      if (!errors.check(crl != null && !crl.isBlank(), field, "is empty")) {
        continue;
      }
      try {
        List<X509CRL> parsed = Pem.crls(crl);
        errors.check(!parsed.isEmpty(), field, "holds no PEM CRL");
      } catch (IllegalArgumentException e) {
        errors.add(field, e.getMessage());
      }
    }
  }

  /** The PEM blocks in {@code text}, counted without parsing them. */
  private static int countBlocks(String text) {
    int count = 0;
    for (int at = text.indexOf(PEM_BEGIN); at >= 0; at = text.indexOf(PEM_BEGIN, at + 1)) {
      count++;
    }
    return count;
  }
}
