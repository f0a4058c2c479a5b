package dev.nbaml.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigTest {
  static Map<String, String> minimal() {
    Map<String, String> env = new HashMap<>();
    env.put("MODEL_URI", "s3://nba-models/registry/nba-winner");
    env.put("DB_SECRET_ID", "nba/db");
    env.put("AWS_REGION", "us-east-1");
    return env;
  }

  @Test
  void readsTheRequiredSettingsAndDefaultsTheRest() {
    Config c = Config.fromEnvironment(minimal());

    assertThat(c.modelUri().bucket()).isEqualTo("nba-models");
    assertThat(c.modelUri().prefix()).isEqualTo("registry/nba-winner/");
    assertThat(c.dbSecretId()).isEqualTo("nba/db");
    assertThat(c.zone()).isEqualTo(ZoneId.of("America/New_York"));
    assertThat(c.featuresTable()).hasToString("silver.ml_game_features");
    assertThat(c.predictionsTable()).hasToString("gold.ml_game_predictions");
    assertThat(c.featureFlagsTable()).hasToString("gold.feature_flags");
    assertThat(c.sslMode()).isEqualTo("require");
    assertThat(c.dbConnectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.s3PathStyle()).isFalse();
    assertThat(c.dbStatementTimeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(c.dbLockTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.modelMaxBytes()).isEqualTo(64L * 1024 * 1024);
  }

  @Test
  void theDefaultBoundsOfEveryWaitFitTheFunctionsSixtySecondTimeout() {
    Config c = Config.fromEnvironment(minimal());
    // one stuck statement after a slow connect still fails with a TransientException, not a Lambda timeout
    assertThat(c.dbConnectTimeout().plus(c.dbStatementTimeout()).plus(Duration.ofSeconds(5)))
        .isLessThan(Duration.ofSeconds(60));
    assertThat(c.dbLockTimeout()).isLessThanOrEqualTo(c.dbStatementTimeout());
  }

  @Test
  void theBoundsOfWaitsAndDownloadsAreValidatedNamingTheSetting() {
    Map<String, String> env = minimal();
    env.put("DB_STATEMENT_TIMEOUT_SECONDS", "0");
    env.put("DB_LOCK_TIMEOUT_SECONDS", "soon");
    env.put("MODEL_MAX_BYTES", "10");
    assertThatThrownBy(() -> Config.fromEnvironment(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DB_STATEMENT_TIMEOUT_SECONDS: '0' is not a whole number from 1 to 900")
        .hasMessageContaining("DB_LOCK_TIMEOUT_SECONDS: 'soon' is not a whole number from 1 to 900")
        .hasMessageContaining("MODEL_MAX_BYTES: '10' is not a whole number from 1024 to 1073741824");

    Map<String, String> longerLock = minimal();
    longerLock.put("DB_STATEMENT_TIMEOUT_SECONDS", "10");
    longerLock.put("DB_LOCK_TIMEOUT_SECONDS", "20");
    assertThatThrownBy(() -> Config.fromEnvironment(longerLock))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DB_LOCK_TIMEOUT_SECONDS: 20 is longer than DB_STATEMENT_TIMEOUT_SECONDS (10)");
  }

  @Test
  void namesEveryMissingOrWrongVariableAtOnce() {
    Map<String, String> env = new HashMap<>();
    env.put("MODEL_URI", "https://example.com/model");
    env.put("TIME_ZONE", "Mars/Olympus");
    env.put("DB_SSLMODE", "sometimes");
    env.put("DB_CONNECT_TIMEOUT_SECONDS", "-4");
    env.put("S3_FORCE_PATH_STYLE", "yes");

    assertThatThrownBy(() -> Config.fromEnvironment(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MODEL_URI: 'https://example.com/model' is not an s3://bucket/prefix/ URI")
        .hasMessageContaining("DB_SECRET_ID is required but not set")
        .hasMessageContaining("AWS_REGION is required but not set")
        .hasMessageContaining("TIME_ZONE: 'Mars/Olympus' is not a time zone")
        .hasMessageContaining("DB_SSLMODE: 'sometimes' is not one of")
        .hasMessageContaining("DB_CONNECT_TIMEOUT_SECONDS: '-4' is not a whole number from 1 to 300")
        .hasMessageContaining("S3_FORCE_PATH_STYLE: 'yes' is not true or false");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "silver.ml_game_features; DROP TABLE gold.ml_game_predictions",
    "silver.\"ml_game_features\"",
    "ml_game_features",
    "silver.ml_game_features--",
    "Silver.ML_GAME_FEATURES",
    "silver.ml game features",
    "a.b.c"
  })
  void tableNamesThatAreNotPlainIdentifiersAreRefusedAtStart(String name) {
    Map<String, String> env = minimal();
    env.put("FEATURES_TABLE", name);

    assertThatThrownBy(() -> Config.fromEnvironment(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("FEATURES_TABLE: '" + name + "' is not a schema-qualified table name");
  }

  @Test
  void theRegistryCommandsNeedNeitherModelNorSecret() {
    Config c = Config.forStorage(Map.of("AWS_REGION", "eu-west-1", "S3_FORCE_PATH_STYLE", "true"));
    assertThat(c.region()).isEqualTo("eu-west-1");
    assertThat(c.s3PathStyle()).isTrue();
    assertThat(c.dbSecretId()).isNull();
    assertThatThrownBy(() -> Config.forStorage(Map.of())).hasMessageContaining("AWS_REGION is required");
  }

  @Test
  void theDatabaseCommandsNeedNoModel() {
    Map<String, String> env = minimal();
    env.remove("MODEL_URI");

    assertThat(Config.forDatabase(env).modelUri()).isNull();
    assertThatThrownBy(() -> Config.fromEnvironment(env)).hasMessageContaining("MODEL_URI is required");
  }
}
