package dev.nbaml.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nbaml.db.DatabaseException;
import dev.nbaml.lambda.ScoringHandler;
import dev.nbaml.testing.Invoke;
import dev.nbaml.testing.PipelineFixture;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code migrate} over the predictions table that the Python job left: it appended rows, so some
 * (home_team, game_date) keys have several. The unique key cannot be built over them; migrate says
 * which keys and how to see and fix them (never the raw index error), and with {@code
 * keep_newest_duplicates} keeps the newest row of each key, once: a second run changes nothing.
 */
class LegacyDuplicatesIT {
  static final LocalDate DAY = LocalDate.of(2024, 1, 1);
  static final LocalDateTime OLD = LocalDateTime.of(2024, 1, 1, 10, 0);
  static final int DUPLICATED_KEYS = 13;

  PipelineFixture pipeline;

  @BeforeEach
  void setUp() throws Exception {
    pipeline = new PipelineFixture();
    // the table as the Python job created it: no model_version, no unique key
    pipeline
        .database()
        .execute(
            """
        CREATE TABLE gold.ml_game_predictions (
            home_team text, away_team text, home_moneyline numeric, away_moneyline numeric, game_date date,
            home_team_rank bigint, home_days_rest integer, home_team_avg_pts_scored numeric,
            home_team_avg_pts_scored_opp numeric, home_team_win_pct numeric, home_team_win_pct_last10 numeric,
            home_is_top_players numeric, away_team_rank bigint, away_days_rest integer,
            away_team_avg_pts_scored numeric, away_team_avg_pts_scored_opp numeric, away_team_win_pct numeric,
            away_team_win_pct_last10 numeric, away_is_top_players numeric,
            home_team_predicted_win_pct double precision, away_team_predicted_win_pct double precision,
            created_at timestamp DEFAULT current_timestamp, modified_at timestamp DEFAULT current_timestamp)
        """);
    try (Connection c = pipeline.database().connect()) {
      for (int k = 0; k < DUPLICATED_KEYS; k++) {
        // appended again on later days: the newest copy has 0.6, older ones 0.4 (inserted last, to
        // show that "newest" is by modified_at, not by position in the table)
        insert(c, "Team " + k, DAY.plusDays(k), 0.6, OLD.plusDays(2));
        insert(c, "Team " + k, DAY.plusDays(k), 0.4, OLD);
      }
      insert(c, "Team 0", DAY, 0.4, OLD.plusDays(1)); // a third copy of one key
      for (int u = 0; u < 5; u++) {
        insert(c, "Unique " + u, DAY, 0.5, OLD);
      }
      insert(
          c, null, DAY, 0.5,
          OLD); // keys with a null are not duplicates: the unique key allows them
      insert(c, null, DAY, 0.5, OLD);
    }
  }

  @AfterEach
  void tearDown() {
    pipeline.close();
  }

  static void insert(Connection c, String home, LocalDate date, double p, LocalDateTime modified)
      throws Exception {
    try (PreparedStatement ps =
        c.prepareStatement(
            """
        INSERT INTO gold.ml_game_predictions (home_team, away_team, game_date, home_team_predicted_win_pct,
            away_team_predicted_win_pct, created_at, modified_at) VALUES (?, 'Away', ?, ?, ?, ?, ?)""")) {
      ps.setString(1, home);
      ps.setDate(2, Date.valueOf(date));
      ps.setDouble(3, p);
      ps.setDouble(4, 1 - p);
      ps.setTimestamp(5, Timestamp.valueOf(modified));
      ps.setTimestamp(6, Timestamp.valueOf(modified));
      ps.executeUpdate();
    }
  }

  JsonNode migrate(String event) throws Exception {
    try (ScoringHandler function = ScoringHandler.create(pipeline.env(), Clock.systemUTC())) {
      return Invoke.handler(function, event);
    }
  }

  long rows() {
    return (Long)
        pipeline.query("SELECT count(*) AS n FROM gold.ml_game_predictions").get(0).get("n");
  }

