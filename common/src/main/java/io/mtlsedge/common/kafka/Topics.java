package io.mtlsedge.common.kafka;

/**
 * The topic names of the Kafka contract. Every service takes an optional prefix, so that several
 * installations (or test runs) can share one cluster.
 *
 * @param prefix put in front of every name; empty for the standard names
 */
public record Topics(String prefix) {

  public static final String CONFIG = "edge.config";
  public static final String INVALIDATIONS = "edge.invalidations";
  public static final String STATUS = "edge.status";
  public static final String CONNECTIONS = "edge.connections";
  public static final String FINDINGS = "inspector.findings";

  public Topics {
    prefix = prefix == null ? "" : prefix;
  }

  public String config() {
    return prefix + CONFIG;
  }

  public String invalidations() {
    return prefix + INVALIDATIONS;
  }

  public String status() {
    return prefix + STATUS;
  }

  public String connections() {
    return prefix + CONNECTIONS;
  }

  public String findings() {
    return prefix + FINDINGS;
  }
}
