package io.mtlsedge.config.store;

/**
 * A write the store could not complete. Either Kafka did not take it, and nothing was changed, or
 * its outcome is unknown: Kafka may have committed it although it did not acknowledge it in time.
 */
public class StoreUnavailableException extends RuntimeException {

  private final boolean outcomeUnknown;

  private StoreUnavailableException(String message, Throwable cause, boolean outcomeUnknown) {
    super(message, cause);
    this.outcomeUnknown = outcomeUnknown;
  }

  /** A write that did not reach the config topic: nothing was changed. */
  public static StoreUnavailableException notWritten(String message, Throwable cause) {
    return new StoreUnavailableException(message, cause, false);
  }

  /** A write that may or may not be on the config topic. */
  public static StoreUnavailableException outcomeUnknown(String message, Throwable cause) {
    return new StoreUnavailableException(message, cause, true);
  }

  /** Whether the write may have been applied although it was not confirmed. */
  public boolean outcomeUnknown() {
    return outcomeUnknown;
  }
}
