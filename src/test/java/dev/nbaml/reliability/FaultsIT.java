package dev.nbaml.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nbaml.aws.SecretsManagerCredentials;
import dev.nbaml.config.TableName;
import dev.nbaml.core.GameFeatureReader;
import dev.nbaml.core.GameFeatures;
import dev.nbaml.core.ModelProvider;
import dev.nbaml.core.ModelUnavailableException;
import dev.nbaml.core.RunMonitor;
import dev.nbaml.core.RunRequest;
import dev.nbaml.core.ScoringRun;
import dev.nbaml.core.TransientException;
import dev.nbaml.db.Database;
import dev.nbaml.db.DatabaseException;
import dev.nbaml.db.JdbcGameFeatureReader;
import dev.nbaml.db.JdbcPredictionWriter;
import dev.nbaml.lambda.ScoringHandler;
import dev.nbaml.model.ModelArtifacts;
import dev.nbaml.model.TribuoWinModel;
import dev.nbaml.testing.PipelineFixture;
import dev.nbaml.testing.TestGames;
import dev.nbaml.testing.TestServices;
import dev.nbaml.util.Hashing;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Faults against the real database and S3/Secrets Manager emulator: nothing is ever half written,
 * the error says what happened, and its type tells Step Functions whether to retry.
 */
class FaultsIT {
  static final LocalDate DAY = LocalDate.of(2024, 1, 15);
  static final RunRequest REQUEST = new RunRequest("fault", DAY, "manual");
  static final TribuoWinModel MODEL = ModelArtifacts.read(PipelineFixture.LEGACY_MODEL);

  PipelineFixture pipeline;

  @BeforeEach
  void setUp() {
    pipeline = new PipelineFixture().migrate().publishModel(PipelineFixture.LEGACY_MODEL);
    pipeline.insertGames(TestGames.slate(41, DAY, 6));
  }

  @AfterEach
  void tearDown() {
    adminExecute("ALTER ROLE " + pipeline.database().user() + " CONNECTION LIMIT -1");
    pipeline.close();
  }

  Database database() {
    return new Database(
        new SecretsManagerCredentials(TestServices.get().secretsManager(), pipeline.secretId()),
        "disable",
        Duration.ofSeconds(3));
  }

  /** The real adapters, with a hook between the read and the write. */
  ScoringRun run(Database db, Runnable afterRead) {
    JdbcGameFeatureReader real =
        new JdbcGameFeatureReader(
            db, TableName.parse("silver.ml_game_features"), TableName.parse("gold.feature_flags"));
    GameFeatureReader reader =
        new GameFeatureReader() {
          @Override
          public Optional<Boolean> seasonEnabled() {
            return real.seasonEnabled();
          }

          @Override
          public int countStaleGames(LocalDate d) {
            return real.countStaleGames(d);
          }

          @Override
          public List<GameFeatures> upcomingGames(LocalDate d) {
            List<GameFeatures> games = real.upcomingGames(d);
            afterRead.run();
            return games;
          }
        };
    return new ScoringRun(
        () -> new ModelProvider.Selection(MODEL, Optional.empty()),
        reader,
        new JdbcPredictionWriter(db, TableName.parse("gold.ml_game_predictions")),
        RunMonitor.NONE);
  }

  @Test
  void anUnreachableDatabaseAtTheStartIsATransientErrorThatNamesItAndWritesNothing() {
    pipeline.putSecret(
        pipeline
            .database()
            .secretJson()
            .replace("\"port\": " + TestServices.get().pg().port(), "\"port\": 1"));
    try (Database db = database()) {
      assertThatThrownBy(() -> run(db, () -> {}).run(REQUEST))
          .isInstanceOf(TransientException.class)
          .hasMessageContaining("Cannot connect to jdbc:postgresql://")
          .hasMessageContaining(":1/")
          .satisfies(
              e -> assertThat(e.getMessage()).doesNotContain(pipeline.database().password()));
    }
    assertThat(pipeline.predictions()).isEmpty();
  }

