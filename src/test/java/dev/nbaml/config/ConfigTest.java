package dev.nbaml.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
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
    FunctionConfig c = Config.function(minimal());

    assertThat(c.model().uri().bucket()).isEqualTo("nba-models");
    assertThat(c.model().uri().prefix()).isEqualTo("registry/nba-winner/");
    assertThat(c.model().alias()).isEmpty();
    assertThat(c.model().maxBytes()).isEqualTo(64L * 1024 * 1024);
    assertThat(c.model().shadowAlias()).as("no shadow scoring unless asked for").isEmpty();
    assertThat(c.model().candidateAlias()).as("what a retrain points at").isEqualTo("candidate");
    assertThat(c.database().secretId()).isEqualTo("nba/db");
    assertThat(c.database().sslMode()).isEqualTo("require");
    assertThat(c.database().connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.database().statementTimeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(c.database().lockTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.zone()).isEqualTo(ZoneId.of("America/New_York"));
    assertThat(c.tables().features()).hasToString("silver.ml_game_features");
    assertThat(c.tables().predictions()).hasToString("gold.ml_game_predictions");
    assertThat(c.tables().featureFlags()).hasToString("gold.feature_flags");
    assertThat(c.tables().history()).hasToString("silver.ml_game_features_audit");
    assertThat(c.aws()).isEqualTo(new AwsSettings("us-east-1", false));
    assertThat(c.monitoring()).isEqualTo(new MonitoringSettings(100, 200, 0.5, 60));
    assertThat(c.summaryMaxGames()).isEqualTo(50);
    assertThat(c.logging()).isEqualTo(new LoggingSettings(Optional.empty(), false));
    assertThat(c.metrics()).isEqualTo(new MetricsSettings("NbaMl", "service_undefined"));
  }

  @Test
  void loggingAndMetricsSettingsComeFromTheEnvironmentToo() {
    Map<String, String> env = minimal();
    env.put("AWS_LAMBDA_FUNCTION_NAME", "nba-ml");
    env.put("LOG_LEVEL", " debug ");
    env.put("POWERTOOLS_METRICS_NAMESPACE", "Nba");
    env.put("POWERTOOLS_SERVICE_NAME", "scoring");

    FunctionConfig c = Config.function(env);

    assertThat(c.logging().json()).as("JSON lines in Lambda").isTrue();
    assertThat(c.logging().debug()).isTrue();
    assertThat(c.metrics()).isEqualTo(new MetricsSettings("Nba", "scoring"));
    assertThat(Config.logging(Map.of("LOG_FORMAT", "json")).json()).isTrue();
    assertThat(Config.logging(Map.of()).json()).isFalse();
  }

  @Test
  void theDefaultBoundsOfEveryWaitFitTheFunctionsSixtySecondTimeout() {
    DatabaseSettings c = Config.function(minimal()).database();
    // one stuck statement after a slow connect still fails with a TransientException, not a Lambda
    // timeout
    assertThat(c.connectTimeout().plus(c.statementTimeout()).plus(Duration.ofSeconds(5)))
        .isLessThan(Duration.ofSeconds(60));
    assertThat(c.lockTimeout()).isLessThanOrEqualTo(c.statementTimeout());
  }

  @Test
  void theBoundsOfWaitsAndDownloadsAreValidatedNamingTheSetting() {
    Map<String, String> env = minimal();
    env.put("DB_STATEMENT_TIMEOUT_SECONDS", "0");
    env.put("DB_LOCK_TIMEOUT_SECONDS", "soon");
    env.put("MODEL_MAX_BYTES", "10");
    assertThatThrownBy(() -> Config.function(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "DB_STATEMENT_TIMEOUT_SECONDS: '0' is not a whole number from 1 to 900")
        .hasMessageContaining("DB_LOCK_TIMEOUT_SECONDS: 'soon' is not a whole number from 1 to 900")
        .hasMessageContaining(
            "MODEL_MAX_BYTES: '10' is not a whole number from 1024 to 1073741824");

    Map<String, String> longerLock = minimal();
    longerLock.put("DB_STATEMENT_TIMEOUT_SECONDS", "10");
    longerLock.put("DB_LOCK_TIMEOUT_SECONDS", "20");
    assertThatThrownBy(() -> Config.function(longerLock))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "DB_LOCK_TIMEOUT_SECONDS: 20 is longer than DB_STATEMENT_TIMEOUT_SECONDS (10)");
  }

  @Test
  void namesEveryMissingOrWrongVariableAtOnce() {
    Map<String, String> env = new HashMap<>();
    env.put("MODEL_URI", "https://example.com/model");
    env.put("TIME_ZONE", "Mars/Olympus");
    env.put("DB_SSLMODE", "sometimes");
    env.put("DB_CONNECT_TIMEOUT_SECONDS", "-4");
    env.put("S3_FORCE_PATH_STYLE", "yes");

    assertThatThrownBy(() -> Config.function(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "MODEL_URI: 'https://example.com/model' is not an s3://bucket/prefix/ URI")
        .hasMessageContaining("DB_SECRET_ID is required but not set")
        .hasMessageContaining("AWS_REGION is required but not set")
        .hasMessageContaining("TIME_ZONE: 'Mars/Olympus' is not a time zone")
        .hasMessageContaining("DB_SSLMODE: 'sometimes' is not one of")
        .hasMessageContaining(
            "DB_CONNECT_TIMEOUT_SECONDS: '-4' is not a whole number from 1 to 300")
        .hasMessageContaining("S3_FORCE_PATH_STYLE: 'yes' is not true or false");
  }

  @Test
  void theShadowAliasIsAnAliasAndNeverTheOneTheFunctionScoresWith() {
    Map<String, String> env = minimal();
    env.put("MODEL_ALIAS", "current");
    env.put("MODEL_SHADOW_ALIAS", "challenger");
    assertThat(Config.function(env).model().shadowAlias()).contains("challenger");
    assertThat(Config.function(env).model().candidateAlias()).isEqualTo("challenger");

    env.put("MODEL_ALIAS", "current");
    env.put("MODEL_SHADOW_ALIAS", "current");
    assertThatThrownBy(() -> Config.function(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MODEL_SHADOW_ALIAS: 'current' is MODEL_ALIAS too");

    env.remove("MODEL_SHADOW_ALIAS");
    env.put("MODEL_ALIAS", "candidate");
    assertThatThrownBy(() -> Config.function(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "MODEL_ALIAS: 'candidate' is the candidate alias a retrain points at");
    env.put("MODEL_ALIAS", "current");

    env.put("MODEL_SHADOW_ALIAS", "Candidate!");
    assertThatThrownBy(() -> Config.function(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MODEL_SHADOW_ALIAS: 'Candidate!' is not an alias");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
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

    assertThatThrownBy(() -> Config.function(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "FEATURES_TABLE: '" + name + "' is not a schema-qualified table name");
  }

  @Test
  void theRegistryCommandsNeedNeitherModelNorSecret() {
    StorageConfig c =
        Config.storage(Map.of("AWS_REGION", "eu-west-1", "S3_FORCE_PATH_STYLE", "true"));
    assertThat(c.aws()).isEqualTo(new AwsSettings("eu-west-1", true));
    assertThat(c.modelMaxBytes()).isEqualTo(ModelSettings.DEFAULT_MAX_BYTES);
    assertThatThrownBy(() -> Config.storage(Map.of()))
        .hasMessageContaining("AWS_REGION is required");
  }

  @Test
  void theDatabaseCommandsNeedNoModel() {
    Map<String, String> env = minimal();
    env.remove("MODEL_URI");

    assertThat(Config.database(env).database().secretId()).isEqualTo("nba/db");
    assertThatThrownBy(() -> Config.function(env)).hasMessageContaining("MODEL_URI is required");
  }

  @Test
  void theShadowAliasNeedsTheRegistryModeAndAnotherAliasAndTheShadowTableDefaults() {
    Map<String, String> env = minimal();
    FunctionConfig plain = Config.function(env);
    assertThat(plain.model().shadowAlias()).isEmpty();
    assertThat(plain.tables().shadowPredictions()).hasToString("gold.ml_shadow_predictions");

    env.put("MODEL_SHADOW_ALIAS", "candidate");
    assertThatThrownBy(() -> Config.function(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "MODEL_SHADOW_ALIAS: a shadow alias needs the registry mode: set MODEL_ALIAS");
    env.put("MODEL_ALIAS", "candidate");
    assertThatThrownBy(() -> Config.function(env))
        .hasMessageContaining("MODEL_SHADOW_ALIAS: 'candidate' is MODEL_ALIAS too");
    env.put("MODEL_ALIAS", "current");
    env.put("SHADOW_PREDICTIONS_TABLE", "gold.shadow_rows");
    FunctionConfig shadowed = Config.function(env);
    assertThat(shadowed.model().shadowAlias()).contains("candidate");
    assertThat(shadowed.tables().shadowPredictions()).hasToString("gold.shadow_rows");
    env.put("MODEL_SHADOW_ALIAS", "Candidate!");
    assertThatThrownBy(() -> Config.function(env))
        .hasMessageContaining("MODEL_SHADOW_ALIAS: 'Candidate!' is not an alias");
  }

  @Test
  void promotionReadsTheMinimumOfGamesWithItsDefault() {
    Map<String, String> env = minimal();
    assertThat(Config.promotion(env).minGames()).isEqualTo(200);
    env.put("PROMOTE_MIN_GAMES", "1");
    assertThatThrownBy(() -> Config.promotion(env))
        .hasMessageContaining("PROMOTE_MIN_GAMES: '1' is not a whole number from 2");
    env.put("PROMOTE_MIN_GAMES", "50");
    assertThat(Config.promotion(env).minGames()).isEqualTo(50);
  }
}
