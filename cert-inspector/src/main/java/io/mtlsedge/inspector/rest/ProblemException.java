package io.mtlsedge.inspector.rest;

import io.mtlsedge.common.problem.Problem;

/** Ends a request with a problem detail. */
public class ProblemException extends RuntimeException {

  private final transient Problem problem;

  public ProblemException(Problem problem) {
    super(problem.detail(), null, false, false);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
