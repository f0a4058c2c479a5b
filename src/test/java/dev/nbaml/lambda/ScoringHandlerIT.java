package dev.nbaml.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nbaml.core.AllGamesRejectedException;
import dev.nbaml.core.GameFeatures;
import dev.nbaml.core.ModelUnavailableException;
import dev.nbaml.core.TeamFeatures;
import dev.nbaml.db.DatabaseException;
import dev.nbaml.testing.MigrationFiles;
import dev.nbaml.testing.PipelineFixture;
import dev.nbaml.testing.TestGames;
import dev.nbaml.util.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole function against real PostgreSQL and a real S3 + Secrets Manager emulator: secret,
 * model, read, validate, score, write, summary; with each event file of {@code events/}.
 */
class ScoringHandlerIT {
  private static final LocalDate RUN_DATE = LocalDate.of(2024, 1, 15);

  /** 2024-01-15 17:00 in New York. */
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2024-01-15T22:00:00Z"), ZoneOffset.UTC);

  private PipelineFixture pipeline;
  private ScoringHandler function;

  @BeforeEach
  void setUp() {
    pipeline = new PipelineFixture().migrate().publishModel(PipelineFixture.LEGACY_MODEL);
    function = ScoringHandler.create(pipeline.env(), CLOCK);
  }

  @AfterEach
  void tearDown() {
    function.close();
    pipeline.close();
  }

  private JsonNode invoke(String event) throws IOException {
    return dev.nbaml.testing.Invoke.handler(function, event);
  }

  private static String eventFile(String name) throws IOException {
    return Files.readString(Path.of("events", name));
  }

  @Test
  void scoresEveryValidGameReportsRejectedAndStaleOnesAndWritesOnlyTheValid() throws IOException {
    List<GameFeatures> games = new ArrayList<>(TestGames.slate(1, RUN_DATE, 6));
    games.addAll(TestGames.slate(2, RUN_DATE.plusDays(1), 2));
    GameFeatures bad = TestGames.slate(3, RUN_DATE.plusDays(2), 1).get(0);
    TeamFeatures h = bad.home();
    games.add(
        new GameFeatures(
            bad.homeTeam(),
            bad.awayTeam(),
            bad.gameDate(),
            new TeamFeatures(
                h.rank(),
                h.daysRest(),
                h.avgPtsScored(),
                h.avgPtsAllowed(),
                h.winPct(),
                h.winPctLast10(),
                -1.0,
                h.moneyline()),
            bad.away()));
    games.addAll(TestGames.slate(4, RUN_DATE.minusDays(1), 3)); // stale
    pipeline.insertGames(games);

    JsonNode summary = invoke(eventFile("step-functions.json"));

    assertThat(summary.get("status").asText()).isEqualTo("SCORED");
    assertThat(summary.get("run_date").asText()).isEqualTo("2024-01-15");
    assertThat(summary.get("trigger").asText()).isEqualTo("step-functions");
    assertThat(summary.get("model_version").asText()).isEqualTo("legacy-logistic-regression@1.0.0");
    assertThat(summary.get("games_scored").asInt()).isEqualTo(8);
    assertThat(summary.get("games_rejected").asInt()).isEqualTo(1);
    JsonNode rejected = summary.get("rejected").get(0);
    assertThat(rejected.get("home_team").asText()).isEqualTo(bad.homeTeam());
    assertThat(rejected.get("away_team").asText()).isEqualTo(bad.awayTeam());
    assertThat(rejected.get("game_date").asText()).isEqualTo(bad.gameDate().toString());
    assertThat(rejected.get("reason").asText()).isEqualTo("OUT_OF_RANGE");
    assertThat(rejected.get("detail").asText()).contains("home_is_top_players = -1");
    assertThat(summary.get("games_skipped").asInt()).isEqualTo(3);
    assertThat(summary.get("skipped").get(0).get("reason").asText()).isEqualTo("stale");
    assertThat(summary.get("duration_ms").asLong()).isGreaterThanOrEqualTo(0);

    List<Map<String, Object>> rows = pipeline.predictions();
    assertThat(rows).hasSize(8);
    for (Map<String, Object> row : rows) {
      double home = ((Number) row.get("home_team_predicted_win_pct")).doubleValue();
      double away = ((Number) row.get("away_team_predicted_win_pct")).doubleValue();
      assertThat(home).isBetween(0.0, 1.0);
      assertThat(home + away).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(home * 1000)
          .isCloseTo(Math.rint(home * 1000), org.assertj.core.data.Offset.offset(1e-6));
      assertThat(row.get("model_version")).isEqualTo("legacy-logistic-regression@1.0.0");
      assertThat(row.get("created_at")).isNotNull();
    }
    GameFeatures first =
        games.stream()
            .filter(g -> g.gameDate().equals(RUN_DATE))
            .min(java.util.Comparator.comparing(GameFeatures::homeTeam))
            .orElseThrow();
    Map<String, Object> written = rows.get(0);
    assertThat(written.get("home_team")).isEqualTo(first.homeTeam());
    assertThat(written.get("away_team")).isEqualTo(first.awayTeam());
    assertThat(((Number) written.get("home_team_rank")).doubleValue())
        .isEqualTo(first.home().rank());
    assertThat(((Number) written.get("home_moneyline")).doubleValue())
        .isEqualTo(first.home().moneyline());
    assertThat(((Number) written.get("away_team_avg_pts_scored")).doubleValue())
        .isEqualTo(first.away().avgPtsScored());
  }

