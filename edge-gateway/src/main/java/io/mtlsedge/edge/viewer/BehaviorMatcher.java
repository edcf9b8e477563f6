package io.mtlsedge.edge.viewer;

import io.mtlsedge.common.config.CacheBehavior;
import io.mtlsedge.common.config.Distribution;

/**
 * Picks the cache behavior for a request path: the first behavior whose pattern matches, else the
 * default. Patterns use CloudFront's wildcards: {@code *} for any run of characters, {@code ?} for
 * exactly one.
 */
final class BehaviorMatcher {

  private BehaviorMatcher() {}

  static CacheBehavior match(Distribution distribution, String path) {
    for (CacheBehavior behavior : distribution.behaviors()) {
      if (matches(behavior.pathPattern(), path)) {
        return behavior;
      }
    }
    return distribution.defaultBehavior();
  }

  /** Glob match without backtracking blow-up: the classic two-pointer algorithm. */
  static boolean matches(String pattern, String path) {
    int p = 0;
    int s = 0;
    int star = -1;
    int mark = 0;
    while (s < path.length()) {
      if (p < pattern.length()
          && (pattern.charAt(p) == '?' || pattern.charAt(p) == path.charAt(s))) {
        p++;
        s++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        mark = s;
      } else if (star >= 0) {
        p = star + 1;
        s = ++mark;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }
}
