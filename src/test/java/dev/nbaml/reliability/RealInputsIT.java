package dev.nbaml.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nbaml.core.Moneyline;
import dev.nbaml.core.ProbabilityScores;
import dev.nbaml.db.DatabaseException;
import dev.nbaml.lambda.ScoringHandler;
import dev.nbaml.testing.Invoke;
import dev.nbaml.testing.PipelineFixture;
import dev.nbaml.util.Json;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Rows as dbt really writes them, and hostile ones, each through the real path (Secrets Manager,
 * S3, PostgreSQL): a placeholder line, numbers beyond double range, names that cannot be team
 * names, a summary of thousands of rejected rows, a backfill over a bad history row, and the
 * monitoring SQL's market probability against the Java rules.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealInputsIT {
  static final LocalDate DAY = LocalDate.of(2024, 1, 15);
  static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-15T22:00:00Z"), ZoneOffset.UTC);
  static final String COLUMNS =
      "home_team, away_team, game_date, home_moneyline, away_moneyline,"
          + " home_team_rank, home_days_rest, home_team_avg_pts_scored, home_team_avg_pts_scored_opp,"
          + " home_team_win_pct, home_team_win_pct_last10, home_is_top_players, away_team_rank, away_days_rest,"
          + " away_team_avg_pts_scored, away_team_avg_pts_scored_opp, away_team_win_pct, away_team_win_pct_last10,"
          + " away_is_top_players";

  /** A strong home team against a weak one: everything after the two prices. */
  static final String STRONG_HOME =
      "2, 1, 118.5, 106.2, 0.780, 0.9, 2, 28, 0, 104.1, 117.9, 0.220, 0.1, 1";

  PipelineFixture pipeline;
  ScoringHandler function;

  @BeforeAll
  void createPipeline() {
    pipeline =
        new PipelineFixture().migrate().publishModel(Path.of("model-artifacts/nba-winner/1.1.0"));
    function = ScoringHandler.create(pipeline.env(), CLOCK);
  }

  @AfterAll
  void dropPipeline() {
    function.close();
    pipeline.close();
  }

  @BeforeEach
  void emptyTables() {
    pipeline
        .database()
        .execute(
            "TRUNCATE silver.ml_game_features, silver.ml_game_features_audit, gold.ml_game_predictions");
  }

  private void insert(String table, String... rows) {
    pipeline
        .database()
        .execute(
            "INSERT INTO "
                + table
                + " ("
                + COLUMNS
                + ") VALUES ("
                + String.join("), (", rows)
                + ")");
  }

  private JsonNode run() throws Exception {
    return Invoke.handler(function, "{\"run_date\": \"" + DAY + "\"}");
  }

  private double predicted(String home, LocalDate date) {
    return pipeline.predictions().stream()
        .filter(
            r ->
                r.get("home_team").equals(home)
                    && r.get("game_date").equals(java.sql.Date.valueOf(date)))
        .map(r -> (Double) r.get("home_team_predicted_win_pct"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void dbtsPlaceholderLineIsScoredExactlyAsAGameWithoutALineAndNamedInAWarning() throws Exception {
    insert(
        "silver.ml_game_features",
        "'Boston Celtics', 'Detroit Pistons', '2024-01-15', 100, 100, " + STRONG_HOME,
        "'Boston Celtics', 'Detroit Pistons', '2024-01-16', NULL, NULL, " + STRONG_HOME,
        "'Boston Celtics', 'Detroit Pistons', '2024-01-17', -110, -110, " + STRONG_HOME);

    JsonNode summary = run();

    double placeholder = predicted("Boston Celtics", DAY);
    double noLine = predicted("Boston Celtics", DAY.plusDays(1));
    double evenMarket = predicted("Boston Celtics", DAY.plusDays(2));
    assertThat(placeholder).as("+100/+100 is no line").isEqualTo(noLine);
    assertThat(placeholder)
        .as("team form makes the strong home team a clear favourite")
        .isGreaterThan(0.7);
    assertThat(evenMarket).as("a real even market is a different prediction").isLessThan(0.6);
    assertThat(summary.get("games_scored").asInt()).isEqualTo(3);
    assertThat(summary.get("warned_by_reason").get("PLACEHOLDER_LINE").asInt()).isEqualTo(1);
    assertThat(summary.get("warned_by_reason").get("NO_LINE").asInt()).isEqualTo(1);
    assertThat(summary.get("warned").get(0).get("detail").asText())
        .contains("+100 / +100 are dbt's placeholder");
    assertThat(summary.get("warnings").toString()).contains("games scored with a warning");
  }

  @Test
  void aNumberBeyondDoubleRangeRejectsItsRowByNameAndTheOthersAreScored() throws Exception {
    insert(
        "silver.ml_game_features",
        "'Boston Celtics', 'Detroit Pistons', '2024-01-15', -300, 250, "
            + STRONG_HOME.replace("118.5", "1e400"),
        "'Miami Heat', 'Utah Jazz', '2024-01-15', -300, 250, "
            + STRONG_HOME.replace("0.220", "1e-400"),
        "'Chicago Bulls', 'Orlando Magic', '2024-01-15', 'NaN', 250, " + STRONG_HOME,
        "'Denver Nuggets', 'Phoenix Suns', '2024-01-15', -300, 250, "
            + STRONG_HOME.replace("106.2", "'-Infinity'"),
        "'Atlanta Hawks', 'Indiana Pacers', '2024-01-15', -300, 250, " + STRONG_HOME);

    JsonNode summary = run();

    assertThat(summary.get("games_scored").asInt()).isEqualTo(1);
    assertThat(pipeline.predictions())
        .extracting(r -> r.get("home_team"))
        .containsExactly("Atlanta Hawks");
    Map<String, String> details = new java.util.HashMap<>();
    summary
        .get("rejected")
        .forEach(
            r ->
                details.put(
                    r.get("home_team").asText(),
                    r.get("reason").asText() + ": " + r.get("detail").asText()));
    assertThat(details.get("Boston Celtics"))
        .startsWith("NOT_REPRESENTABLE: home_team_avg_pts_scored = 1000000000")
        .contains("(401 characters)");
    assertThat(details.get("Miami Heat"))
        .startsWith("NOT_REPRESENTABLE: away_team_win_pct = 0.0000000");
    assertThat(details.get("Chicago Bulls"))
        .isEqualTo("NOT_FINITE: home_moneyline = NaN is not a finite number");
    assertThat(details.get("Denver Nuggets"))
        .startsWith("NOT_FINITE: home_team_avg_pts_scored_opp = -Infinity");
  }

  @Test
  void namesThatCannotBeTeamNamesAreRejectedAndAnUnknownFranchiseIsScoredWithAWarning()
      throws Exception {
    String longName = "Boston Celtics".repeat(300);
    insert(
        "silver.ml_game_features",
        "'" + longName + "', 'Detroit Pistons', '2024-01-15', -300, 250, " + STRONG_HOME,
        "'Miami Heat ', 'Utah Jazz', '2024-01-15', -300, 250, " + STRONG_HOME,
        "'Miami Heat', 'Orlando Magic', '2024-01-15', -300, 250, " + STRONG_HOME,
        "E'Chicago\\tBulls', 'Phoenix Suns', '2024-01-15', -300, 250, " + STRONG_HOME,
        "'Seattle SuperSonics', 'Denver Nuggets', '2024-01-15', -300, 250, " + STRONG_HOME);

    JsonNode summary = run();

    assertThat(pipeline.predictions())
        .extracting(r -> r.get("home_team"))
        .containsExactly("Miami Heat", "Seattle SuperSonics");
    List<String> rejected = new ArrayList<>();
    summary
        .get("rejected")
        .forEach(r -> rejected.add(r.get("reason").asText() + " " + r.get("detail").asText()));
    assertThat(rejected).hasSize(3).allMatch(r -> r.startsWith("INVALID_NAME "));
    assertThat(rejected.get(0)).contains("is 4200 characters long");
    assertThat(summary.get("rejected").get(0).get("home_team").asText())
        .hasSizeLessThan(120)
        .endsWith("(4200 characters)");
    assertThat(rejected.get(1)).contains("\"Chicago\\u0009Bulls\"");
    assertThat(rejected.get(2)).contains("\"Miami Heat \" has leading or trailing white space");
    assertThat(summary.get("warned"))
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.get("reason").asText()).isEqualTo("UNKNOWN_TEAM");
              assertThat(w.get("detail").asText())
                  .startsWith("\"Seattle SuperSonics\" is not one of the league's franchises");
            });
  }

  @Test
  void aColumnOfATypeTheFunctionCannotReadIsNamedWithItsType() throws Exception {
    pipeline
        .database()
        .execute(
            "CREATE TABLE silver.features_retyped AS SELECT * FROM silver.ml_game_features;"
                + " ALTER TABLE silver.features_retyped ALTER COLUMN home_team_win_pct TYPE text,"
                + " ALTER COLUMN game_date TYPE timestamptz");
    Map<String, String> env = new java.util.HashMap<>(pipeline.env());
    env.put("FEATURES_TABLE", "silver.features_retyped");
    try (ScoringHandler retyped = ScoringHandler.create(env, CLOCK)) {
      assertThatThrownBy(() -> Invoke.handler(retyped, "{\"run_date\": \"" + DAY + "\"}"))
          .isInstanceOf(DatabaseException.class)
          .hasMessageContaining(
              "Table silver.features_retyped has columns of types the function cannot read:")
          .hasMessageContaining("game_date is timestamp with time zone (expected date)")
          .hasMessageContaining(
              "home_team_win_pct is text (expected bigint or double precision or integer");
    } finally {
      pipeline.database().execute("DROP TABLE silver.features_retyped");
    }
  }

  @Test
  void tenThousandRejectedRowsMakeASummaryFarBelowStepFunctionsLimitWithEveryCountByReason()
      throws Exception {
    pipeline
        .database()
        .execute(
            "INSERT INTO silver.ml_game_features ("
                + COLUMNS
                + ")"
                + " SELECT 'Team ' || i, 'Other ' || i, '2024-01-15', -300, 250, 0, 1, 118.5, 106.2, 0.78, 0.9, 2, 28, 0,"
                + " 104.1, 117.9, 0.22, 0.1, 1 FROM generate_series(1, 10000) AS i");
    insert(
        "silver.ml_game_features",
        "'Atlanta Hawks', 'Indiana Pacers', '2024-01-15', -300, 250, " + STRONG_HOME);

    JsonNode summary = run();

    assertThat(summary.get("games_scored").asInt()).isEqualTo(1);
    assertThat(summary.get("games_rejected").asInt()).isEqualTo(10_000);
    assertThat(summary.get("rejected_by_reason").get("OUT_OF_RANGE").asInt()).isEqualTo(10_000);
    assertThat(summary.get("rejected")).hasSize(50);
    assertThat(Json.MAPPER.writeValueAsBytes(summary).length).isLessThan(64 * 1024);
  }

  @Test
  void aBadHistoryRowIsCountedAndNamedAndTheBackfillFinishes() throws Exception {
    insert(
        "silver.ml_game_features_audit",
        "'Boston Celtics', 'Detroit Pistons', '2023-01-10', -300, 250, "
            + STRONG_HOME.replace("0.780", "1e400"),
        "'Miami Heat', 'Utah Jazz', '2023-01-10', 100, 100, " + STRONG_HOME,
        "'" + "x".repeat(3000) + "', 'Orlando Magic', '2023-01-11', -300, 250, " + STRONG_HOME,
        "'Atlanta Hawks', 'Indiana Pacers', '2023-01-12', -300, 250, " + STRONG_HOME);

    JsonNode summary =
        Invoke.handler(
            function, "{\"backfill\": {\"from\": \"2023-01-01\", \"to\": \"2023-01-31\"}}");

    assertThat(summary.get("status").asText()).isEqualTo("BACKFILLED");
    assertThat(summary.get("games_scored").asInt()).isEqualTo(2);
    assertThat(summary.get("games_rejected").asInt()).isEqualTo(2);
    assertThat(summary.get("rejected_by_reason").get("NOT_REPRESENTABLE").asInt()).isEqualTo(1);
    assertThat(summary.get("rejected_by_reason").get("INVALID_NAME").asInt()).isEqualTo(1);
    assertThat(summary.get("rejected").get(0).get("detail").asText())
        .startsWith("home_team_win_pct = 1000000000");
    assertThat(summary.get("warned_by_reason").get("PLACEHOLDER_LINE").asInt()).isEqualTo(1);
    assertThat(pipeline.predictions())
        .extracting(r -> r.get("home_team"))
        .containsExactly("Miami Heat", "Atlanta Hawks");
  }

  @Test
  void theMonitoringSqlComputesTheMarketProbabilityExactlyAsTheJavaRules() throws Exception {
    List<String> prices =
        List.of(
            "NULL",
            "100",
            "-100",
            "-110",
            "105",
            "-160",
            "140",
            "-300",
            "250",
            "-650",
            "8",
            "-50",
            "99.5",
            "2.5e7",
            "-1000000",
            "1000000",
            "1000001",
            "'NaN'",
            "'Infinity'",
            "-10000",
            "5000",
            "-105",
            "-115",
            "120",
            "-140",
            "110");
    List<String> pairs = new ArrayList<>();
    for (String h : prices) {
      for (String a : prices) {
        pairs.add("(" + h + "::numeric, " + a + "::numeric)");
      }
    }
    String sql =
        "SELECT h::text, a::text, "
            + Moneyline.sqlMarketProbability("h", "a")
            + " FROM (VALUES "
            + String.join(", ", pairs)
            + ") AS v(h, a)";
    int compared = 0;
    try (Connection c = pipeline.database().connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        Double h = price(rs.getString(1));
        Double a = price(rs.getString(2));
        double m = rs.getDouble(3);
        Optional<Double> sqlValue = rs.wasNull() ? Optional.empty() : Optional.of(m);
        assertThat(sqlValue).as("%s / %s", h, a).isEqualTo(Moneyline.marketProbability(h, a));
        compared++;
      }
    }
    assertThat(compared).isEqualTo(prices.size() * prices.size());
  }

  @Test
  void theMonitoringSqlScoresEachPredictionExactlyAsTheJavaRules() throws Exception {
    List<String> probabilities =
        List.of(
            "NULL",
            "0",
            "1e-16",
            "0.001",
            "0.3",
            "0.4999999",
            "0.5",
            "0.7",
            "0.999",
            "0.9999999999999999",
            "1");
    List<String> rows = new ArrayList<>();
    for (String p : probabilities) {
      rows.add("(" + p + "::float8, 0)");
      rows.add("(" + p + "::float8, 1)");
    }
    String sql =
        "SELECT p, y, "
            + ProbabilityScores.sqlHit("p", "y")
            + ", "
            + ProbabilityScores.sqlBrier("p", "y")
            + ", "
            + ProbabilityScores.sqlLogLoss("p", "y")
            + " FROM (VALUES "
            + String.join(", ", rows)
            + ") AS v(p, y)";
    int compared = 0;
    try (Connection c = pipeline.database().connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        double p = rs.getDouble(1);
        boolean missing = rs.wasNull();
        int y = rs.getInt(2);
        if (missing) {
          for (int column = 3; column <= 5; column++) {
            rs.getObject(column);
            assertThat(rs.wasNull())
                .as("a game without a probability has no score (column %d)", column)
                .isTrue();
          }
        } else {
          assertThat(rs.getInt(3))
              .as("hit %s %s", p, y)
              .isEqualTo(ProbabilityScores.hit(p, y) ? 1 : 0);
          assertThat(rs.getDouble(4))
              .as("brier %s %s", p, y)
              .isEqualTo(ProbabilityScores.brier(p, y));
          assertThat(rs.getDouble(5))
              .as("log loss %s %s", p, y)
              .isCloseTo(ProbabilityScores.logLoss(p, y), within(1e-12));
        }
        compared++;
      }
    }
    assertThat(compared).isEqualTo(2 * probabilities.size());
  }

  private static Double price(String text) {
    return text == null ? null : Double.valueOf(text);
  }
}
