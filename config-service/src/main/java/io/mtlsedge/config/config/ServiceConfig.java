package io.mtlsedge.config.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The settings of the config service under {@code mtls.*}. */
@ConfigMapping(prefix = "mtls")
public interface ServiceConfig {

  /** Kafka settings besides the client properties under {@code kafka.*}. */
  Kafka kafka();

  /** Settings of the config API. */
  Api config();

  /** Kafka settings. */
  interface Kafka {

    /** Put in front of every topic name, {@code mtls.kafka.topic-prefix}; default: empty. */
    Optional<String> topicPrefix();
  }

  /** Settings of the config API. */
  interface Api {

    /** The bearer token every {@code /api/v1} call needs; required, no default outside dev/test. */
    String adminToken();

    /**
     * How long a write waits, in all, for the write lock, Kafka's ack and for the store to read it
     * back; default 10s.
     */
    @WithDefault("10s")
    Duration writeTimeout();

    /** An edge whose last status report is older than this is not live; default 30s. */
    @WithDefault("30s")
    Duration edgeLiveness();
  }
}
