package io.mtlsedge.edge.events;

import io.mtlsedge.edge.config.EdgeSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** This edge node's id: {@code mtls.edge.node-id}, else the host name. */
public final class EdgeNode {

  private EdgeNode() {}

  public static String id(EdgeSettings settings) {
    return settings
        .edge()
        .nodeId()
        .orElseGet(
            () -> {
              String fromEnv = System.getenv("HOSTNAME");
              if (fromEnv != null && !fromEnv.isBlank()) {
                return fromEnv;
              }
              try {
                return InetAddress.getLocalHost().getHostName();
              } catch (UnknownHostException e) {
                return "edge";
              }
            });
  }
}
