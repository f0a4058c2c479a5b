package dev.nbaml.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nbaml.aws.S3ModelRegistry;
import dev.nbaml.config.Config;
import dev.nbaml.config.ModelSettings;
import dev.nbaml.config.S3Location;
import dev.nbaml.core.GameFeatures;
import dev.nbaml.lambda.ScoringHandler;
import dev.nbaml.lambda.Wiring;
import dev.nbaml.monitoring.MonitoringReport;
import dev.nbaml.testing.Invoke;
import dev.nbaml.testing.PipelineFixture;
import dev.nbaml.testing.TestGames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The shadow model through the real path (secret, S3 registry, PostgreSQL): its rows land only in
 * the shadow table, are settled per version, and its failures are warnings.
 */
class ShadowScoringIT {
  static final LocalDate DAY = LocalDate.of(2024, 1, 15);

  PipelineFixture pipeline;
  S3ModelRegistry registry;
  Map<String, String> env;
  List<GameFeatures> slate = TestGames.slate(41, DAY, 6);

  @BeforeEach
  void setUp() throws Exception {
    pipeline = new PipelineFixture().migrate();
    S3Location root = S3Location.parse("s3://" + pipeline.bucket() + "/registry/");
    registry =
        new S3ModelRegistry(
            pipeline.s3(), root, Clock.systemUTC(), ModelSettings.DEFAULT_MAX_BYTES);
    registry.publish(Path.of("model-artifacts/nba-winner/1.0.0"));
    registry.publish(Path.of("model-artifacts/nba-winner/1.1.0"));
    registry.promote("nba-winner", "1.1.0", "current");
    env = new HashMap<>(pipeline.env());
    env.put("MODEL_URI", root + "nba-winner/");
    env.put("MODEL_ALIAS", "current");
    env.put("MODEL_SHADOW_ALIAS", "candidate");
    pipeline.insertGames(slate);
    try (Connection c = pipeline.database().connect()) {
      TestGames.insert(c, "silver.ml_game_features_audit", slate);
    }
  }

  @AfterEach
  void tearDown() {
    pipeline.close();
  }

  JsonNode run(LocalDate date) throws Exception {
    try (ScoringHandler function = ScoringHandler.create(env, Clock.systemUTC())) {
      return Invoke.handler(function, "{\"run_date\": \"" + date + "\"}");
    }
  }

