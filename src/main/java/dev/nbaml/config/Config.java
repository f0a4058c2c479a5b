package dev.nbaml.config;

import dev.nbaml.core.DriftCheck;
import dev.nbaml.core.ModelIds;
import dev.nbaml.core.RunSummary;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The one place that reads the environment: each command's configuration, read once from
 * environment variables and validated at start. Every error names the variable and says what is
 * wrong, and one error lists every variable at fault.
 */
public final class Config {

  /** Every variable the configuration reads: the SAM template is checked against this list. */
  public static final Set<String> VARIABLES =
      Set.of(
          "MODEL_URI",
          "MODEL_ALIAS",
          "MODEL_SHADOW_ALIAS",
          "SHADOW_PREDICTIONS_TABLE",
          "PROMOTE_MIN_GAMES",
          "DB_SECRET_ID",
          "AWS_REGION",
          "TIME_ZONE",
          "FEATURES_TABLE",
          "PREDICTIONS_TABLE",
          "FEATURE_FLAGS_TABLE",
          "DB_SSLMODE",
          "DB_CONNECT_TIMEOUT_SECONDS",
          "S3_FORCE_PATH_STYLE",
          "PERFORMANCE_TABLE",
          "OUTCOMES_TABLE",
          "ROLLING_WINDOW",
          "DRIFT_WINDOW",
          "DRIFT_THRESHOLD",
          "SETTLE_DAYS",
          "HISTORY_TABLE",
          "SUMMARY_MAX_GAMES",
          "DB_STATEMENT_TIMEOUT_SECONDS",
          "DB_LOCK_TIMEOUT_SECONDS",
          "MODEL_MAX_BYTES",
          "LOG_LEVEL",
          "LOG_FORMAT",
          "POWERTOOLS_METRICS_NAMESPACE",
          "POWERTOOLS_SERVICE_NAME");

  /** The variables the function cannot start without. */
  public static final Set<String> REQUIRED = Set.of("MODEL_URI", "DB_SECRET_ID", "AWS_REGION");

  private static final Set<String> SSL_MODES =
      Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

  private Config() {}

  /** The process environment: the one place the product reads it (tests pass maps of their own). */
  public static Map<String, String> environment() {
    return System.getenv();
  }

  /**
   * The scoring function's configuration (Lambda, {@code invoke}, {@code report}).
   *
   * @throws ConfigException listing every variable that is missing or wrong
   */
  public static FunctionConfig function(Map<String, String> env) {
    Reader r = new Reader(env);
    AwsSettings aws = aws(r);
    DatabaseSettings database = database(r);
    Tables tables = tables(r);
    S3Location modelUri = r.required("MODEL_URI", S3Location::parse);
    Optional<String> alias = r.optionalValue("MODEL_ALIAS", Config::alias);
    Optional<String> shadowAlias = r.optionalValue("MODEL_SHADOW_ALIAS", Config::alias);
    if (shadowAlias.isPresent() && alias != null) {
      if (alias.isEmpty()) {
        r.error(
            "MODEL_SHADOW_ALIAS: a shadow alias needs the registry mode: set MODEL_ALIAS (e.g. current)"
                + " and MODEL_URI to the model's registry folder");
      } else if (alias.get().equals(shadowAlias.get())) {
        r.error(
            "MODEL_SHADOW_ALIAS: '"
                + shadowAlias.get()
                + "' is MODEL_ALIAS too: the shadow alias names the"
                + " candidate, never the version the function scores with; give it another name, e.g. candidate");
      }
    }
    if (shadowAlias.isEmpty()
        && alias != null
        && alias.filter(ModelSettings.DEFAULT_SHADOW_ALIAS::equals).isPresent()) {
      r.error(
          "MODEL_ALIAS: '"
              + ModelSettings.DEFAULT_SHADOW_ALIAS
              + "' is the candidate alias a retrain points at;"
              + " set MODEL_SHADOW_ALIAS to another name or use another MODEL_ALIAS");
    }
    Long modelMaxBytes = modelMaxBytes(r);
    Long rolling = r.optional("ROLLING_WINDOW", "100", v -> between(v, 10, 100_000));
    Long driftWindow = r.optional("DRIFT_WINDOW", "200", v -> between(v, 10, 100_000));
    Double driftThreshold =
        r.optional(
            "DRIFT_THRESHOLD", Double.toString(DriftCheck.DEFAULT_THRESHOLD), Config::positive);
    Long settleDays = r.optional("SETTLE_DAYS", "60", v -> between(v, 1, 3650));
    ZoneId zone = r.optional("TIME_ZONE", "America/New_York", Config::zone);
    Long summaryMaxGames =
        r.optional(
            "SUMMARY_MAX_GAMES",
            Integer.toString(RunSummary.DEFAULT_LISTED),
            v -> between(v, 0, RunSummary.MAX_LISTED));
    r.throwIfInvalid();
    return new FunctionConfig(
        aws,
        database,
        tables,
        new ModelSettings(modelUri, alias, shadowAlias, modelMaxBytes),
        new MonitoringSettings(
            rolling.intValue(), driftWindow.intValue(), driftThreshold, settleDays.intValue()),
        zone,
        summaryMaxGames.intValue(),
        logging(env),
        metrics(env));
  }

