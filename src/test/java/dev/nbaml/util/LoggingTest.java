package dev.nbaml.util;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nbaml.config.Config;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoggingTest {
  private String saved;
  private String savedLevel;

  @BeforeEach
  void clear() {
    saved = System.clearProperty(Logging.PROVIDER);
    savedLevel = System.clearProperty("org.slf4j.simpleLogger.defaultLogLevel");
  }

  @AfterEach
  void restore() {
    restore(Logging.PROVIDER, saved);
    restore("org.slf4j.simpleLogger.defaultLogLevel", savedLevel);
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }

  @Test
  void lambdaAndJsonGetLog4jsJsonLinesTheCommandLineGetsTextAtItsLevel() {
    Logging.select(Config.logging(Map.of("AWS_LAMBDA_FUNCTION_NAME", "nba-ml-scoring-dev")));
    assertThat(System.getProperty(Logging.PROVIDER)).isEqualTo(Logging.LOG4J);

    System.clearProperty(Logging.PROVIDER);
    Logging.select(Config.logging(Map.of("LOG_FORMAT", "JSON")));
    assertThat(System.getProperty(Logging.PROVIDER)).isEqualTo(Logging.LOG4J);

    System.clearProperty(Logging.PROVIDER);
    Logging.select(Config.logging(Map.of("LOG_LEVEL", "DEBUG")));
    assertThat(System.getProperty(Logging.PROVIDER)).isEqualTo(Logging.SIMPLE);
    assertThat(System.getProperty("org.slf4j.simpleLogger.defaultLogLevel")).isEqualTo("debug");
  }

  @Test
  void anExplicitChoiceIsKept() {
    System.setProperty(Logging.PROVIDER, Logging.LOG4J);
    Logging.select(Config.logging(Map.of()));
    assertThat(System.getProperty(Logging.PROVIDER)).isEqualTo(Logging.LOG4J);
  }
}
