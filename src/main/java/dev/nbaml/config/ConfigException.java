package dev.nbaml.config;

/** The configuration is missing or wrong; the message names each variable. Not retryable. */
public class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
