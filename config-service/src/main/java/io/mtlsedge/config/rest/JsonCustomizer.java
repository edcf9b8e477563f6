package io.mtlsedge.config.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mtlsedge.common.event.Json;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** Gives the REST layer the same JSON settings as the config topic. */
@Singleton
class JsonCustomizer implements ObjectMapperCustomizer {

  @Override
  public void customize(ObjectMapper mapper) {
    Json.configure(mapper);
  }
}
