package io.mtlsedge.config.validation;

import io.mtlsedge.common.config.TrustStore;
import io.mtlsedge.common.pki.CertificateFacts;
import io.mtlsedge.common.pki.Pem;
import io.mtlsedge.config.problem.FieldError;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Checks a trust store: its PEM bundle must hold at least one certificate, every one of them a CA
 * (basic constraints with cA=true), and each CRL must parse. The certificates and CRLs are parsed
 * with BouncyCastle.
 */
public final class TrustStoreValidator {

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
}
