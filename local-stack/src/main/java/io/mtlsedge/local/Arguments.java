package io.mtlsedge.local;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** {@code --name value} and {@code --flag} command-line arguments. */
record Arguments(Map<String, String> values, Set<String> flags) {

  static Arguments parse(String[] args) {
    Map<String, String> values = new HashMap<>();
    Set<String> flags = new HashSet<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + args[i]);
      }
      if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        values.put(args[i], args[++i]);
      } else {
        flags.add(args[i]);
      }
    }
    return new Arguments(values, flags);
  }

  String value(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  boolean flag(String name) {
    return flags.contains(name);
  }
}
