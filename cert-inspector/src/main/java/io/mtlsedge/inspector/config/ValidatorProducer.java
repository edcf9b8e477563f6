package io.mtlsedge.inspector.config;

import io.mtlsedge.inspector.validation.ChainValidator;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the chain validator from the {@code mtls.inspector.*} settings. */
public class ValidatorProducer {

  @Produces
  @Singleton
  ChainValidator chainValidator(InspectorConfig config) {
    InspectorConfig.Inspector inspector = config.inspector();
    return new ChainValidator(
        inspector.expiryWarning(), inspector.maxChainLength(), inspector.maxChainBytes());
  }
}
