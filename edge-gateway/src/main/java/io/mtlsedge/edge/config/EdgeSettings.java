package io.mtlsedge.edge.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Settings of the edge gateway, under {@code mtls.}. */
@ConfigMapping(prefix = "mtls")
public interface EdgeSettings {

  /** Kafka settings shared by every service. */
  KafkaSettings kafka();

  /** The edge's own settings. */
  Edge edge();

  /** Kafka settings. */
  interface KafkaSettings {
    /** Put in front of every topic name; default none, for the standard names. */
    Optional<String> topicPrefix();
  }

  /** The edge's own settings. */
  interface Edge {
    /** Address the viewer TLS port binds to; default {@code 0.0.0.0}. */
    @WithDefault("0.0.0.0")
    String viewerHost();

    /** The viewer TLS port; default 8443. */
    @WithDefault("8443")
    int viewerPort();

    /**
     * Folder with one sub-folder per secret, each holding {@code tls.crt} and {@code tls.key};
     * default {@code /etc/mtls-edge/secrets}.
     */
    @WithDefault("/etc/mtls-edge/secrets")
    Path secretsDir();

    /**
     * Server name assumed for viewers that send no SNI, as NGINX's default server; default none,
     * and such handshakes are refused.
     */
    Optional<String> defaultServerName();

    /** This node's id on the status topic; default the host name. */
    Optional<String> nodeId();

    /**
     * Where the edge keeps its last applied configuration, to start from when Kafka is down;
     * default {@code data/edge-config-snapshot.json}.
     */
    @WithDefault("data/edge-config-snapshot.json")
    Path snapshotFile();

    /** Connection events held while Kafka is slow or away, before new ones are dropped; 10000. */
    @WithDefault("10000")
    int eventBuffer();

    /** How often the edge reports its status when nothing changes; default 10s. */
    @WithDefault("10s")
    Duration statusHeartbeat();

    /** Most pooled connections to one origin per event loop; default 64. */
    @WithDefault("64")
    int originPoolSize();

    /** Time to connect to an origin; default 5s. */
    @WithDefault("5s")
    Duration originConnectTimeout();

    /** Longest an origin exchange may go without any data moving; default 30s. */
    @WithDefault("30s")
    Duration originResponseTimeout();

    /** Viewer connections idle this long are closed; default 60s. */
    @WithDefault("60s")
    Duration viewerIdleTimeout();

    /** How often mounted server certificates are checked for renewal; default 15s. */
    @WithDefault("15s")
    Duration secretCheckInterval();

    /** Longest TLS handshake a viewer may take; default 10s. */
    @WithDefault("10s")
    Duration handshakeTimeout();
  }
}
