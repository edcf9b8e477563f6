package io.mtlsedge.config.store;

/** A resource whose record is larger than Kafka takes; nothing was written. */
public class ResourceTooLargeException extends RuntimeException {

  public ResourceTooLargeException(String message, Throwable cause) {
    super(message, cause);
  }
}
