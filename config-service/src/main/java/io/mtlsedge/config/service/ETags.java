package io.mtlsedge.config.service;

import io.mtlsedge.config.problem.ProblemException;

/** Entity tags of versioned resources, {@code "<version>"}, and the If-Match rules for them. */
public final class ETags {

  private ETags() {}

  /** The entity tag of a version, quotes included. */
  public static String of(long version) {
    return "\"" + version + "\"";
  }

  /** Refuses an update or delete that sends no {@code If-Match}, with 428. */
  static void requirePresent(String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank()) {
      throw ProblemException.preconditionRequired();
    }
  }

  /**
   * Refuses, with 412, an {@code If-Match} that lists neither {@code *} nor the current tag. The
   * comparison is strong, as RFC 9110 asks for If-Match: weak tags never match.
   */
  static void check(String ifMatch, long currentVersion) {
    String current = of(currentVersion);
    for (String candidate : ifMatch.split(",")) {
      String tag = candidate.trim();
      if (tag.equals("*") || tag.equals(current)) {
        return;
      }
    }
    throw ProblemException.preconditionFailed(ifMatch.trim(), currentVersion);
  }
}
