package dev.nbaml.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nbaml.aws.S3ModelRegistry;
import dev.nbaml.config.ModelSettings;
import dev.nbaml.config.S3Location;
import dev.nbaml.testing.JarRunner;
import dev.nbaml.testing.PipelineFixture;
import dev.nbaml.testing.TestGames;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code promote --if-better} through the jar, against PostgreSQL and the S3 emulator, on generated
 * settled seasons (fixed seed): each game's outcome is drawn from a known probability, the live
 * rows and the candidate's shadow rows are that probability seen through noise of their own.
 */
class PromoteIfBetterIT {
  static final String LIVE = "nba-winner@1.0.0";
  static final String CANDIDATE = "nba-winner@1.1.0";

  PipelineFixture pipeline;
  S3ModelRegistry registry;
  Map<String, String> env;
  String root;

  @BeforeEach
  void setUp() {
    pipeline = new PipelineFixture().migrate();
    root = "s3://" + pipeline.bucket() + "/registry/";
    registry =
        new S3ModelRegistry(
            pipeline.s3(),
            S3Location.parse(root),
            Clock.systemUTC(),
            ModelSettings.DEFAULT_MAX_BYTES);
    registry.publish(Path.of("model-artifacts/nba-winner/1.0.0"));
    registry.publish(Path.of("model-artifacts/nba-winner/1.1.0"));
    registry.promote("nba-winner", "1.0.0", "current");
    registry.promote("nba-winner", "1.1.0", "candidate");
    env = new HashMap<>(pipeline.env());
  }

  @AfterEach
  void tearDown() {
    pipeline.close();
  }

  /**
   * {@code games} settled games from 2022-10-18 on, 15 a day; live and candidate with their own
   * noise.
   */
  void settledSeason(long seed, int games, double liveNoise, double candidateNoise)
      throws Exception {
    Random r = new Random(seed);
    LocalDate first = LocalDate.of(2022, 10, 18);
    try (Connection c = pipeline.database().connect();
        PreparedStatement live = c.prepareStatement(insert("gold.ml_game_predictions"));
        PreparedStatement shadow = c.prepareStatement(insert("gold.ml_shadow_predictions"));
        PreparedStatement outcome =
            c.prepareStatement(
                "INSERT INTO silver.ml_game_features_audit (home_team, away_team, game_date, outcome) VALUES (?, ?, ?, ?)")) {
      for (int i = 0; i < games; i++) {
        String home = TestGames.TEAMS.get(2 * (i % 15));
        String away = TestGames.TEAMS.get(2 * (i % 15) + 1);
        LocalDate date = first.plusDays(i / 15);
        double q = 0.2 + 0.6 * r.nextDouble();
        int y = r.nextDouble() < q ? 1 : 0;
        row(live, home, away, date, clip(q + liveNoise * r.nextGaussian()), LIVE);
        row(shadow, home, away, date, clip(q + candidateNoise * r.nextGaussian()), CANDIDATE);
        outcome.setString(1, home);
        outcome.setString(2, away);
        outcome.setObject(3, date);
        outcome.setInt(4, y);
        outcome.addBatch();
      }
      live.executeBatch();
      shadow.executeBatch();
      outcome.executeBatch();
    }
  }

  static String insert(String table) {
    return "INSERT INTO "
        + table
        + " (home_team, away_team, game_date, home_moneyline, away_moneyline,"
        + " home_team_predicted_win_pct, away_team_predicted_win_pct, model_version) VALUES (?, ?, ?, -150, 130, ?, ?, ?)";
  }

  static void row(
      PreparedStatement ps, String home, String away, LocalDate date, double p, String version)
      throws Exception {
    ps.setString(1, home);
    ps.setString(2, away);
    ps.setObject(3, date);
    ps.setDouble(4, p);
    ps.setDouble(5, Math.round((1 - p) * 1000) / 1000.0);
    ps.setString(6, version);
    ps.addBatch();
  }

  static double clip(double p) {
    return Math.round(Math.min(0.99, Math.max(0.01, p)) * 1000) / 1000.0;
  }

  JarRunner.Result promote(String... extra) throws Exception {
    String[] args = new String[5 + extra.length];
    System.arraycopy(
        new String[] {"promote", "--registry", root, "--name", "nba-winner"}, 0, args, 0, 5);
    System.arraycopy(extra, 0, args, 5, extra.length);
    return JarRunner.run(env, args);
  }

  String current() {
    return registry.alias("nba-winner", "current").orElseThrow().version();
  }

  @Test
  void refusesWithTooFewGamesAndChangesNothing() throws Exception {
    settledSeason(11, 150, 0.15, 0.03);

    JarRunner.Result result = promote("--if-better");

    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(1);
    assertThat(result.stderr())
        .contains(
            "Not promoted: nba-winner@1.1.0 against nba-winner@1.0.0: too few games: 150"
                + " settled games were scored by both, at least 200 are needed");
    assertThat(current()).isEqualTo("1.0.0");

    env.put("PROMOTE_MIN_GAMES", "100");
    JarRunner.Result withSetting = promote("--if-better", "--min-games", "151");
    assertThat(withSetting.exitCode()).isEqualTo(1);
    assertThat(withSetting.stderr()).contains("too few games: 150").contains("at least 151");
  }

  @Test
  void refusesACandidateThatIsNotBetter() throws Exception {
    settledSeason(12, 1230, 0.03, 0.15);

    JarRunner.Result result = promote("--if-better");

    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(1);
    assertThat(result.stderr()).contains("not better: the candidate's Brier score");
    assertThat(current()).isEqualTo("1.0.0");
  }

  @Test
  void promotesATrulyBetterCandidateAndRollbackStillWorks() throws Exception {
    settledSeason(13, 1230, 0.15, 0.03);

    JarRunner.Result result = promote("--if-better");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout())
        .contains("Alias current of nba-winner -> 1.1.0 (previous: 1.0.0)")
        .contains("better: Brier")
        .contains("on 1230 games");
    assertThat(current()).isEqualTo("1.1.0");

    JarRunner.Result rollback = promote("--rollback");
    assertThat(rollback.exitCode()).as(rollback.stderr()).isZero();
    assertThat(current()).isEqualTo("1.0.0");
  }

  @Test
  void refusesWhenTheCandidateAliasDoesNotExist() throws Exception {
    settledSeason(14, 300, 0.15, 0.03);

    JarRunner.Result result = promote("--if-better", "--candidate-alias", "challenger");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .contains("no candidate: alias challenger of nba-winner does not exist");
    assertThat(current()).isEqualTo("1.0.0");
  }
}
