package io.mtlsedge.inspector.config;

import io.mtlsedge.common.kafka.Topics;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The topic names, with the configured prefix. */
public class TopicsProducer {

  @Produces
  @Singleton
  Topics topics(InspectorConfig config) {
    return new Topics(config.kafka().topicPrefix().orElse(""));
  }
}
