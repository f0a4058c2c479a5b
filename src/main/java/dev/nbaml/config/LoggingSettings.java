package dev.nbaml.config;

import java.util.Optional;

/**
 * Where log lines go.
 *
 * @param level {@code LOG_LEVEL}: the level, where set (the backend's default otherwise)
 * @param json JSON lines (Log4j with the Powertools layout): in Lambda ({@code
 *     AWS_LAMBDA_FUNCTION_NAME} set) or with {@code LOG_FORMAT=json}; plain lines otherwise
 */
public record LoggingSettings(Optional<String> level, boolean json) {

  /** Whether stack traces belong in the command line's error output. */
  public boolean debug() {
    return level.filter("DEBUG"::equalsIgnoreCase).isPresent();
  }
}
