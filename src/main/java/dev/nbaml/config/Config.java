package dev.nbaml.config;

import dev.nbaml.aws.S3Location;
import dev.nbaml.db.TableName;
import dev.nbaml.core.RunSummary;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The scoring function's configuration, read once from environment variables and validated at start.
 * Every error names the variable and says what is wrong.
 *
 * @param modelUri {@code MODEL_URI}: the S3 folder of a model version ({@code model-card.json} and the
 *     model file), or with {@code MODEL_ALIAS} a model's registry folder
 * @param modelAlias {@code MODEL_ALIAS}: the registry alias naming the version to use, e.g. current
 * @param dbSecretId {@code DB_SECRET_ID}: the Secrets Manager secret (name or ARN) with the RDS JSON
 * @param region {@code AWS_REGION}: the region of S3 and Secrets Manager
 * @param zone {@code TIME_ZONE}: the zone whose today is the default run date
 * @param featuresTable {@code FEATURES_TABLE}: the input table
 * @param predictionsTable {@code PREDICTIONS_TABLE}: the output table
 * @param featureFlagsTable {@code FEATURE_FLAGS_TABLE}: the table of the {@code season} flag
 * @param sslMode {@code DB_SSLMODE}: the PostgreSQL JDBC sslmode
 * @param dbConnectTimeout {@code DB_CONNECT_TIMEOUT_SECONDS}: connect and login timeout
 * @param s3PathStyle {@code S3_FORCE_PATH_STYLE}: path-style S3 addressing, for local emulators
 * @param performanceTable {@code PERFORMANCE_TABLE}: realised performance per model version and date
 * @param outcomesTable {@code OUTCOMES_TABLE}: where results come from (home_team, away_team,
 *     game_date, outcome); monitoring is skipped where it does not exist
 * @param rollingWindow {@code ROLLING_WINDOW}: settled games in the rolling figures
 * @param driftWindow {@code DRIFT_WINDOW}: latest predicted games compared with the training data
 * @param driftThreshold {@code DRIFT_THRESHOLD}: population stability index above which a feature is flagged
 * @param settleDays {@code SETTLE_DAYS}: how many days back each run settles results
 * @param historyTable {@code HISTORY_TABLE}: feature rows of past games (dbt's audit copies), which
 *     backfills re-score and {@code train --from-db} learns from
 * @param summaryMaxGames {@code SUMMARY_MAX_GAMES}: the most rejected games, and the most warned
 *     games, a run's summary lists (all are counted by reason and logged)
 * @param dbStatementTimeout {@code DB_STATEMENT_TIMEOUT_SECONDS}: longest any one SQL statement may
 *     run, lock waits included (PostgreSQL's {@code statement_timeout})
 * @param dbLockTimeout {@code DB_LOCK_TIMEOUT_SECONDS}: longest a statement waits for a lock another
 *     session holds (PostgreSQL's {@code lock_timeout})
 * @param modelMaxBytes {@code MODEL_MAX_BYTES}: largest model file that is downloaded and loaded
 */
public record Config(
    S3Location modelUri,
    Optional<String> modelAlias,
    String dbSecretId,
    String region,
    ZoneId zone,
    TableName featuresTable,
    TableName predictionsTable,
    TableName featureFlagsTable,
    String sslMode,
    Duration dbConnectTimeout,
    boolean s3PathStyle,
    TableName performanceTable,
    TableName outcomesTable,
    int rollingWindow,
    int driftWindow,
    double driftThreshold,
    int settleDays,
    TableName historyTable,
    int summaryMaxGames,
    Duration dbStatementTimeout,
    Duration dbLockTimeout,
    long modelMaxBytes) {

  /**
   * Default of {@code DB_STATEMENT_TIMEOUT_SECONDS}: with the 10 s connect timeout, one stuck
   * statement still fails well inside the function's 60 s.
   */
  public static final int DEFAULT_STATEMENT_TIMEOUT_SECONDS = 15;

  /** Default of {@code DB_LOCK_TIMEOUT_SECONDS}: a lock held by dbt or by hand fails the run fast. */
  public static final int DEFAULT_LOCK_TIMEOUT_SECONDS = 5;

  /** Default of {@code MODEL_MAX_BYTES}: 64 MiB, thousands of times the real model's few KB. */
  public static final long DEFAULT_MODEL_MAX_BYTES = 64L * 1024 * 1024;

  /** Every variable the configuration reads: the SAM template is checked against this list. */
  public static final Set<String> VARIABLES =
      Set.of(
          "MODEL_URI",
          "MODEL_ALIAS",
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
          "MODEL_MAX_BYTES");

  /** The variables that have no default. */
  public static final Set<String> REQUIRED = Set.of("MODEL_URI", "DB_SECRET_ID", "AWS_REGION");

  private static final Set<String> SSL_MODES =
      Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

  /**
   * Reads and validates the configuration.
   *
   * @throws ConfigException listing every variable that is missing or wrong
   */
  public static Config fromEnvironment(Map<String, String> env) {
    return read(env, REQUIRED);
  }

  /**
   * Reads the configuration of the database commands ({@code migrate}), which need no model:
   * {@link #modelUri()} is null.
   */
  public static Config forDatabase(Map<String, String> env) {
    return read(env, Set.of("DB_SECRET_ID", "AWS_REGION"));
  }

  /**
   * The configuration of the registry commands ({@code publish}, {@code promote}), which need neither
   * a model location nor a database: {@link #modelUri()} and {@link #dbSecretId()} are null.
   */
  public static Config forStorage(Map<String, String> env) {
    return read(env, Set.of("AWS_REGION"));
  }

  /** Reads everything; of {@code MODEL_URI} and {@code DB_SECRET_ID}, only the ones in {@code required}. */
  private static Config read(Map<String, String> env, Set<String> required) {
    Reader r = new Reader(env);
    S3Location modelUri = required.contains("MODEL_URI") ? r.required("MODEL_URI", S3Location::parse) : null;
    Optional<String> alias = r.optionalValue("MODEL_ALIAS", Config::alias);
    String secretId = required.contains("DB_SECRET_ID") ? r.required("DB_SECRET_ID", Function.identity()) : null;
    String region = r.required("AWS_REGION", Config::region);
    ZoneId zone = r.optional("TIME_ZONE", "America/New_York", Config::zone);
    TableName features = r.optional("FEATURES_TABLE", "silver.ml_game_features", TableName::parse);
    TableName predictions =
        r.optional("PREDICTIONS_TABLE", "gold.ml_game_predictions", TableName::parse);
    TableName flags = r.optional("FEATURE_FLAGS_TABLE", "gold.feature_flags", TableName::parse);
    String sslMode = r.optional("DB_SSLMODE", "require", Config::sslMode);
    Duration timeout =
        r.optional("DB_CONNECT_TIMEOUT_SECONDS", "10", v -> Duration.ofSeconds(between(v, 1, 300)));
    Boolean pathStyle = r.optional("S3_FORCE_PATH_STYLE", "false", Config::bool);
    TableName performance = r.optional("PERFORMANCE_TABLE", "gold.ml_model_performance", TableName::parse);
    TableName outcomes = r.optional("OUTCOMES_TABLE", "silver.ml_game_features_audit", TableName::parse);
    Long rolling = r.optional("ROLLING_WINDOW", "100", v -> between(v, 10, 100_000));
    Long driftWindow = r.optional("DRIFT_WINDOW", "200", v -> between(v, 10, 100_000));
    Double driftThreshold = r.optional("DRIFT_THRESHOLD", Double.toString(dev.nbaml.core.DriftCheck.DEFAULT_THRESHOLD), Config::positive);
    Long settleDays = r.optional("SETTLE_DAYS", "60", v -> between(v, 1, 3650));
    TableName history = r.optional("HISTORY_TABLE", "silver.ml_game_features_audit", TableName::parse);
    Long summaryMaxGames = r.optional("SUMMARY_MAX_GAMES", Integer.toString(RunSummary.DEFAULT_LISTED),
        v -> between(v, 0, RunSummary.MAX_LISTED));
    Long statementTimeout = r.optional("DB_STATEMENT_TIMEOUT_SECONDS",
        Integer.toString(DEFAULT_STATEMENT_TIMEOUT_SECONDS), v -> between(v, 1, 900));
    Long lockTimeout = r.optional("DB_LOCK_TIMEOUT_SECONDS",
        Integer.toString(DEFAULT_LOCK_TIMEOUT_SECONDS), v -> between(v, 1, 900));
    if (statementTimeout != null && lockTimeout != null && lockTimeout > statementTimeout) {
      r.error("DB_LOCK_TIMEOUT_SECONDS: " + lockTimeout + " is longer than DB_STATEMENT_TIMEOUT_SECONDS ("
          + statementTimeout + "), which bounds lock waits too; make it at most that");
    }
    Long modelMaxBytes = r.optional("MODEL_MAX_BYTES", Long.toString(DEFAULT_MODEL_MAX_BYTES),
        v -> between(v, 1024, 1024L * 1024 * 1024));
    r.throwIfInvalid();
    return new Config(
        modelUri, alias, secretId, region, zone, features, predictions, flags, sslMode, timeout, pathStyle,
        performance, outcomes, rolling.intValue(), driftWindow.intValue(), driftThreshold, settleDays.intValue(),
        history, summaryMaxGames.intValue(), Duration.ofSeconds(statementTimeout), Duration.ofSeconds(lockTimeout),
        modelMaxBytes);
  }

  private static String alias(String value) {
    if (!dev.nbaml.core.ModelIds.isAlias(value)) {
      throw new IllegalArgumentException("'" + value + "' is not an alias of lower-case letters, digits and '-'");
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
      throw new IllegalArgumentException("'" + value + "' is not a time zone such as America/New_York", e);
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
    throw new IllegalArgumentException("'" + value + "' is not a whole number from " + min + " to " + max);
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
    return switch (value.toLowerCase(java.util.Locale.ROOT)) {
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
