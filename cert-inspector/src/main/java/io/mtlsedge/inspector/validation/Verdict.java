package io.mtlsedge.inspector.validation;

import java.util.List;

/**
 * The outcome of validating one chain.
 *
 * @param verdict the classification
 * @param reason one sentence naming the certificate at fault, or why the chain is valid
 * @param warnings things worth knowing that do not change the verdict, such as a near expiry
 */
public record Verdict(VerdictCode verdict, String reason, List<String> warnings) {

  public Verdict {
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  /** A verdict without warnings. */
  public static Verdict of(VerdictCode verdict, String reason) {
    return new Verdict(verdict, reason, List.of());
  }
}