  @Test
  void migrateOverDuplicateKeysSaysWhichAndHowToSeeAndFixThemAndChangesNothing() {
    long before = rows();
    Throwable error =
        org.assertj.core.api.Assertions.catchThrowable(() -> migrate("{\"action\": \"migrate\"}"));

    assertThat(error)
        .isInstanceOf(DatabaseException.class)
        .hasMessageContaining(
            "gold.ml_game_predictions holds 13 (home_team, game_date) key(s) with more than one row"
                + " (14 extra row(s)")
        .hasMessageContaining(
            "The first 10: Team 0 2024-01-01 (3 rows); Team 1 2024-01-02 (2 rows)")
        .hasMessageContaining("--keep-newest-duplicates")
        .hasMessageContaining("\"keep_newest_duplicates\": true")
        .hasMessageNotContaining("23505")
        .hasMessageNotContaining("could not create unique index");
    assertThat(error.getMessage()).doesNotContain("Team 10 ");
    Matcher query =
        Pattern.compile("See them all with: (SELECT .*? ORDER BY game_date, home_team)\\.")
            .matcher(error.getMessage());
    assertThat(query.find()).isTrue();
    List<Map<String, Object>> listed = pipeline.query(query.group(1));
    assertThat(listed).hasSize(DUPLICATED_KEYS);
    assertThat(listed.get(0)).containsEntry("home_team", "Team 0").containsEntry("copies", 3L);

    assertThat(rows()).isEqualTo(before);
    assertThat(
            pipeline
                .query("SELECT to_regclass('ml_pipeline.flyway_schema_history') IS NULL AS none")
                .get(0)
                .get("none"))
        .isEqualTo(true);
  }

  @Test
  void keepNewestDuplicatesKeepsTheNewestRowOfEachKeyThenMigratesAndASecondRunChangesNothing()
      throws Exception {
    long before = rows();
    JsonNode first = migrate("{\"action\": \"migrate\", \"keep_newest_duplicates\": true}");

    assertThat(first.get("status").asText()).isEqualTo("MIGRATED");
    assertThat(first.get("duplicates_removed").asLong()).isEqualTo(14);
    assertThat(first.get("migrations_applied").asInt()).isPositive();
    assertThat(rows()).isEqualTo(before - 14);
    assertThat(
            pipeline
                .query(
                    """
        SELECT count(*) AS n FROM gold.ml_game_predictions
        WHERE home_team LIKE 'Team %' AND home_team_predicted_win_pct = 0.6""")
                .get(0)
                .get("n"))
        .as("the newest copy of every duplicated key is the one kept")
        .isEqualTo((long) DUPLICATED_KEYS);
    assertThat(
            pipeline
                .query("SELECT count(*) AS n FROM gold.ml_game_predictions WHERE home_team IS NULL")
                .get(0)
                .get("n"))
        .isEqualTo(2L);
    assertThat(
            pipeline
                .query(
                    """
        SELECT count(*) AS n FROM pg_index WHERE indrelid = 'gold.ml_game_predictions'::regclass AND indisunique""")
                .get(0)
                .get("n"))
        .isEqualTo(1L);

    JsonNode again = migrate("{\"action\": \"migrate\", \"keep_newest_duplicates\": true}");
    assertThat(again.get("duplicates_removed").asLong()).isZero();
    assertThat(again.get("migrations_applied").asInt()).isZero();
    assertThat(rows()).isEqualTo(before - 14);
    assertThat(migrate("{\"action\": \"migrate\"}").get("migrations_applied").asInt()).isZero();
  }

  @Test
  void theFlagMustBeABoolean() {
    assertThatThrownBy(
            () -> migrate("{\"action\": \"migrate\", \"keep_newest_duplicates\": \"yes\"}"))
        .isInstanceOf(dev.nbaml.lambda.InvalidEventException.class)
        .hasMessageContaining("'keep_newest_duplicates' must be true or false");
  }

  @Test
  void theCommandLineMigrateSaysTheSameAndItsKeepNewestFlagWorks() throws Exception {
    long before = rows();
    dev.nbaml.testing.JarRunner.Result refused =
        dev.nbaml.testing.JarRunner.run(pipeline.env(), "migrate");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.stderr())
        .contains(
            "error: Cannot migrate: gold.ml_game_predictions holds 13 (home_team, game_date) key(s)")
        .contains("See them all with: SELECT")
        .contains("--keep-newest-duplicates");
    assertThat(rows()).isEqualTo(before);

    dev.nbaml.testing.JarRunner.Result fixed =
        dev.nbaml.testing.JarRunner.run(pipeline.env(), "migrate", "--keep-newest-duplicates");
    assertThat(fixed.exitCode()).as(fixed.stderr()).isZero();
    assertThat(fixed.stdout())
        .contains("gold.ml_game_predictions: deleted 14 older duplicate row(s)");
    assertThat(rows()).isEqualTo(before - 14);
  }
}
