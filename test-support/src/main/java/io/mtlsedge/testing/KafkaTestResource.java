package io.mtlsedge.testing;

import io.mtlsedge.common.kafka.TopicLayout;
import io.mtlsedge.common.kafka.Topics;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Points a Quarkus application under test at the build's shared Kafka broker, with topics of its
 * own: every start gets a fresh topic prefix, and the topics are created before the app starts.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

  /** The prefix of the topics of the current application under test. */
  public static volatile String topicPrefix;

  @Override
  public Map<String, String> start() {
    String bootstrap = SharedKafkaBroker.bootstrapServers();
    String prefix = "t" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + "-";
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      TopicLayout.ensure(admin, new Topics(prefix), 2, (short) 1, Duration.ofSeconds(30));
    }
    topicPrefix = prefix;
    return Map.of(
        "kafka.bootstrap.servers", bootstrap,
        "mtls.kafka.topic-prefix", prefix,
        "quarkus.kafka.devservices.enabled", "false");
  }

  /** The topics of the current application under test. */
  public static Topics topics() {
    return new Topics(topicPrefix);
  }

  @Override
  public void stop() {
    // The broker is shared by the whole build and stops by itself when its lease runs out.
  }
}
