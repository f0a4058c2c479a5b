package dev.nbaml.util;

import dev.nbaml.config.LoggingSettings;
import java.util.Locale;

/**
 * Chooses where SLF4J's log lines go, once, before the first logger exists: JSON lines through
 * Log4j and the Powertools layout in Lambda (or with {@code LOG_FORMAT=json}); plain lines on
 * stderr through SLF4J's simple logger on the command line, which starts in milliseconds where
 * Log4j's configuration takes about a quarter of a second and 30 MB (measured: src/bench/bench.sh).
 */
public final class Logging {
  static final String PROVIDER = "slf4j.provider";
  static final String LOG4J = "org.apache.logging.slf4j.SLF4JServiceProvider";
  static final String SIMPLE = "org.slf4j.simple.SimpleServiceProvider";

  private Logging() {}

  /** Picks the backend from the settings, unless {@code -Dslf4j.provider} already names one. */
  public static void select(LoggingSettings settings) {
    if (System.getProperty(PROVIDER) != null) {
      return;
    }
    System.setProperty(PROVIDER, settings.json() ? LOG4J : SIMPLE);
    System.setProperty(
        "slf4j.internal.verbosity", "WARN"); // no line saying which backend was chosen
    if (!settings.json()) {
      settings
          .level()
          .ifPresent(
              level ->
                  System.setProperty(
                      "org.slf4j.simpleLogger.defaultLogLevel", level.toLowerCase(Locale.ROOT)));
    }
  }
}
