package dev.nbaml.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nbaml.aws.SecretsManagerCredentials;
import dev.nbaml.config.Config;
import dev.nbaml.config.DatabaseConfig;
import dev.nbaml.core.BackfillRequest;
import dev.nbaml.core.BackfillRun;
import dev.nbaml.core.GameFeatures;
import dev.nbaml.core.GamePrediction;
import dev.nbaml.core.ModelProvider;
import dev.nbaml.core.PredictionWriter;
import dev.nbaml.core.TeamFeatures;
import dev.nbaml.db.Database;
import dev.nbaml.db.JdbcBackfill;
import dev.nbaml.db.JdbcPredictionWriter;
import dev.nbaml.lambda.ScoringHandler;
import dev.nbaml.model.ModelArtifacts;
import dev.nbaml.testing.PipelineFixture;
import dev.nbaml.testing.TestGames;
import dev.nbaml.testing.TestServices;
import java.sql.Connection;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Re-scoring a date range from the audit table: latest copies, chunks, restart after a crash. */
class BackfillIT {
  static final LocalDate FIRST = LocalDate.of(2023, 1, 1);
  static final int DAYS = 30;

  PipelineFixture pipeline;
  List<GameFeatures> latest = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    pipeline = new PipelineFixture().migrate().publishModel(PipelineFixture.LEGACY_MODEL);
    List<GameFeatures> older = new ArrayList<>();
    for (int d = 0; d < DAYS; d++) {
      for (GameFeatures g : TestGames.slate(100 + d, FIRST.plusDays(d), 8)) {
        latest.add(g);
        TeamFeatures h = g.home();
        older.add(
            new GameFeatures(
                g.homeTeam(), g.awayTeam(), g.gameDate(), h.withMoneyline(-999.0), g.away()));
      }
    }
    try (Connection c = pipeline.database().connect()) {
      TestGames.insert(c, "silver.ml_game_features_audit", older);
      pipeline
          .database()
          .execute(
              "UPDATE silver.ml_game_features_audit SET audit_inserted_at = audit_inserted_at - interval '1 day'");
      TestGames.insert(c, "silver.ml_game_features_audit", latest);
    }
    GameFeatures bad = latest.get(0);
    pipeline
        .database()
        .execute(
            "INSERT INTO silver.ml_game_features_audit (home_team, away_team, game_date, home_team_rank)"
                + " VALUES ('Nobody', 'Nobody', '"
                + FIRST.plusDays(3)
                + "', 99)");
  }

  @AfterEach
  void tearDown() {
    pipeline.close();
  }

  @Test
  void theBackfillEventRescoresTheLatestCopyOfEachGameInTheRangeAndARerunChangesNothing()
      throws Exception {
    String event =
        "{\"backfill\": {\"from\": \""
            + FIRST.plusDays(5)
            + "\", \"to\": \""
            + FIRST.plusDays(24)
            + "\"}}";
    JsonNode summary;
    try (ScoringHandler env = ScoringHandler.create(pipeline.env(), Clock.systemUTC())) {
      summary = invoke(env, event);
      assertThat(summary.get("status").asText()).isEqualTo("BACKFILLED");
      assertThat(summary.get("games_scored").asLong()).isEqualTo(20 * 8);
      List<java.util.Map<String, Object>> first = pipeline.predictions();
      assertThat(invoke(env, event).get("games_scored").asLong()).isEqualTo(160);
      assertThat(pipeline.predictions()).hasSize(first.size());
    }
    List<java.util.Map<String, Object>> rows = pipeline.predictions();
    assertThat(rows).hasSize(160);
    assertThat(rows)
        .allSatisfy(
            r -> assertThat(((Number) r.get("home_moneyline")).doubleValue()).isNotEqualTo(-999.0));
    assertThat(rows.get(0).get("game_date")).isEqualTo(java.sql.Date.valueOf(FIRST.plusDays(5)));
    assertThat(rows.get(rows.size() - 1).get("game_date"))
        .isEqualTo(java.sql.Date.valueOf(FIRST.plusDays(24)));
  }

  @Test
  void aBackfillThatCrashesHalfwayKeepsWholeChunksAndTheRerunFinishesWithoutDuplicates() {
    DatabaseConfig config = Config.database(pipeline.env());
    // 40 rows a chunk = 5 days of 8 games; the 4th chunk (days 15-19) dies while later ones may be
    // written
    LocalDate dies = FIRST.plusDays(17);
    try (var secrets = TestServices.get().secretsManager();
        Database db = SecretsManagerCredentials.database(secrets, config.database())) {
      JdbcBackfill history = new JdbcBackfill(db, config.tables().history());
      Supplier<PredictionWriter> crashing =
          () -> {
            JdbcPredictionWriter real =
                JdbcPredictionWriter.dedicated(db, config.tables().predictions());
            return new PredictionWriter() {
              @Override
              public void requireReady() {
                real.requireReady();
              }

              @Override
              public int write(List<GamePrediction> p, String version) {
                if (p.stream().anyMatch(g -> g.game().gameDate().equals(dies))) {
                  throw new IllegalStateException("the process died");
                }
                return real.write(p, version);
              }

              @Override
              public void close() {
                real.close();
              }
            };
          };
      ModelProvider model =
          () ->
              new ModelProvider.Selection(
                  ModelArtifacts.read(PipelineFixture.LEGACY_MODEL), Optional.empty());
      BackfillRequest request =
          new BackfillRequest("b", FIRST, FIRST.plusDays(DAYS - 1), "backfill");

      assertThatThrownBy(
              () -> new BackfillRun(model, history, crashing, 2, history, 40).run(request))
          .hasMessage("the process died");
      List<java.util.Map<String, Object>> written = pipeline.predictions();
      assertThat(written).hasSizeGreaterThanOrEqualTo(3 * 40).hasSizeLessThan(DAYS * 8);
      assertThat(written).noneMatch(r -> r.get("game_date").equals(java.sql.Date.valueOf(dies)));
      assertThat(written.size() % 8).as("whole dates only").isZero();

      BackfillRun.Summary resumed =
          new BackfillRun(
                  model,
                  history,
                  () -> JdbcPredictionWriter.dedicated(db, config.tables().predictions()),
                  2,
                  history,
                  40)
              .run(request);

      assertThat(resumed.resumedAfter())
          .as("the last date up to which every chunk was written")
          .isEqualTo(FIRST.plusDays(14));
      assertThat(resumed.gamesScored()).isEqualTo(DAYS * 8 - 3 * 40);
      assertThat(pipeline.predictions()).hasSize(DAYS * 8);
      assertThat(
              pipeline
                  .query(
                      "SELECT count(DISTINCT (home_team, game_date)) AS n FROM gold.ml_game_predictions")
                  .get(0)
                  .get("n"))
          .isEqualTo((long) DAYS * 8);
    }
    assertThat(
            pipeline
                .query("SELECT finished FROM ml_pipeline.backfill_progress")
                .get(0)
                .get("finished"))
        .isEqualTo(true);
  }

  @Test
  void aMalformedBackfillEventNamesTheField() {
    try (ScoringHandler env = ScoringHandler.create(pipeline.env(), Clock.systemUTC())) {
      assertThatThrownBy(
              () ->
                  invoke(env, "{\"backfill\": {\"from\": \"2023-01-05\", \"to\": \"2023-02-30\"}}"))
          .hasMessageContaining("'backfill.to' must be a real date");
      assertThatThrownBy(
              () ->
                  invoke(env, "{\"backfill\": {\"from\": \"2023-02-05\", \"to\": \"2023-01-05\"}}"))
          .hasMessageContaining("'to' (2023-01-05) is before 'from' (2023-02-05)");
    }
  }

  static JsonNode invoke(ScoringHandler env, String event) throws Exception {
    return dev.nbaml.testing.Invoke.handler(env, event);
  }
}
