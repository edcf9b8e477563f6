package io.mtlsedge.config.validation;

import java.util.regex.Pattern;

/** The syntax of resource ids, host names and header names. */
public final class Names {

  /** Resource ids and secret names: a DNS label, as Kubernetes names are. */
  public static final Pattern ID = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");

  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern HEADER_TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final int MAX_HOST_LENGTH = 253;

  private Names() {}

  /** Whether {@code id} is a valid resource id. */
  public static boolean isId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  /**
   * Whether {@code name} is a lowercase DNS host name, optionally with a {@code *.} wildcard in
   * front, as SNI names are matched.
   */
  public static boolean isHostName(String name) {
    if (name == null || name.isEmpty() || name.length() > MAX_HOST_LENGTH) {
      return false;
    }
    String rest = name.startsWith("*.") ? name.substring(2) : name;
    if (rest.isEmpty() || rest.endsWith(".")) {
      return false;
    }
    for (String label : rest.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code name} is an HTTP header name (an RFC 9110 token). */
  public static boolean isHeaderName(String name) {
    return name != null && HEADER_TOKEN.matcher(name).matches();
  }
}
