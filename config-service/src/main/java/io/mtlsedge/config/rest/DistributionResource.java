package io.mtlsedge.config.rest;

import io.mtlsedge.common.config.Distribution;
import io.mtlsedge.config.service.DeploymentStatus;
import io.mtlsedge.config.service.DistributionService;
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

/** Distributions: create, read, update with If-Match, delete, and deployment status. */
@Path("/api/v1/distributions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "distributions")
@SecurityRequirement(name = "adminToken")
public class DistributionResource {

  private final DistributionService service;

  DistributionResource(DistributionService service) {
    this.service = service;
  }

  @GET
  @Operation(summary = "List every distribution")
  public List<Distribution> list() {
    return service.list();
  }

  @POST
  @Operation(summary = "Create a distribution; its version is higher than any the id had")
  public Response create(Distribution body, @Context UriInfo uri) {
    Distribution created = service.create(body);
    return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build())
        .tag(tag(created))
        .entity(created)
        .build();
  }

  @GET
  @Path("{id}")
  @Operation(summary = "Read a distribution; the ETag is its version")
  public Response get(@PathParam("id") String id) {
    Distribution distribution = service.get(id);
    return Response.ok(distribution).tag(tag(distribution)).build();
  }

  @PUT
  @Path("{id}")
  @Operation(summary = "Replace a distribution; needs If-Match with the current ETag")
  public Response replace(
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      Distribution body) {
    Distribution replaced = service.replace(id, body, ifMatch);
    return Response.ok(replaced).tag(tag(replaced)).build();
  }

  @DELETE
  @Path("{id}")
  @Operation(summary = "Delete a distribution; needs If-Match with the current ETag")
  public Response delete(
      @PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
    service.delete(id, ifMatch);
    return Response.noContent().build();
  }

  @GET
  @Path("{id}/status")
  @Operation(summary = "Whether every live edge serves the current version")
  public DeploymentStatus status(@PathParam("id") String id) {
    return service.status(id);
  }

  private static EntityTag tag(Distribution distribution) {
    return new EntityTag(String.valueOf(distribution.version()));
  }
}