  @Test
  void theDatabaseGoingAwayBetweenReadAndWriteIsTransientAndWritesNothingThenTheRetryWritesAll() {
    String role = pipeline.database().user();
    try (Database db = database()) {
      assertThatThrownBy(
              () ->
                  run(
                          db,
                          () -> {
                            pipeline
                                .database()
                                .execute(
                                    "SELECT 1"); // the owner's own session ends before the limit
                            // applies
                            adminExecute("ALTER ROLE " + role + " CONNECTION LIMIT 0");
                            adminExecute(
                                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '"
                                    + role
                                    + "'");
                          })
                      .run(REQUEST))
          .isInstanceOf(TransientException.class)
          .hasMessageContaining("terminating connection") // the next statement of the run meets it
          .hasMessageContaining("SQLSTATE 57P01");
    }
    adminExecute("ALTER ROLE " + role + " CONNECTION LIMIT -1");
    assertThat(pipeline.predictions()).isEmpty();

    try (Database db = database()) {
      assertThat(run(db, () -> {}).run(REQUEST).gamesScored()).isEqualTo(6);
    }
    assertThat(pipeline.predictions()).hasSize(6);
  }

  @Test
  void aWriteThatFailsHalfwayOnAConstraintWritesNothingAndIsNotRetried() {
    List<Map<String, Object>> rows =
        pipeline.query(
            "SELECT home_team FROM silver.ml_game_features ORDER BY home_team DESC LIMIT 1");
    String last = (String) rows.get(0).get("home_team");
    pipeline
        .database()
        .execute(
            "ALTER TABLE gold.ml_game_predictions ADD CONSTRAINT no_"
                + "last CHECK (home_team <> '"
                + last
                + "')");
    try (Database db = database()) {
      assertThatThrownBy(() -> run(db, () -> {}).run(REQUEST))
          .isInstanceOf(DatabaseException.class)
          .hasMessageContaining("nothing was written")
          .hasMessageContaining("no_last")
          .hasMessageContaining("23514");
    }
    assertThat(pipeline.predictions()).isEmpty();
  }

  @Test
  void aConnectionKilledDuringTheWriteWritesNothingAndIsTransient() throws Exception {
    pipeline
        .database()
        .execute(
            """
        CREATE FUNCTION slow_insert() RETURNS trigger AS $$ BEGIN PERFORM pg_sleep(2); RETURN NEW; END $$ LANGUAGE plpgsql;
        CREATE TRIGGER slow BEFORE INSERT ON gold.ml_game_predictions FOR EACH ROW EXECUTE FUNCTION slow_insert();
        """);
    String role = pipeline.database().user();
    ExecutorService killer = Executors.newSingleThreadExecutor();
    try (Database db = database()) {
      Future<?> kill =
          killer.submit(
              () -> {
                // killed once the write is seen running (each row's trigger holds it 2 s), not
                // after a guessed delay
                String killWrite =
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = '"
                        + role
                        + "' AND state = 'active' AND query LIKE 'INSERT INTO gold.ml_game_predictions%'";
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (adminCount(killWrite) == 0) {
                  if (System.nanoTime() > deadline) {
                    throw new AssertionError("The write never started");
                  }
                  Thread.onSpinWait();
                }
                return null;
              });
      assertThatThrownBy(() -> run(db, () -> {}).run(REQUEST))
          .isInstanceOf(TransientException.class)
          .hasMessageContaining("nothing was written");
      kill.get();
    } finally {
      killer.shutdownNow();
    }
    assertThat(pipeline.predictions()).isEmpty();
  }

