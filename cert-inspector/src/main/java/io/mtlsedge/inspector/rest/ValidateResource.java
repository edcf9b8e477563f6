package io.mtlsedge.inspector.rest;

import io.mtlsedge.common.pki.Pem;
import io.mtlsedge.inspector.rest.Problem.FieldError;
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
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Validates a chain on demand, the way the inspector validates the chains it sees. */
@Path("/api/v1/validate")
public class ValidateResource {

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
    if (request.chain() == null || request.chain().isBlank()) {
      errors.add(new FieldError("chain", "is required"));
    }
    TrustBundle trust = trustBundle(request, errors);
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
    return validator.validate(chain, trust, at, purpose);
  }

  private static TrustBundle trustBundle(ValidateRequest request, List<FieldError> errors) {
    if (request.trustStore() == null || request.trustStore().isBlank()) {
      errors.add(new FieldError("trustStore", "is required"));
      return null;
    }
    TrustBundle trust;
    try {
      trust = TrustBundle.parse(request.trustStore(), List.of());
    } catch (IllegalArgumentException | UncheckedIOException e) {
      errors.add(new FieldError("trustStore", "does not parse: " + e.getMessage()));
      return null;
    }
    if (request.crls() == null || request.crls().isEmpty()) {
      return trust;
    }
    try {
      return TrustBundle.parse(request.trustStore(), request.crls());
    } catch (IllegalArgumentException | UncheckedIOException e) {
      errors.add(new FieldError("crls", "do not parse: " + e.getMessage()));
      return null;
    }
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
