package io.mtlsedge.inspector.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The settings of the cert inspector, under {@code mtls.*}. */
@ConfigMapping(prefix = "mtls")
public interface InspectorConfig {

  /** Kafka settings shared with the other services. */
  Kafka kafka();

  /** Settings of chain validation and the inventory. */
  Inspector inspector();

  /** Kafka settings. */
  interface Kafka {

    /** {@code mtls.kafka.topic-prefix}: put in front of every topic name; default empty. */
    Optional<String> topicPrefix();
  }

  /** Chain validation settings. */
  interface Inspector {

    /** {@code mtls.inspector.expiry-warning}: warn about certificates expiring within; 30d. */
    @WithDefault("30d")
    Duration expiryWarning();

    /** {@code mtls.inspector.max-chain-length}: most certificates in a chain; default 10. */
    @WithDefault("10")
    int maxChainLength();

    /** {@code mtls.inspector.max-chain-bytes}: most DER bytes in a chain; default 65536. */
    @WithDefault("65536")
    int maxChainBytes();

    /**
     * {@code mtls.inspector.max-inventory}: most certificates the inventory holds; default 100000.
     * Beyond it, the certificate whose latest connection was recorded longest ago leaves, one
     * without a {@code valid} verdict first.
     */
    @WithDefault("100000")
    int maxInventory();

    /** {@code mtls.inspector.verdict-cache-size}: most verdicts kept in memory; default 10000. */
    @WithDefault("10000")
    int verdictCacheSize();

    /**
     * {@code mtls.inspector.config-wait}: how long the ingest waits for the config topic before it
     * logs a WARN and waits again; 30s. No event is validated before the topic has been read.
     */
    @WithDefault("30s")
    Duration configWait();
  }
}