  /**
   * The configuration of the database commands ({@code migrate}, {@code train --from-db}).
   *
   * @throws ConfigException listing every variable that is missing or wrong
   */
  public static DatabaseConfig database(Map<String, String> env) {
    Reader r = new Reader(env);
    AwsSettings aws = aws(r);
    DatabaseSettings database = database(r);
    Tables tables = tables(r);
    r.throwIfInvalid();
    return new DatabaseConfig(aws, database, tables);
  }

  /**
   * The configuration of the registry commands ({@code publish}, {@code promote}).
   *
   * @throws ConfigException listing every variable that is missing or wrong
   */
  public static StorageConfig storage(Map<String, String> env) {
    Reader r = new Reader(env);
    AwsSettings aws = aws(r);
    Long modelMaxBytes = modelMaxBytes(r);
    r.throwIfInvalid();
    return new StorageConfig(aws, modelMaxBytes);
  }

  /**
   * The configuration of {@code promote --if-better}: the database (settled games) and the
   * registry, which alias is the candidate, and how many settled games both must have scored.
   *
   * @throws ConfigException listing every variable that is missing or wrong
   */
  public static PromotionConfig promotion(Map<String, String> env) {
    Reader r = new Reader(env);
    AwsSettings aws = aws(r);
    DatabaseSettings database = database(r);
    Tables tables = tables(r);
    Long modelMaxBytes = modelMaxBytes(r);
    Optional<String> shadowAlias = r.optionalValue("MODEL_SHADOW_ALIAS", Config::alias);
    Long minGames =
        r.optional(
            "PROMOTE_MIN_GAMES",
            Integer.toString(PromotionConfig.DEFAULT_MIN_GAMES),
            v -> between(v, 2, 1_000_000));
    r.throwIfInvalid();
    return new PromotionConfig(
        new DatabaseConfig(aws, database, tables),
        new StorageConfig(aws, modelMaxBytes),
        shadowAlias,
        minGames.intValue());
  }

  /** Where log lines go; never fails (an unknown level is the backend's to refuse). */
  public static LoggingSettings logging(Map<String, String> env) {
    Optional<String> level =
        Optional.ofNullable(env.get("LOG_LEVEL")).map(String::trim).filter(v -> !v.isEmpty());
    boolean json =
        env.get("AWS_LAMBDA_FUNCTION_NAME") != null
            || "json".equalsIgnoreCase(env.get("LOG_FORMAT"));
    return new LoggingSettings(level, json);
  }

  /** Where metrics go; never fails. */
  public static MetricsSettings metrics(Map<String, String> env) {
    String namespace = env.get("POWERTOOLS_METRICS_NAMESPACE");
    String service = env.get("POWERTOOLS_SERVICE_NAME");
    return new MetricsSettings(
        namespace == null || namespace.isBlank()
            ? MetricsSettings.DEFAULT_NAMESPACE
            : namespace.trim(),
        service == null || service.isBlank() ? MetricsSettings.UNDEFINED_SERVICE : service.trim());
  }

  private static AwsSettings aws(Reader r) {
    String region = r.required("AWS_REGION", Config::region);
    Boolean pathStyle = r.optional("S3_FORCE_PATH_STYLE", "false", Config::bool);
    return new AwsSettings(region, Boolean.TRUE.equals(pathStyle));
  }