  @Test
  void theShadowModelsRowsLandOnlyInTheShadowTableAndAreSettledPerVersion(@TempDir Path reportDir)
      throws Exception {
    registry.promote("nba-winner", "1.0.0", "candidate");

    JsonNode summary = run(DAY);

    assertThat(summary.get("status").asText()).isEqualTo("SCORED");
    assertThat(summary.get("model_version").asText()).isEqualTo("nba-winner@1.1.0");
    assertThat(summary.get("warnings").toString()).doesNotContain("shadow");
    assertThat(pipeline.query("SELECT DISTINCT model_version FROM gold.ml_game_predictions"))
        .extracting(r -> r.get("model_version"))
        .containsExactly("nba-winner@1.1.0");
    assertThat(pipeline.query("SELECT count(*) AS n FROM gold.ml_game_predictions").get(0).get("n"))
        .isEqualTo(6L);
    List<Map<String, Object>> shadow =
        pipeline.query("SELECT * FROM gold.ml_shadow_predictions ORDER BY game_date, home_team");
    assertThat(shadow)
        .hasSize(6)
        .allSatisfy(r -> assertThat(r.get("model_version")).isEqualTo("nba-winner@1.0.0"));
    assertThat(shadow)
        .allSatisfy(
            r ->
                assertThat(
                        (Double) r.get("home_team_predicted_win_pct")
                            + (Double) r.get("away_team_predicted_win_pct"))
                    .isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9)));
    assertThat(shadow)
        .extracting(r -> r.get("home_team"))
        .containsExactlyInAnyOrderElementsOf(slate.stream().map(GameFeatures::homeTeam).toList());

    // A second run changes nothing in either table (upserts on their own keys).
    run(DAY);
    assertThat(
            pipeline.query("SELECT count(*) AS n FROM gold.ml_shadow_predictions").get(0).get("n"))
        .isEqualTo(6L);
    assertThat(pipeline.query("SELECT count(*) AS n FROM gold.ml_game_predictions").get(0).get("n"))
        .isEqualTo(6L);

    // The results come in: the next run settles both versions, each on its own rows.
    pipeline
        .database()
        .execute(
            "UPDATE silver.ml_game_features_audit SET outcome = CASE WHEN home_team < away_team THEN 1 ELSE 0 END");
    pipeline.database().execute("DELETE FROM silver.ml_game_features");
    run(DAY.plusDays(1));
    List<Map<String, Object>> performance =
        pipeline.query(
            "SELECT model_version, games, brier FROM gold.ml_model_performance ORDER BY model_version");
    assertThat(performance)
        .extracting(r -> r.get("model_version"))
        .containsExactly("nba-winner@1.0.0", "nba-winner@1.1.0");
    assertThat(performance).allSatisfy(r -> assertThat(r.get("games")).isEqualTo(6));
    double shadowBrier =
        pipeline
                    .query(
                        """
        SELECT avg((s.home_team_predicted_win_pct - a.outcome) ^ 2) AS b FROM gold.ml_shadow_predictions s
        JOIN silver.ml_game_features_audit a USING (home_team, away_team, game_date)""")
                    .get(0)
                    .get("b")
                instanceof Double d
            ? d
            : -1;
    assertThat((Double) performance.get(0).get("brier"))
        .isCloseTo(shadowBrier, org.assertj.core.api.Assertions.within(1e-12));

    // The report compares the live version and the candidate on the 6 games both scored.
    MonitoringReport.Input input =
        Wiring.report(Config.function(env), Clock.systemUTC(), Optional.empty());
    assertThat(input.comparison().liveVersion()).isEqualTo("nba-winner@1.1.0");
    assertThat(input.comparison().candidateVersion()).isEqualTo("nba-winner@1.0.0");
    assertThat(input.comparison().result().games()).isEqualTo(6);
    assertThat(input.comparison().result().candidate().brier())
        .isCloseTo(shadowBrier, org.assertj.core.api.Assertions.within(1e-12));
    String page = Files.readString(MonitoringReport.write(reportDir, input));
    assertThat(page)
        .contains("Live against candidate")
        .contains("on the 6 settled games both scored")
        .contains("too few games: 6 settled games were scored by both");
  }

  @Test
  void noShadowAliasInTheRegistryMeansNoShadowRowsAndNoWarning() throws Exception {
    JsonNode summary = run(DAY);

    assertThat(summary.get("status").asText()).isEqualTo("SCORED");
    assertThat(summary.get("warnings").toString()).doesNotContain("shadow");
    assertThat(
            pipeline.query("SELECT count(*) AS n FROM gold.ml_shadow_predictions").get(0).get("n"))
        .isEqualTo(0L);
    assertThat(pipeline.query("SELECT count(*) AS n FROM gold.ml_game_predictions").get(0).get("n"))
        .isEqualTo(6L);
  }

  @Test
  void aBrokenShadowModelOrAFailedShadowWriteIsAWarningAndTheLiveRowsAreWritten() throws Exception {
    registry.promote("nba-winner", "1.0.0", "candidate");
    pipeline
        .s3()
        .putObject(
            b -> b.bucket(pipeline.bucket()).key("registry/nba-winner/1.0.0/model.tribuo"),
            RequestBody.fromBytes(new byte[] {1, 2, 3}));

    JsonNode broken = run(DAY);

    assertThat(broken.get("status").asText()).isEqualTo("SCORED");
    assertThat(broken.get("games_scored").asInt()).isEqualTo(6);
    assertThat(broken.get("warnings").toString())
        .contains("shadow: the shadow model did not score");
    assertThat(
            pipeline.query("SELECT count(*) AS n FROM gold.ml_shadow_predictions").get(0).get("n"))
        .isEqualTo(0L);
    assertThat(pipeline.query("SELECT count(*) AS n FROM gold.ml_game_predictions").get(0).get("n"))
        .isEqualTo(6L);

    registry.promote("nba-winner", "1.1.0", "candidate");
    pipeline.database().execute("DROP TABLE gold.ml_shadow_predictions");
    JsonNode failedWrite = run(DAY);

    assertThat(failedWrite.get("status").asText()).isEqualTo("SCORED");
    assertThat(failedWrite.get("warnings").toString())
        .contains("shadow: nba-winner@1.1.0 did not score")
        .contains("ml_shadow_predictions");
  }
}
