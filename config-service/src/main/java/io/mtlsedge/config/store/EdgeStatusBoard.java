package io.mtlsedge.config.store;

import io.mtlsedge.common.event.EdgeStatus;
import io.mtlsedge.common.event.Json;
import io.mtlsedge.common.kafka.TopicFollower;
import io.quarkus.logging.Log;
import java.io.IOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The last status report of every edge node, read from the compacted status topic. */
public final class EdgeStatusBoard implements AutoCloseable {

  private final Map<String, EdgeStatus> reports = new ConcurrentHashMap<>();
  private final TopicFollower follower;

  /**
   * Starts reading the status topic from its beginning.
   *
   * @param kafka client properties, at least {@code bootstrap.servers}
   */
  public EdgeStatusBoard(Map<String, Object> kafka, String topic) {
    this.follower = new TopicFollower("edge-status-board", kafka, topic, 0, new Reader(topic));
  }

  /** The reports made at or after {@code since}, by node id. */
  public List<EdgeStatus> reportsSince(Instant since) {
    return reports.values().stream()
        .filter(r -> r.time() != null && !r.time().isBefore(since))
        .sorted(Comparator.comparing(EdgeStatus::nodeId))
        .toList();
  }

  /** Whether the board has read the status topic up to where it ended at start. */
  public boolean isCaughtUp() {
    return follower.isCaughtUp();
  }

  @Override
  public void close() {
    follower.close();
  }

  private final class Reader implements TopicFollower.Listener {

    private final String topic;

    Reader(String topic) {
      this.topic = topic;
    }

    @Override
    public void onRecord(String key, byte[] value, long offset) {
      if (key == null) {
        Log.warnf("skipped a status report without a key at offset %d of %s", offset, topic);
        return;
      }
      if (value == null) {
        reports.remove(key);
        return;
      }
      try {
        EdgeStatus status = Json.mapper().readValue(value, EdgeStatus.class);
        reports.put(key, status);
      } catch (IOException e) {
        Log.warnf("skipped status report %s at offset %d of %s: %s", key, offset, topic, e);
      }
    }
  }
}
