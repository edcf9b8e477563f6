package io.mtlsedge.testing;

import java.util.List;
import java.util.Map;

/**
 * An HTTP response as a test reads it.
 *
 * @param status the status code
 * @param headers header values by lowercase name
 * @param body the body as text
 */
public record HttpReply(int status, Map<String, List<String>> headers, String body) {

  /** The first value of a header, or null. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
