package io.mtlsedge.config.validation;

import io.mtlsedge.common.problem.FieldError;
import java.util.ArrayList;
import java.util.List;

/** Collects what is wrong with a body, field by field, so that one answer can list it all. */
final class FieldErrors {

  private final List<FieldError> errors = new ArrayList<>();

  void add(String field, String message) {
    errors.add(new FieldError(field, message));
  }

  /** Adds the error unless {@code valid}; returns {@code valid}. */
  boolean check(boolean valid, String field, String message) {
    if (!valid) {
      add(field, message);
    }
    return valid;
  }

  List<FieldError> list() {
    return List.copyOf(errors);
  }
}
