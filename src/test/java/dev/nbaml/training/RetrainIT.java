package dev.nbaml.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nbaml.aws.S3ModelRegistry;
import dev.nbaml.config.ModelSettings;
import dev.nbaml.config.S3Location;
import dev.nbaml.core.FeatureCatalog;
import dev.nbaml.core.GameFeatures;
import dev.nbaml.history.FeatureBuilder;
import dev.nbaml.history.GameResult;
import dev.nbaml.lambda.ScoringHandler;
import dev.nbaml.model.LegacyImport;
import dev.nbaml.model.ModelArtifacts;
import dev.nbaml.model.ModelCard;
import dev.nbaml.testing.Invoke;
import dev.nbaml.testing.PipelineFixture;
import dev.nbaml.testing.SyntheticSeasons;
import dev.nbaml.testing.TestGames;
import dev.nbaml.util.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code {"action": "retrain"}} through the real path: history in PostgreSQL's audit table
 * (generated seasons, fixed seed), the registry in the S3 emulator, the function's handler.
 */
class RetrainIT {
  /** August 2019: the generated seasons 2015-16 to 2018-19 are all complete; 2018-19 validates. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2019-08-01T12:00:00Z"), ZoneOffset.UTC);

  static final String NAME = "nba-winner";

  /** Four generated seasons (3,840 games) with their results in the audit table. */
  static void loadHistory(PipelineFixture pipeline) throws Exception {
    List<GameResult> games = SyntheticSeasons.generate(7, 2015, 4, 8);
    List<GameFeatures> rows = FeatureBuilder.pointInTime(games);
    try (Connection c = pipeline.database().connect()) {
      TestGames.insert(c, "silver.ml_game_features_audit", rows);
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE silver.ml_game_features_audit SET outcome = ? WHERE home_team = ? AND game_date = ?")) {
        for (GameResult g : games) {
          ps.setInt(1, g.homeWon() ? 1 : 0);
          ps.setString(2, g.homeTeam());
          ps.setObject(3, g.gameDate());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
  }

  /** A model that gives every game the same P(home win): the current version, 1.0.0. */
  static Path constantModel(Path dir, double intercept) throws Exception {
    String json =
        "{\"features\": "
            + Json.MAPPER.writeValueAsString(FeatureCatalog.TABLE_FEATURES)
            + ", \"coef\": [0,0,0,0,0,0,0,0,0,0,0,0,0,0], \"intercept\": "
            + intercept
            + "}";
    LegacyImport.Coefficients c =
        LegacyImport.Coefficients.parse(json.getBytes(StandardCharsets.UTF_8));
    Path out = dir.resolve("1.0.0");
    Instant at = Instant.parse("2019-01-01T00:00:00Z");
    ModelArtifacts.write(out, LegacyImport.model(c, at), LegacyImport.card(c, NAME, "1.0.0", at));
    return out;
  }

  static S3ModelRegistry registry(PipelineFixture pipeline) {
    return new S3ModelRegistry(
        pipeline.s3(),
        S3Location.parse("s3://" + pipeline.bucket() + "/models/"),
        Clock.systemUTC(),
        ModelSettings.DEFAULT_MAX_BYTES);
  }

  /**
   * The function reading the registry's {@code current} alias (and the default shadow alias,
   * candidate).
   */
  static Map<String, String> env(PipelineFixture pipeline, String alias) {
    Map<String, String> env = pipeline.env();
    env.put("MODEL_URI", "s3://" + pipeline.bucket() + "/models/" + NAME + "/");
    env.put("MODEL_ALIAS", alias);
    return env;
  }

  /** Every object of the registry and its content. */
  static Map<String, String> objects(PipelineFixture pipeline) {
    Map<String, String> all = new TreeMap<>();
    pipeline
        .s3()
        .listObjectsV2Paginator(b -> b.bucket(pipeline.bucket()).prefix("models/"))
        .contents()
        .forEach(o -> all.put(o.key(), o.eTag()));
    return all;
  }

  @Test
  void aRetrainThatPassesPublishesTheNextVersionAndPointsTheShadowAliasAtIt(@TempDir Path dir)
      throws Exception {
    try (PipelineFixture pipeline = new PipelineFixture().migrate()) {
      loadHistory(pipeline);
      S3ModelRegistry registry = registry(pipeline);
      registry.publish(constantModel(dir, 0.0)); // P = 0.5 for every game: Brier 0.25
      registry.promote(NAME, "1.0.0", "current");

      JsonNode result;
      try (ScoringHandler function = ScoringHandler.create(env(pipeline, "current"), CLOCK)) {
        result = Invoke.handler(function, "{\"action\": \"retrain\"}");
      }

      assertThat(result.get("status").asText()).as(result.toString()).isEqualTo("PUBLISHED");
      assertThat(result.get("model_version").asText()).isEqualTo("nba-winner@1.1.0");
      assertThat(result.get("current_version").asText()).isEqualTo("nba-winner@1.0.0");
      assertThat(result.get("validation_season").asText()).isEqualTo("2018-19");
      assertThat(result.get("training_seasons").asText()).isEqualTo("2016-17 to 2017-18");
      assertThat(result.get("candidate").get("brier").asDouble()).isLessThan(0.25);
      assertThat(result.get("failures")).isEmpty();
      assertThat(registry.versions(NAME)).containsExactlyInAnyOrder("1.0.0", "1.1.0");
      assertThat(registry.alias(NAME, "candidate").orElseThrow().version()).isEqualTo("1.1.0");
      assertThat(registry.alias(NAME, "current").orElseThrow().version())
          .as("current never moves")
          .isEqualTo("1.0.0");
      ModelCard card = registry.card(NAME, "1.1.0");
      assertThat(card.gate().get("passed").asBoolean()).isTrue();
      assertThat(card.gate().get("not_worse_than").get("model_version").asText())
          .isEqualTo("nba-winner@1.0.0");
      assertThat(card.gate().get("not_worse_than").get("brier").asDouble()).isEqualTo(0.25);
      assertThat(card.training().get("data").asText())
          .isEqualTo("database table silver.ml_game_features_audit");

      // What a run with the shadow alias loads: the published version, verified against its card.
      Map<String, String> candidate = env(pipeline, "candidate");
      candidate.put("MODEL_SHADOW_ALIAS", "next"); // never the alias a function scores with
      try (ScoringHandler shadow = ScoringHandler.create(candidate, CLOCK)) {
        JsonNode run = Invoke.handler(shadow, "{\"run_date\": \"2999-12-31\"}");
        assertThat(run.get("model_version").asText()).isEqualTo("nba-winner@1.1.0");
      }

      // The same history next month: the same model file, already the candidate; nothing is
      // published.
      Map<String, String> before = objects(pipeline);
      try (ScoringHandler function = ScoringHandler.create(env(pipeline, "current"), CLOCK)) {
        JsonNode again = Invoke.handler(function, "{\"action\": \"retrain\"}");
        assertThat(again.get("status").asText()).isEqualTo("UNCHANGED");
        assertThat(again.get("failures").get(0).asText()).contains("identical to nba-winner@1.1.0");
      }
      assertThat(objects(pipeline)).isEqualTo(before);
    }
  }

  @Test
  void aRetrainThatFailsTheGateChangesNothingInTheRegistryAndSaysWhy(@TempDir Path dir)
      throws Exception {
    try (PipelineFixture pipeline = new PipelineFixture().migrate()) {
      loadHistory(pipeline);
      // The validation season as no earlier season was: the home team always lost. The current
      // model
      // (P(home win) = 0.1 for every game) is far better on it than anything trained on earlier
      // seasons.
      pipeline
          .database()
          .execute(
              "UPDATE silver.ml_game_features_audit SET outcome = 0 WHERE game_date >= '2018-08-01'");
      S3ModelRegistry registry = registry(pipeline);
      registry.publish(constantModel(dir, -2.2));
      registry.promote(NAME, "1.0.0", "current");
      Map<String, String> before = objects(pipeline);

      JsonNode result;
      try (ScoringHandler function = ScoringHandler.create(env(pipeline, "current"), CLOCK)) {
        result = Invoke.handler(function, "{\"action\": \"retrain\"}");
      }

      assertThat(result.get("status").asText()).as(result.toString()).isEqualTo("GATE_FAILED");
      assertThat(result.get("model_version").asText()).isEqualTo("nba-winner@1.1.0");
      assertThat(result.get("failures").toString())
          .contains("is worse than the current model nba-winner@1.0.0's 0.01")
          .contains("on the same 960 validation games")
          .contains("is above the maximum 0.25");
      assertThat(objects(pipeline)).as("no new version folder, no alias moved").isEqualTo(before);
      assertThat(registry.versions(NAME)).containsExactly("1.0.0");
      assertThat(registry.alias(NAME, "candidate")).isEmpty();
    }
  }
}
