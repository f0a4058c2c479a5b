package dev.nbaml.core;

/**
 * A failure that may pass if the run is tried again later (a database or AWS service that cannot be
 * reached, a timeout, throttling). Step Functions retries this error name; every other error is
 * final.
 */
public class TransientException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TransientException(String message, Throwable cause) {
    super(message, cause);
  }
}