  @Test
  void aReRunUpdatesTheSameRowsAndChangesNothingButModifiedAt() throws Exception {
    pipeline.insertGames(TestGames.slate(5, RUN_DATE, 5));
    invoke(eventFile("step-functions.json"));
    // modified_at is the transaction's time: set it in the past, so the re-run's time differs
    // whatever the clock
    pipeline
        .database()
        .execute("UPDATE gold.ml_game_predictions SET modified_at = timestamp '2000-01-01 00:00'");
    List<Map<String, Object>> before = pipeline.predictions();

    JsonNode again = invoke(eventFile("step-functions.json"));

    assertThat(again.get("games_scored").asInt()).isEqualTo(5);
    List<Map<String, Object>> after = pipeline.predictions();
    assertThat(after).hasSize(5);
    for (int i = 0; i < 5; i++) {
      Map<String, Object> b = new java.util.HashMap<>(before.get(i));
      Map<String, Object> a = new java.util.HashMap<>(after.get(i));
      assertThat(a.remove("modified_at")).isNotEqualTo(b.remove("modified_at"));
      assertThat(a).isEqualTo(b);
    }
  }

  @Test
  void theScheduledEventScoresTheDateOfItsTimeInNewYork() throws IOException {
    pipeline.insertGames(TestGames.slate(6, LocalDate.of(2024, 1, 15), 3));

    JsonNode summary = invoke(eventFile("scheduled.json"));

    assertThat(summary.get("trigger").asText()).isEqualTo("schedule");
    assertThat(summary.get("run_date").asText()).isEqualTo("2024-01-15");
    assertThat(summary.get("games_scored").asInt()).isEqualTo(3);
  }

  @Test
  void theEmptyEventScoresTodayInTheConfiguredZone() throws IOException {
    pipeline.insertGames(
        TestGames.slate(
            7, LocalDate.now(CLOCK.withZone(java.time.ZoneId.of("America/New_York"))), 2));

    JsonNode summary = invoke(eventFile("empty.json"));

    assertThat(summary.get("trigger").asText()).isEqualTo("manual");
    assertThat(summary.get("run_date").asText()).isEqualTo("2024-01-15");
    assertThat(summary.get("games_scored").asInt()).isEqualTo(2);
  }

  @Test
  void noGamesIsASuccessThatWritesNothing() throws IOException {
    JsonNode summary = invoke("{}");

    assertThat(summary.get("status").asText()).isEqualTo("NO_GAMES");
    assertThat(summary.get("games_scored").asInt()).isZero();
    assertThat(pipeline.predictions()).isEmpty();
  }

