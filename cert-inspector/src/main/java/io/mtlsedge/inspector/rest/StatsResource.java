package io.mtlsedge.inspector.rest;

import io.mtlsedge.inspector.ingest.ConnectionIngest;
import io.mtlsedge.inspector.inventory.CertificateInventory;
import io.mtlsedge.inspector.inventory.InventoryStats;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Counts over the inventory and the events read. */
@Path("/api/v1/stats")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

  /**
   * The statistics.
   *
   * @param inventory counts by verdict and by distribution
   * @param events records read from {@code edge.connections}, by outcome
   */
  public record Stats(InventoryStats inventory, Map<String, Long> events) {}

  private final CertificateInventory inventory;
  private final ConnectionIngest ingest;

  StatsResource(CertificateInventory inventory, ConnectionIngest ingest) {
    this.inventory = inventory;
    this.ingest = ingest;
  }

  @GET
  @Operation(summary = "Certificates by verdict and by distribution, and events by outcome")
  public Stats stats() {
    return new Stats(inventory.stats(), ingest.outcomes());
  }
}
