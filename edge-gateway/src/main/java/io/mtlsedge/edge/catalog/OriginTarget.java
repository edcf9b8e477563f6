package io.mtlsedge.edge.catalog;

import io.mtlsedge.common.config.Origin;
import java.net.URI;

/**
 * An origin's address, parsed once when its distribution is applied rather than per request.
 *
 * @param origin the origin as configured
 * @param host the host to connect to
 * @param port the port, 80 or 443 when the URL names none
 * @param https whether the edge talks TLS to it
 * @param hostHeader the {@code Host} the origin is sent
 */
public record OriginTarget(Origin origin, String host, int port, boolean https, String hostHeader) {

  static OriginTarget of(Origin origin) {
    URI url = URI.create(origin.url());
    boolean https = "https".equalsIgnoreCase(url.getScheme());
    int port = url.getPort() > 0 ? url.getPort() : https ? 443 : 80;
    String hostHeader = url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
    return new OriginTarget(origin, url.getHost(), port, https, hostHeader);
  }
}