  @Test
  void theSeasonFlagOffMeansNothingIsReadOrWritten() throws IOException {
    pipeline.insertGames(TestGames.slate(8, RUN_DATE, 3));
    pipeline
        .database()
        .execute(
            "CREATE TABLE gold.feature_flags (flag text, is_enabled integer);"
                + " INSERT INTO gold.feature_flags VALUES ('season', 0)");

    JsonNode summary = invoke(eventFile("step-functions.json"));

    assertThat(summary.get("status").asText()).isEqualTo("SEASON_OFF");
    assertThat(summary.get("model_version").asText()).isEqualTo("legacy-logistic-regression@1.0.0");
    assertThat(pipeline.predictions()).isEmpty();

    pipeline
        .database()
        .execute("UPDATE gold.feature_flags SET is_enabled = 1 WHERE flag = 'season'");
    assertThat(invoke(eventFile("step-functions.json")).get("games_scored").asInt()).isEqualTo(3);
  }

  @Test
  void aRunInWhichEveryGameIsInvalidFailsAndWritesNothing() {
    GameFeatures g = TestGames.slate(9, RUN_DATE, 1).get(0);
    pipeline.insertGames(
        List.of(new GameFeatures(g.homeTeam(), g.homeTeam(), RUN_DATE, g.home(), g.away())));

    assertThatThrownBy(() -> invoke(eventFile("step-functions.json")))
        .isInstanceOf(AllGamesRejectedException.class)
        .hasMessageContaining("cannot play itself");
    assertThat(pipeline.predictions()).isEmpty();
  }

  @Test
  void aModelWhoseChecksumDoesNotMatchItsCardStopsTheRunBeforeAnyWrite() {
    pipeline.insertGames(TestGames.slate(10, RUN_DATE, 3));
    pipeline.putModelFile("model.tribuo", "not the model".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> invoke("{}"))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("does not match its card");
    assertThat(pipeline.predictions()).isEmpty();
  }

  @Test
  void aFeaturesTableWithoutAColumnStopsTheRunAndNamesIt() {
    pipeline
        .database()
        .execute("ALTER TABLE silver.ml_game_features DROP COLUMN away_is_top_players");

    assertThatThrownBy(() -> invoke("{}"))
        .isInstanceOf(DatabaseException.class)
        .hasMessageContaining("lacks the columns [away_is_top_players]");
    assertThat(pipeline.predictions()).isEmpty();
  }

  @Test
  void aMissingPredictionsTableOrUniqueKeySaysToMigrateEvenWithoutGames() {
    pipeline.database().execute("DROP INDEX gold.ml_game_predictions_home_team_game_date_key");
    assertThatThrownBy(() -> invoke("{}"))
        .isInstanceOf(DatabaseException.class)
        .hasMessageContaining(
            "has no unique key on (home_team, game_date): run `java -jar ml-pipeline.jar migrate`");

    pipeline.database().execute("DROP TABLE gold.ml_game_predictions");
    assertThatThrownBy(() -> invoke("{}"))
        .isInstanceOf(DatabaseException.class)
        .hasMessageContaining("does not exist: run `java -jar ml-pipeline.jar migrate`");
  }

  @Test
  void theModelIsDownloadedOnceAndReloadedOnlyWhenItsCardChanges() throws IOException {
    pipeline.insertGames(TestGames.slate(12, RUN_DATE, 2));
    assertThat(invoke("{}").get("model_version").asText())
        .isEqualTo("legacy-logistic-regression@1.0.0");

    // Unchanged card: the conditional GET answers 304 and the model file is not fetched again.
    pipeline.deleteModelFile("model.tribuo");
    assertThat(invoke("{}").get("games_scored").asInt()).isEqualTo(2);

    // A new version under the same location is picked up by the next invocation.
    Path v2 = Files.createTempDirectory("model-v2");
    dev.nbaml.model.LegacyImport.Coefficients c =
        dev.nbaml.model.LegacyImport.Coefficients.parse(
            ("{\"features\": "
                    + Json.MAPPER.writeValueAsString(dev.nbaml.core.FeatureCatalog.TABLE_FEATURES)
                    + ", \"coef\": [0,0,0,0,0,0,0,0,0,0,0,0,0,0], \"intercept\": 0.5}")
                .getBytes(StandardCharsets.UTF_8));
    Instant at = Instant.parse("2024-01-01T00:00:00Z");
    dev.nbaml.model.ModelArtifacts.write(
        v2,
        dev.nbaml.model.LegacyImport.model(c, at),
        dev.nbaml.model.LegacyImport.card(c, "constant", "2.0.0", at));
    pipeline.publishModel(v2);

    JsonNode summary = invoke("{}");
    assertThat(summary.get("model_version").asText()).isEqualTo("constant@2.0.0");
    assertThat(pipeline.predictions())
        .allSatisfy(row -> assertThat(row.get("home_team_predicted_win_pct")).isEqualTo(0.622));
  }

