package dev.nbaml.lambda;

/** The invocation's event is not one the function accepts; the message names the problem. Final. */
public class InvalidEventException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidEventException(String message) {
    super(message);
  }
}
