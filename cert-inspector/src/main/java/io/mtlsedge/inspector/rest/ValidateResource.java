package io.mtlsedge.inspector.rest;

import io.mtlsedge.common.pki.CertificateFacts;
import io.mtlsedge.common.pki.Pem;
import io.mtlsedge.common.problem.FieldError;
import io.mtlsedge.common.problem.Problem;
import io.mtlsedge.inspector.validation.ChainValidator;
import io.mtlsedge.inspector.validation.Purpose;
import io.mtlsedge.inspector.validation.TrustBundle;
import io.mtlsedge.inspector.validation.Verdict;
import io.mtlsedge.inspector.validation.VerdictCode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.UncheckedIOException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Validates a chain on demand, the way the inspector validates the chains it sees. The request is
 * bounded before anything is parsed or verified: at most {@value #MAX_TRUST_STORE_CERTIFICATES} CA
 * certificates, {@value #MAX_CRLS} CRLs and the configured chain length.
 */
@Path("/api/v1/validate")
public class ValidateResource {

  /** Most CA certificates in a request's trust store. */
  public static final int MAX_TRUST_STORE_CERTIFICATES = 200;

  /** Most CRLs in a request. */
  public static final int MAX_CRLS = 100;

  private static final String PEM_BEGIN = "-----BEGIN ";

  private final ChainValidator validator;

  ValidateResource(ChainValidator validator) {
    this.validator = validator;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Validate a chain against a trust store; every verdict answers 200")
  public Verdict validate(ValidateRequest request) {
    if (request == null) {
      throw invalid(List.of(new FieldError("body", "is required")));
    }
    List<FieldError> errors = new ArrayList<>();
    checkChain(request.chain(), errors);
    List<X509Certificate> anchors = anchors(request.trustStore(), errors);
    List<X509CRL> crls = crls(request.crls(), errors);
    Instant at = instant(request.at(), errors);
    Purpose purpose = purpose(request.purpose(), errors);
    if (!errors.isEmpty()) {
      throw invalid(errors);
    }
    List<X509Certificate> chain;
    try {
      chain = Pem.certificates(request.chain());
    } catch (IllegalArgumentException | UncheckedIOException e) {
      return Verdict.of(VerdictCode.MALFORMED, "The chain does not parse: " + e.getMessage() + ".");
    }
    return validator.validate(chain, new TrustBundle(anchors, crls), at, purpose);
  }

  private void checkChain(String chain, List<FieldError> errors) {
    if (chain == null || chain.isBlank()) {
      errors.add(new FieldError("chain", "is required"));
      return;
    }
    int limit = validator.defaultLimits().maxCertificates();
    if (pemBlocks(chain) > limit) {
      errors.add(new FieldError("chain", "holds more than " + limit + " certificates"));
    }
  }

  private static List<X509Certificate> anchors(String trustStore, List<FieldError> errors) {
    if (trustStore == null || trustStore.isBlank()) {
      errors.add(new FieldError("trustStore", "is required"));
      return List.of();
    }
    if (pemBlocks(trustStore) > MAX_TRUST_STORE_CERTIFICATES) {
      errors.add(
          new FieldError(
              "trustStore", "holds more than " + MAX_TRUST_STORE_CERTIFICATES + " certificates"));
      return List.of();
    }
    List<X509Certificate> anchors;
    try {
      anchors = Pem.certificates(trustStore);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      errors.add(new FieldError("trustStore", "does not parse: " + e.getMessage()));
      return List.of();
    }
    if (anchors.isEmpty()) {
      errors.add(new FieldError("trustStore", "holds no PEM certificate"));
    }
    for (X509Certificate anchor : anchors) {
      Optional<String> oversized = ChainValidator.oversizedKey(anchor);
      if (oversized.isPresent()) {
        errors.add(
            new FieldError(
                "trustStore",
                "holds "
                    + CertificateFacts.subject(anchor)
                    + " with "
                    + oversized.get()
                    + " (weak-crypto)"));
        return List.of();
      }
    }
    return anchors;
  }

  private static List<X509CRL> crls(List<String> pems, List<FieldError> errors) {
    if (pems == null || pems.isEmpty()) {
      return List.of();
    }
    if (pems.size() > MAX_CRLS
        || pems.stream().mapToLong(p -> p == null ? 0 : pemBlocks(p)).sum() > MAX_CRLS) {
      errors.add(new FieldError("crls", "hold more than " + MAX_CRLS + " CRLs"));
      return List.of();
    }
    List<X509CRL> crls = new ArrayList<>();
    for (int i = 0; i < pems.size(); i++) {
      String field = "crls[" + i + "]";
      if (pems.get(i) == null || pems.get(i).isBlank()) {
        errors.add(new FieldError(field, "is not a PEM CRL"));
        continue;
      }
      try {
        crls.addAll(Pem.crls(pems.get(i)));
      } catch (IllegalArgumentException | UncheckedIOException e) {
        errors.add(new FieldError(field, "does not parse: " + e.getMessage()));
      }
    }
    return crls;
  }

  // Counted before parsing, so that an oversized bundle costs no parsing at all.
  private static long pemBlocks(String pem) {
    long count = 0;
    for (int i = pem.indexOf(PEM_BEGIN); i >= 0; i = pem.indexOf(PEM_BEGIN, i + 1)) {
      count++;
    }
    return count;
  }

  private static Instant instant(String at, List<FieldError> errors) {
    if (at == null || at.isBlank()) {
      return Instant.now();
    }
    try {
      return OffsetDateTime.parse(at).toInstant();
    } catch (DateTimeParseException e) {
      errors.add(
          new FieldError(
              "at",
              "is not an ISO 8601 date and time with an offset, such as 2026-01-31T12:00:00Z"));
      return null;
    }
  }

  private static Purpose purpose(String purpose, List<FieldError> errors) {
    if (purpose == null) {
      return Purpose.CLIENT;
    }
    return Purpose.fromWire(purpose)
        .orElseGet(
            () -> {
              errors.add(new FieldError("purpose", "must be one of client, server, any"));
              return null;
            });
  }

  private static ProblemException invalid(List<FieldError> errors) {
    return new ProblemException(Problem.invalidRequest(errors));
  }
}
