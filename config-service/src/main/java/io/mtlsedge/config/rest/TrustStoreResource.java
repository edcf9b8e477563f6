package io.mtlsedge.config.rest;

import io.mtlsedge.common.config.TrustStore;
import io.mtlsedge.config.service.TrustStoreService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Trust stores: PEM bundles of CA certificates with optional CRLs. */
@Path("/api/v1/trust-stores")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "trust stores")
@SecurityRequirement(name = "adminToken")
public class TrustStoreResource {

  private final TrustStoreService service;

  TrustStoreResource(TrustStoreService service) {
    this.service = service;
  }

  @GET
  @Operation(summary = "List every trust store")
  public List<TrustStore> list() {
    return service.list();
  }

  @POST
  @Operation(summary = "Create a trust store; every certificate must be a CA")
  public Response create(TrustStore body, @Context UriInfo uri) {
    TrustStore created = service.create(body);
    return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build())
        .tag(tag(created))
        .entity(created)
        .build();
  }

  @GET
  @Path("{id}")
  @Operation(summary = "Read a trust store; the ETag is its version")
  public Response get(@PathParam("id") String id) {
    TrustStore trustStore = service.get(id);
    return Response.ok(trustStore).tag(tag(trustStore)).build();
  }

  @PUT
  @Path("{id}")
  @Operation(summary = "Replace a trust store; needs If-Match with the current ETag")
  public Response replace(
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      TrustStore body) {
    TrustStore replaced = service.replace(id, body, ifMatch);
    return Response.ok(replaced).tag(tag(replaced)).build();
  }

  @DELETE
  @Path("{id}")
  @Operation(summary = "Delete a trust store that no distribution uses; needs If-Match")
  public Response delete(
      @PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
    service.delete(id, ifMatch);
    return Response.noContent().build();
  }

  private static EntityTag tag(TrustStore trustStore) {
    return new EntityTag(String.valueOf(trustStore.version()));
  }
}
