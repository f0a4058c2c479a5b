package dev.nbaml.core;

/** No verified model could be loaded; nothing is scored or written. */
public class ModelUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ModelUnavailableException(String message) {
    this(message, null, false);
  }

  private final boolean notFound;

  public ModelUnavailableException(String message, Throwable cause) {
    this(message, cause, false);
  }

  private ModelUnavailableException(String message, Throwable cause, boolean notFound) {
    super(message, cause);
    this.notFound = notFound;
  }

  /** The store answered that the file does not exist (rather than refusing or breaking it). */
  public static ModelUnavailableException notFound(String message, Throwable cause) {
    return new ModelUnavailableException(message, cause, true);
  }

  /** Whether the file asked for does not exist. */
  public boolean notFound() {
    return notFound;
  }
}
