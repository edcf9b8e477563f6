package io.mtlsedge.inspector.rest;

import io.mtlsedge.common.problem.FieldError;
import io.mtlsedge.common.problem.Problem;
import io.mtlsedge.inspector.inventory.CertificateInventory;
import io.mtlsedge.inspector.inventory.CertificateRecord;
import io.mtlsedge.inspector.validation.VerdictCode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The inventory of client certificates. */
@Path("/api/v1/certificates")
@Produces(MediaType.APPLICATION_JSON)
public class CertificateResource {

  /** Entries per page when the request names no limit. */
  public static final int DEFAULT_LIMIT = 100;

  /** Most entries per page. */
  public static final int MAX_LIMIT = 1000;

  private final CertificateInventory inventory;

  CertificateResource(CertificateInventory inventory) {
    this.inventory = inventory;
  }

  @GET
  @Operation(summary = "Client certificates seen, latest connection first, one page")
  public List<CertificateRecord> list(
      @QueryParam("distribution") String distribution,
      @QueryParam("verdict") String verdict,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset) {
    List<FieldError> errors = new ArrayList<>();
    int pageSize = number(limit, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT, errors);
    int skip = number(offset, "offset", 0, 0, Integer.MAX_VALUE, errors);
    Optional<VerdictCode> code = Optional.empty();
    if (verdict != null && !verdict.isBlank()) {
      code = VerdictCode.fromWire(verdict);
      if (code.isEmpty()) {
        errors.add(new FieldError("verdict", "is not a verdict, such as valid or expired"));
      }
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(Problem.invalidRequest(errors));
    }
    return inventory.list(
        Optional.ofNullable(distribution).filter(d -> !d.isBlank()), code, skip, pageSize);
  }

  private static int number(
      String value, String field, int fallback, int min, int max, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int number = Integer.parseInt(value.strip());
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // Answered below, as for a number out of range.
    }
    errors.add(
        new FieldError(
            field,
            max == Integer.MAX_VALUE
                ? "must be a whole number of at least " + min
                : "must be a whole number from " + min + " to " + max));
    return fallback;
  }

  @GET
  @Path("/{sha256}")
  @Operation(summary = "One client certificate, by the SHA-256 of its DER in hex")
  public CertificateRecord get(@PathParam("sha256") String sha256) {
    String normalized = sha256.replace(":", "").toLowerCase(Locale.ROOT);
    return inventory
        .find(normalized)
        .orElseThrow(
            () ->
                new ProblemException(
                    Problem.notFound("No certificate with SHA-256 " + normalized + " was seen.")));
  }
}
