package io.mtlsedge.common.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** The partitions and retention of every topic in the contract. */
public final class TopicLayout {

  private static final long DAY_MS = Duration.ofDays(1).toMillis();

  private TopicLayout() {}

  /**
   * The topics to create.
   *
   * @param partitions partitions of the event topics ({@code edge.connections}, findings)
   */
  public static List<NewTopic> newTopics(Topics topics, int partitions, short replication) {
    return List.of(
        new NewTopic(topics.config(), 1, replication)
            .configs(Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "0")),
        new NewTopic(topics.invalidations(), 1, replication)
            .configs(Map.of("retention.ms", String.valueOf(7 * DAY_MS))),
        new NewTopic(topics.status(), 1, replication).configs(Map.of("cleanup.policy", "compact")),
        new NewTopic(topics.connections(), partitions, replication)
            .configs(Map.of("retention.ms", String.valueOf(7 * DAY_MS))),
        new NewTopic(topics.findings(), partitions, replication)
            .configs(Map.of("retention.ms", String.valueOf(30 * DAY_MS))));
  }

  /**
   * Creates whichever of the topics are missing; existing ones are left as they are.
   *
   * @throws IllegalStateException when the cluster does not answer within {@code timeout}
   */
  public static Set<String> ensure(
      Admin admin, Topics topics, int partitions, short replication, Duration timeout) {
    try {
      Set<String> existing =
          admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      List<NewTopic> missing =
          newTopics(topics, partitions, replication).stream()
              .filter(t -> !existing.contains(t.name()))
              .toList();
      if (missing.isEmpty()) {
        return Set.of();
      }
      try {
        admin.createTopics(missing).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
      return missing.stream().map(NewTopic::name).collect(Collectors.toSet());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not create topics: " + e.getMessage(), e);
    }
  }
}