  @Test
  void twoRunsForTheSameDayAtOnceEndAsOneRunWithoutDuplicatesOrDeadlocks() throws Exception {
    List<ScoringHandler> environments =
        List.of(
            ScoringHandler.create(pipeline.env(), Clock.systemUTC()),
            ScoringHandler.create(pipeline.env(), Clock.systemUTC()));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 10; round++) {
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<JsonNode>> runs = new ArrayList<>();
        for (ScoringHandler env : environments) {
          runs.add(
              pool.submit(
                  () -> {
                    start.await();
                    return invoke(env);
                  }));
        }
        for (Future<JsonNode> run : runs) {
          assertThat(run.get().get("games_scored").asInt()).isEqualTo(6);
        }
      }
    } finally {
      pool.shutdownNow();
      environments.forEach(ScoringHandler::close);
    }
    assertThat(pipeline.predictions()).hasSize(6);
    assertThat(
            pipeline
                .query(
                    "SELECT count(DISTINCT (home_team, game_date)) AS n FROM gold.ml_game_predictions")
                .get(0)
                .get("n"))
        .isEqualTo(6L);
  }

  @Test
  void aMissingSecretIsAClearErrorThatIsNotRetried() {
    Map<String, String> env = new HashMap<>(pipeline.env());
    env.put("DB_SECRET_ID", "nba/no-such-secret");
    try (ScoringHandler function = ScoringHandler.create(env, Clock.systemUTC())) {
      assertThatThrownBy(() -> invoke(function))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("Secret nba/no-such-secret (DB_SECRET_ID) does not exist");
    }
  }

  @Test
  void aTruncatedAnotherFormatOrMismatchedModelIsRefusedBeforeAnyWrite() throws Exception {
    byte[] model = Files.readAllBytes(PipelineFixture.LEGACY_MODEL.resolve("model.tribuo"));
    String card = Files.readString(PipelineFixture.LEGACY_MODEL.resolve("model-card.json"));
    String sha = Hashing.sha256(model);
    byte[] truncated = java.util.Arrays.copyOf(model, model.length - 100);
    byte[] onnxLike = "\u0008\u0007\u0012\u0004onnx".getBytes(StandardCharsets.UTF_8);
    Map<String, byte[]> variants =
        Map.of(
            "truncated", truncated,
            "another format", onnxLike);
    for (Map.Entry<String, byte[]> v : variants.entrySet()) {
      pipeline.putModelFile("model.tribuo", v.getValue());
      pipeline.putModelFile(
          "model-card.json",
          card.replace(sha, Hashing.sha256(v.getValue())).getBytes(StandardCharsets.UTF_8));
      try (ScoringHandler function = ScoringHandler.create(pipeline.env(), Clock.systemUTC())) {
        assertThatThrownBy(() -> invoke(function))
            .as(v.getKey())
            .isInstanceOf(ModelUnavailableException.class)
            .hasMessageContaining("is not a Tribuo protobuf model");
      }
    }
    pipeline.putModelFile("model.tribuo", model);
    pipeline.putModelFile(
        "model-card.json",
        card.replace("\"away_is_top_players\"", "\"away_team_rank_typo\"")
            .getBytes(StandardCharsets.UTF_8));
    try (ScoringHandler function = ScoringHandler.create(pipeline.env(), Clock.systemUTC())) {
      assertThatThrownBy(() -> invoke(function))
          .isInstanceOf(ModelUnavailableException.class)
          .hasMessageContaining("away_team_rank_typo");
    }
    assertThat(pipeline.predictions()).isEmpty();
  }

  @Test
  void s3ThrottlingOrGoneWhenWarmKeepsTheVerifiedModelAndSaysSoWhenColdFailsAsTransient()
      throws Exception {
    try (FaultyS3 s3 = new FaultyS3(TestServices.get().awsEndpoint())) {
      System.setProperty("aws.endpointUrlS3", s3.endpoint());
      try (ScoringHandler warm = ScoringHandler.create(pipeline.env(), Clock.systemUTC());
          ScoringHandler cold = ScoringHandler.create(pipeline.env(), Clock.systemUTC())) {
        assertThat(invoke(warm).get("warnings")).isEmpty();

        s3.mode = FaultyS3.Mode.THROTTLE;
        JsonNode throttled = invoke(warm);
        assertThat(throttled.get("games_scored").asInt()).isEqualTo(6);
        assertThat(throttled.get("warnings").get(0).asText())
            .contains("unreachable")
            .contains("scoring with legacy-logistic-regression@1.0.0");
        assertThatThrownBy(() -> invoke(cold))
            .isInstanceOf(TransientException.class)
            .hasMessageContaining("Cannot load the model");

        s3.stop();
        assertThat(invoke(warm).get("warnings").get(0).asText()).contains("unreachable");
        assertThatThrownBy(() -> invoke(cold)).isInstanceOf(TransientException.class);
      }
    } finally {
      System.clearProperty("aws.endpointUrlS3");
    }
  }

  @Test
  void aSlowS3IsCutOffByTheSdkTimeoutsInsideTheFunctionTimeout() throws Exception {
    try (FaultyS3 s3 = new FaultyS3(TestServices.get().awsEndpoint())) {
      s3.mode = FaultyS3.Mode.SLOW;
      System.setProperty("aws.endpointUrlS3", s3.endpoint());
      try (ScoringHandler cold = ScoringHandler.create(pipeline.env(), Clock.systemUTC())) {
        long start = System.nanoTime();
        assertThatThrownBy(() -> invoke(cold)).isInstanceOf(TransientException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
      }
    } finally {
      System.clearProperty("aws.endpointUrlS3");
    }
  }

  static JsonNode invoke(ScoringHandler function) throws Exception {
    return dev.nbaml.testing.Invoke.handler(function, "{\"run_date\": \"2024-01-15\"}");
  }

  static long adminCount(String sql) {
    try (var c = TestServices.get().pg().connect("postgres");
        var st = c.createStatement();
        var rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static void adminExecute(String sql) {
    try (var c = TestServices.get().pg().connect("postgres");
        var st = c.createStatement()) {
      st.execute(sql);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
