package io.mtlsedge.inspector.rest;

import io.mtlsedge.inspector.inventory.CertificateInventory;
import io.mtlsedge.inspector.inventory.CertificateRecord;
import io.mtlsedge.inspector.rest.Problem.FieldError;
import io.mtlsedge.inspector.validation.VerdictCode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The inventory of client certificates. */
@Path("/api/v1/certificates")
@Produces(MediaType.APPLICATION_JSON)
public class CertificateResource {

  private final CertificateInventory inventory;

  CertificateResource(CertificateInventory inventory) {
    this.inventory = inventory;
  }

  @GET
  @Operation(summary = "Client certificates seen, latest connection first")
  public List<CertificateRecord> list(
      @QueryParam("distribution") String distribution, @QueryParam("verdict") String verdict) {
    Optional<VerdictCode> code = Optional.empty();
    if (verdict != null && !verdict.isBlank()) {
      code = VerdictCode.fromWire(verdict);
      if (code.isEmpty()) {
        throw new ProblemException(
            Problem.invalidRequest(
                List.of(new FieldError("verdict", "is not a verdict, such as valid or expired"))));
      }
    }
    return inventory.list(Optional.ofNullable(distribution).filter(d -> !d.isBlank()), code);
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
