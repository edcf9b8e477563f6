package io.mtlsedge.inspector.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** Test only: fails the way a bug would, to show what a client sees then. */
@Path("/test/failing")
public class FailingResource {

  @GET
  public String fail() {
    throw new IllegalStateException("secret detail of io.mtlsedge.inspector.Internal");
  }
}
