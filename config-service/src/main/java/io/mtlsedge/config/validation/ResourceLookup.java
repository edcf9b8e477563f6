package io.mtlsedge.config.validation;

import io.mtlsedge.common.config.ResourceKind;

/** Tells a validator which resources a body may refer to. */
@FunctionalInterface
public interface ResourceLookup {

  /** Whether the resource of this kind and id exists. */
  boolean exists(ResourceKind kind, String id);
}
