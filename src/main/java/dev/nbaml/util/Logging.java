package dev.nbaml.util;

import java.util.Locale;
import java.util.Map;

/**
 * Chooses where SLF4J's log lines go, once, before the first logger exists: JSON lines through Log4j and
 * the Powertools layout in Lambda (or with {@code LOG_FORMAT=json}); plain lines on stderr through
 * SLF4J's simple logger on the command line, which starts in milliseconds where Log4j's configuration
 * takes about a quarter of a second and 30 MB (measured: src/bench/bench.sh).
 */
public final class Logging {
  static final String PROVIDER = "slf4j.provider";
  static final String LOG4J = "org.apache.logging.slf4j.SLF4JServiceProvider";
  static final String SIMPLE = "org.slf4j.simple.SimpleServiceProvider";

  private Logging() {}

  /** Picks the backend from the environment, unless {@code -Dslf4j.provider} already names one. */
  public static void select(Map<String, String> env) {
    if (System.getProperty(PROVIDER) != null) {
      return;
    }
    boolean json = env.get("AWS_LAMBDA_FUNCTION_NAME") != null || "json".equalsIgnoreCase(env.get("LOG_FORMAT"));
    System.setProperty(PROVIDER, json ? LOG4J : SIMPLE);
    System.setProperty("slf4j.internal.verbosity", "WARN"); // no line saying which backend was chosen
    String level = env.get("LOG_LEVEL");
    if (!json && level != null && !level.isBlank()) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level.trim().toLowerCase(Locale.ROOT));
    }
  }
}
