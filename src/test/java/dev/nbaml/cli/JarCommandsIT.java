package dev.nbaml.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nbaml.testing.JarRunner;
import dev.nbaml.testing.MigrationFiles;
import dev.nbaml.testing.PipelineFixture;
import dev.nbaml.testing.TestGames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar's commands, run as a user runs them: a new JVM, configuration in the
 * environment.
 */
class JarCommandsIT {
  static JarRunner.Result run(Map<String, String> env, String... args) throws Exception {
    return JarRunner.run(env, args);
  }

  PipelineFixture pipeline;

  @BeforeEach
  void setUp() {
    pipeline = new PipelineFixture().publishModel(PipelineFixture.LEGACY_MODEL);
  }

  @AfterEach
  void tearDown() {
    pipeline.close();
  }

  @Test
  void migrateThenInvokeScoresTheGamesAndExitsZero() throws Exception {
    JarRunner.Result migrate = run(pipeline.env(), "migrate");
    assertThat(migrate.exitCode()).as(migrate.stderr()).isZero();
    assertThat(migrate.stdout()).contains(MigrationFiles.count() + " migration(s) applied");
    assertThat(run(pipeline.env(), "migrate").stdout()).contains("0 migration(s) applied");

    pipeline.insertGames(TestGames.slate(21, LocalDate.of(2024, 1, 15), 4));
    JarRunner.Result invoke =
        run(pipeline.env(), "invoke", "--event", "events/step-functions.json");

    assertThat(invoke.exitCode()).as(invoke.stderr()).isZero();
    JsonNode summary = invoke.json();
    assertThat(summary.get("status").asText()).isEqualTo("SCORED");
    assertThat(summary.get("games_scored").asInt()).isEqualTo(4);
    assertThat(pipeline.predictions()).hasSize(4);
  }

  @Test
  void aFailedRunExitsOneWithTheReasonAndAWrongConfigurationExitsTwoNamingTheVariable()
      throws Exception {
    JarRunner.Result noTable = run(pipeline.env(), "invoke");
    assertThat(noTable.exitCode()).isEqualTo(1);
    assertThat(noTable.json().get("status").asText()).isEqualTo("FAILED");

    Map<String, String> env = new java.util.HashMap<>(pipeline.env());
    env.put("DB_SECRET_ID", "");
    env.put("PREDICTIONS_TABLE", "gold.x;drop");
    JarRunner.Result badConfig = run(env, "invoke");
    assertThat(badConfig.exitCode()).isEqualTo(2);
    assertThat(badConfig.stderr())
        .contains("DB_SECRET_ID is required")
        .contains("PREDICTIONS_TABLE:");
  }

  @Test
  void noPasswordSecretOrCredentialUrlReachesTheOutputOfSucceedingOrFailingRuns() throws Exception {
    run(pipeline.env(), "migrate");
    pipeline.insertGames(TestGames.slate(22, LocalDate.of(2024, 1, 15), 3));
    Map<String, String> env = new java.util.HashMap<>(pipeline.env());
    env.put("LOG_FORMAT", "json");
    env.put("LOG_LEVEL", "DEBUG");
    String password = pipeline.database().password();

    JarRunner.Result ok = run(env, "invoke", "--event", "events/step-functions.json");
    assertThat(ok.exitCode()).as(ok.stderr()).isZero();
    assertThat(ok.stderr()).contains("\"message\"").contains("Scored");

    pipeline.database().rotatePassword("the-new-password-" + System.nanoTime());
    JarRunner.Result refused = run(env, "invoke", "--event", "events/step-functions.json");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.stdout()).contains("refused, also with the credentials fetched again");

    String leaky = "{\"username\": \"app\", \"password\": \"" + password + "\", \"host\": ";
    pipeline.putSecret(leaky);
    JarRunner.Result malformed = run(env, "invoke");
    assertThat(malformed.exitCode()).isEqualTo(1);
    assertThat(malformed.stdout()).contains("is not JSON");

    for (JarRunner.Result r : List.of(ok, refused, malformed)) {
      String all = r.stdout() + r.stderr();
      assertThat(all)
          .doesNotContain(password)
          .doesNotContain("\"password\"")
          .doesNotContainPattern("jdbc:postgresql://[^\\s]*password")
          .doesNotContain("PGPASSWORD");
    }
  }

  @Test
  void importLegacyWritesALoadableArtifactAndEveryCommandHasHelpAndTheJarItsVersion(
      @TempDir Path dir) throws Exception {
    Path coefficients = dir.resolve("coef.json");
    Files.writeString(
        coefficients,
        "{\"features\": [\"home_team_rank\", \"away_team_rank\"], \"coef\": [-0.05, 0.05], \"intercept\": 0.2}",
        StandardCharsets.UTF_8);
    JarRunner.Result imported =
        run(
            Map.of(),
            "import-legacy",
            "--coefficients",
            coefficients.toString(),
            "--out",
            dir.resolve("m").toString());
    assertThat(imported.exitCode()).as(imported.stderr()).isZero();
    assertThat(
            dev.nbaml.model.ModelArtifacts.read(dir.resolve("m"))
                .homeWinProbability(new double[] {1, 30}))
        .isCloseTo(
            1 / (1 + Math.exp(-(0.2 - 0.05 + 1.5))), org.assertj.core.data.Offset.offset(1e-12));

    JarRunner.Result version = run(Map.of(), "-V");
    assertThat(version.exitCode()).isZero();
    assertThat(version.stdout().strip()).isEqualTo("ml-pipeline " + BuildVersionTest.pomVersion());

    for (String command :
        List.of(
            "invoke",
            "migrate",
            "import-legacy",
            "train",
            "evaluate",
            "publish",
            "promote",
            "report")) {
      JarRunner.Result help = run(Map.of(), command, "--help");
      assertThat(help.exitCode()).isZero();
      assertThat(help.stdout()).contains("Usage: ml-pipeline " + command);
    }
  }
}
