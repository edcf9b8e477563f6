package io.mtlsedge.common.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one edge node has applied, as it reports it on {@code edge.status} (key: the node id). An
 * edge reports after every change it applies and as a heartbeat every few seconds; a node whose
 * last report is older than a few heartbeats is taken as gone.
 *
 * @param nodeId the edge node
 * @param configOffset the offset of the next config record the edge will read
 * @param distributionVersions the version of every distribution it serves, by id
 * @param finishedInvalidations ids of invalidations it has carried out
 * @param errors config records it rejected and kept the last good version for, by record key
 * @param heartbeatSeconds how often the edge reports when nothing changes
 * @param time when the report was made
 */
public record EdgeStatus(
    String nodeId,
    long configOffset,
    Map<String, Long> distributionVersions,
    List<String> finishedInvalidations,
    Map<String, String> errors,
    int heartbeatSeconds,
    Instant time) {

  public EdgeStatus {
    distributionVersions =
        distributionVersions == null ? Map.of() : Map.copyOf(distributionVersions);
    finishedInvalidations =
        finishedInvalidations == null ? List.of() : List.copyOf(finishedInvalidations);
    errors = errors == null ? Map.of() : Map.copyOf(errors);
  }
}