  @Test
  void theMigrateEventAppliesTheMigrationsFromInsideTheFunctionAndIsIdempotent()
      throws IOException {
    pipeline
        .database()
        .execute("DROP TABLE gold.ml_game_predictions; DROP SCHEMA ml_pipeline CASCADE");

    JsonNode first = invoke("{\"action\": \"migrate\"}");
    JsonNode second = invoke("{\"action\": \"migrate\"}");

    assertThat(first.get("status").asText()).isEqualTo("MIGRATED");
    assertThat(first.get("migrations_applied").asInt())
        .as("every migration")
        .isEqualTo(MigrationFiles.count());
    assertThat(second.get("migrations_applied").asInt()).isZero();
    pipeline.insertGames(TestGames.slate(14, RUN_DATE, 2));
    assertThat(invoke("{}").get("games_scored").asInt()).isEqualTo(2);
  }

  @Test
  void primingLoadsTheModelAndLeavesNoConnectionOrCredentialsBehind() throws Exception {
    pipeline.insertGames(TestGames.slate(15, RUN_DATE, 2));
    SnapStartPriming hooks = function.priming();
    try {
      hooks.beforeCheckpoint(null);
      // from here on, a model would have to come from priming: there is no model file to fetch
      pipeline.deleteModelFile("model.tribuo");

      // no connection: the function's role has no session left in the cluster
      assertThat(sessionsOf(pipeline.database().user())).isZero();
      // no credentials: the next run fetches the secret again, so a secret with a wrong password is
      // refused (credentials kept from priming would still log in)
      pipeline.putSecret(pipeline.database().secretJson("not-the-password"));
      assertThatThrownBy(() -> invoke("{}")).isInstanceOf(DatabaseException.class);
    } finally {
      hooks.afterRestore(null);
    }
    // the model was loaded by priming: the card is unchanged and the (deleted) model file is not
    // fetched again
    pipeline.putSecret(pipeline.database().secretJson());
    JsonNode summary = invoke("{}");
    assertThat(summary.get("games_scored").asInt()).isEqualTo(2);
    assertThat(summary.get("model_version").asText()).isEqualTo("legacy-logistic-regression@1.0.0");
  }

  /**
   * Sessions of a role other than this query's own, once the ones just closed have ended (a closed
   * session leaves within moments; at most 10 s are waited).
   */
  private long sessionsOf(String role) throws Exception {
    String sql =
        "SELECT count(*) AS n FROM pg_stat_activity WHERE usename = '"
            + role
            + "' AND pid <> pg_backend_pid()";
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    long n = ((Number) pipeline.query(sql).get(0).get("n")).longValue();
    while (n > 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      n = ((Number) pipeline.query(sql).get(0).get("n")).longValue();
    }
    return n;
  }

  @Test
  void aRotatedPasswordIsFetchedAgainOnceAndTheRunSucceeds() throws IOException {
    pipeline.insertGames(TestGames.slate(13, RUN_DATE, 2));
    assertThat(invoke("{}").get("games_scored").asInt()).isEqualTo(2);

    String rotated = "rotated-after-run";
    pipeline.database().rotatePassword(rotated);
    pipeline.putSecret(pipeline.database().secretJson(rotated));

    JsonNode summary = invoke("{}");
    assertThat(summary.get("status").asText()).isEqualTo("SCORED");
    assertThat(summary.get("games_scored").asInt()).isEqualTo(2);
  }
}
