package io.mtlsedge.config.service;

import java.time.Instant;
import java.util.List;

/**
 * How far the current version of a distribution has reached the live edges.
 *
 * @param id the distribution
 * @param version its current version
 * @param status {@code Deployed} once every live edge reports this version or a later one, and at
 *     least one edge is live; {@code InProgress} otherwise, also when no edge is live
 * @param edges the live edges, by node id
 */
public record DeploymentStatus(String id, long version, String status, List<Edge> edges) {

  /** The status when every live edge applies the current version. */
  public static final String DEPLOYED = "Deployed";

  /** The status while some live edge, or every edge, has not reported the current version. */
  public static final String IN_PROGRESS = "InProgress";

  /**
   * One live edge.
   *
   * @param nodeId the edge node
   * @param appliedVersion the version of the distribution it serves, or null when it serves none
   * @param lastSeen when it last reported
   */
  public record Edge(String nodeId, Long appliedVersion, Instant lastSeen) {}
}
