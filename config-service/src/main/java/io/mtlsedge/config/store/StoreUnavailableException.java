package io.mtlsedge.config.store;

/** A write that Kafka did not acknowledge in time, or that the store could not confirm. */
public class StoreUnavailableException extends RuntimeException {

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