  private static DatabaseSettings database(Reader r) {
    String secretId = r.required("DB_SECRET_ID", Function.identity());
    String sslMode = r.optional("DB_SSLMODE", "require", Config::sslMode);
    Long connect =
        r.optional(
            "DB_CONNECT_TIMEOUT_SECONDS",
            Integer.toString(DatabaseSettings.DEFAULT_CONNECT_TIMEOUT_SECONDS),
            v -> between(v, 1, 300));
    Long statement =
        r.optional(
            "DB_STATEMENT_TIMEOUT_SECONDS",
            Integer.toString(DatabaseSettings.DEFAULT_STATEMENT_TIMEOUT_SECONDS),
            v -> between(v, 1, 900));
    Long lock =
        r.optional(
            "DB_LOCK_TIMEOUT_SECONDS",
            Integer.toString(DatabaseSettings.DEFAULT_LOCK_TIMEOUT_SECONDS),
            v -> between(v, 1, 900));
    if (statement != null && lock != null && lock > statement) {
      r.error(
          "DB_LOCK_TIMEOUT_SECONDS: "
              + lock
              + " is longer than DB_STATEMENT_TIMEOUT_SECONDS ("
              + statement
              + "), which bounds lock waits too; make it at most that");
    }
    return new DatabaseSettings(
        secretId, sslMode, seconds(connect), seconds(statement), seconds(lock));
  }

  private static Tables tables(Reader r) {
    return new Tables(
        r.optional("FEATURES_TABLE", "silver.ml_game_features", TableName::parse),
        r.optional("PREDICTIONS_TABLE", "gold.ml_game_predictions", TableName::parse),
        r.optional("SHADOW_PREDICTIONS_TABLE", "gold.ml_shadow_predictions", TableName::parse),
        r.optional("FEATURE_FLAGS_TABLE", "gold.feature_flags", TableName::parse),
        r.optional("PERFORMANCE_TABLE", "gold.ml_model_performance", TableName::parse),
        r.optional("OUTCOMES_TABLE", "silver.ml_game_features_audit", TableName::parse),
        r.optional("HISTORY_TABLE", "silver.ml_game_features_audit", TableName::parse));
  }

  private static Long modelMaxBytes(Reader r) {
    return r.optional(
        "MODEL_MAX_BYTES",
        Long.toString(ModelSettings.DEFAULT_MAX_BYTES),
        v -> between(v, 1024, 1024L * 1024 * 1024));
  }

  private static Duration seconds(Long value) {
    return value == null ? null : Duration.ofSeconds(value);
  }

  private static String alias(String value) {
    if (!ModelIds.isAlias(value)) {
      throw new IllegalArgumentException(
          "'" + value + "' is not an alias of lower-case letters, digits and '-'");
    }
    return value;
  }

  private static String region(String value) {
    if (!value.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
      throw new IllegalArgumentException("'" + value + "' is not an AWS region such as us-east-1");
    }
    return value;
  }

  private static ZoneId zone(String value) {
    try {
      return ZoneId.of(value);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "'" + value + "' is not a time zone such as America/New_York", e);
    }
  }

  private static String sslMode(String value) {
    if (!SSL_MODES.contains(value)) {
      throw new IllegalArgumentException("'" + value + "' is not one of " + SSL_MODES);
    }
    return value;
  }

  private static long between(String value, long min, long max) {
    try {
      long n = Long.parseLong(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "'" + value + "' is not a whole number from " + min + " to " + max);
  }

  private static double positive(String value) {
    try {
      double d = Double.parseDouble(value);
      if (d > 0 && Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("'" + value + "' is not a positive number");
  }

  private static boolean bool(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("'" + value + "' is not true or false");
    };
  }

  /** Collects every problem so that one start-up error lists them all. */
  private static final class Reader {
    private final Map<String, String> env;
    private final List<String> errors = new ArrayList<>();

    Reader(Map<String, String> env) {
      this.env = env;
    }

    <T> T required(String name, Function<String, T> parse) {
      Optional<String> value = value(name);
      if (value.isEmpty()) {
        errors.add(name + " is required but not set");
        return null;
      }
      return parse(name, value.get(), parse);
    }

    <T> T optional(String name, String defaultValue, Function<String, T> parse) {
      return parse(name, value(name).orElse(defaultValue), parse);
    }

    <T> Optional<T> optionalValue(String name, Function<String, T> parse) {
      return value(name).map(v -> parse(name, v, parse));
    }

    private Optional<String> value(String name) {
      return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private <T> T parse(String name, String value, Function<String, T> parse) {
      try {
        return parse.apply(value);
      } catch (IllegalArgumentException e) {
        errors.add(name + ": " + e.getMessage());
        return null;
      }
    }

    void error(String message) {
      errors.add(message);
    }

    void throwIfInvalid() {
      if (!errors.isEmpty()) {
        throw new ConfigException("Invalid configuration: " + String.join("; ", errors));
      }
    }
  }
}
