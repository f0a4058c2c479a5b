package dev.nbaml.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nbaml.core.TransientException;
import dev.nbaml.lambda.ScoringHandler;
import dev.nbaml.testing.Invoke;
import dev.nbaml.testing.PipelineFixture;
import dev.nbaml.testing.TestGames;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every database wait is bounded: a lock that another session holds (a long dbt transaction, a
 * manual {@code LOCK TABLE}) or a statement that runs too long fails the run within the configured
 * bound, as a retryable {@link TransientException} naming the table and the setting, with nothing
 * written; once the lock is released the retry writes everything.
 */
class BoundedWaitsIT {
  static final LocalDate DAY = LocalDate.of(2024, 1, 15);
  static final String EVENT = "{\"run_date\": \"2024-01-15\"}";

  PipelineFixture pipeline;
  Map<String, String> env;

  @BeforeEach
  void setUp() {
    pipeline = new PipelineFixture().migrate().publishModel(PipelineFixture.LEGACY_MODEL);
    pipeline.insertGames(TestGames.slate(41, DAY, 6));
    env = new HashMap<>(pipeline.env());
    env.put("DB_LOCK_TIMEOUT_SECONDS", "1");
    env.put("DB_STATEMENT_TIMEOUT_SECONDS", "2");
  }

  @AfterEach
  void tearDown() {
    pipeline.close();
  }

  @Test
  void
      aLockHeldOnTheFeaturesTableFailsTheRunFastAsTransientNamingItAndTheRetryAfterItsReleaseScores()
          throws Exception {
    assertLockFailsFastThenRetrySucceeds(
        "silver.ml_game_features", "ACCESS EXCLUSIVE", "silver.ml_game_features");
  }

  @Test
  void
      anExclusiveLockOnThePredictionsTableFailsItsCheckFastAsTransientNamingItAndTheRetryWritesAll()
          throws Exception {
    assertLockFailsFastThenRetrySucceeds(
        "gold.ml_game_predictions",
        "ACCESS EXCLUSIVE",
        "Cannot check the table gold.ml_game_predictions");
  }

  @Test
  void
      aLockThatBlocksWritesToThePredictionsTableFailsTheWriteFastWritingNothingAndTheRetryWritesAll()
          throws Exception {
    // SHARE: what CREATE INDEX or a LOCK TABLE for a consistent copy takes; reads go on, writes
    // wait
    assertLockFailsFastThenRetrySucceeds(
        "gold.ml_game_predictions",
        "SHARE",
        "Cannot write the predictions to gold.ml_game_predictions; nothing was written");
  }

  private void assertLockFailsFastThenRetrySucceeds(String table, String mode, String named)
      throws Exception {
    try (ScoringHandler function = ScoringHandler.create(env, Clock.systemUTC());
        Connection holder = pipeline.database().connect()) {
      holder.setAutoCommit(false);
      try (Statement st = holder.createStatement()) {
        st.execute("LOCK TABLE " + table + " IN " + mode + " MODE");
      }
      long start = System.nanoTime();
      assertThatThrownBy(() -> Invoke.handler(function, EVENT))
          .isInstanceOf(TransientException.class)
          .hasMessageContaining(named)
          .hasMessageContaining("lock timeout")
          .hasMessageContaining("SQLSTATE 55P03")
          .hasMessageContaining("DB_LOCK_TIMEOUT_SECONDS");
      // the bound is 1 s; without it the run waited for the lock until the socket timeout (300 s)
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
      assertThat(lockHeld(table, mode)).as("the other session still holds its lock").isTrue();
      holder.rollback(); // released
      assertThat(pipeline.predictions()).isEmpty();

      JsonNode retry = Invoke.handler(function, EVENT);
      assertThat(retry.get("games_scored").asInt()).isEqualTo(6);
    }
    assertThat(pipeline.predictions()).hasSize(6);
  }

  @Test
  void
      aStatementRunningLongerThanTheStatementTimeoutIsCutOffAsTransientNamingTheSettingAndWritesNothing()
          throws Exception {
    pipeline
        .database()
        .execute(
            """
        CREATE FUNCTION slow_insert() RETURNS trigger AS $$ BEGIN PERFORM pg_sleep(1); RETURN NEW; END $$ LANGUAGE plpgsql;
        CREATE TRIGGER slow BEFORE INSERT ON gold.ml_game_predictions FOR EACH ROW EXECUTE FUNCTION slow_insert();
        """);
    try (ScoringHandler function = ScoringHandler.create(env, Clock.systemUTC())) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> Invoke.handler(function, EVENT))
          .isInstanceOf(TransientException.class)
          .hasMessageContaining(
              "Cannot write the predictions to gold.ml_game_predictions; nothing was written")
          .hasMessageContaining("statement timeout")
          .hasMessageContaining("DB_STATEMENT_TIMEOUT_SECONDS");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
    assertThat(pipeline.predictions()).isEmpty();
  }

  private boolean lockHeld(String table, String mode) {
    String lock = mode.equals("SHARE") ? "ShareLock" : "AccessExclusiveLock";
    return !pipeline
        .query(
            "SELECT 1 FROM pg_locks WHERE relation = '"
                + table
                + "'::regclass"
                + " AND mode = '"
                + lock
                + "' AND granted")
        .isEmpty();
  }
}
