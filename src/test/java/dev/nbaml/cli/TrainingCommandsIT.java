package dev.nbaml.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nbaml.core.GameFeatures;
import dev.nbaml.history.History;
import dev.nbaml.history.LabeledGame;
import dev.nbaml.model.ModelArtifacts;
import dev.nbaml.model.TribuoWinModel;
import dev.nbaml.testing.JarRunner;
import dev.nbaml.testing.PipelineFixture;
import dev.nbaml.testing.SharedData;
import dev.nbaml.testing.TestGames;
import dev.nbaml.util.Json;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train and evaluate on the real games in ../shared/data, through the packaged jar. */
@org.junit.jupiter.api.Tag("shared-data")
class TrainingCommandsIT {
  static final Path GAMES = SharedData.file("games_2007-08_to_2022-23.csv");
  static final Path DEFAULT_MODEL = Path.of("model-artifacts/nba-winner/1.1.0");

  @Test
  void trainingOnTheSharedGamesReproducesTheCommittedDefaultModelByteForByte(@TempDir Path dir)
      throws Exception {
    JarRunner.Result train =
        JarRunner.run(
            Map.of(),
            "train",
            "--games",
            GAMES.toString(),
            "--validation-season",
            "2022-23",
            "--out",
            dir.toString());

    assertThat(train.exitCode()).as(train.stderr()).isZero();
    TribuoWinModel committed = ModelArtifacts.read(DEFAULT_MODEL);
    TribuoWinModel retrained = ModelArtifacts.read(dir);
    assertThat(retrained.card().modelSha256()).isEqualTo(committed.card().modelSha256());
    JsonNode model = train.json().get("model");
    assertThat(model.get("accuracy").asDouble()).isGreaterThanOrEqualTo(0.66);
    assertThat(model.get("brier").asDouble()).isLessThanOrEqualTo(0.216);
    assertThat(model.get("accuracy").asDouble())
        .isGreaterThan(
            train.json().get("baselines").get("legacy_model").get("accuracy").asDouble());
    assertThat(committed.card().evaluation().get("model")).isEqualTo(model);
  }

  @Test
  void evaluatePrintsTheMetricsAndBaselinesOfAnySeasonAsJsonOrATable() throws Exception {
    JarRunner.Result json =
        JarRunner.run(
            Map.of(),
            "evaluate",
            "--model",
            DEFAULT_MODEL.toString(),
            "--games",
            GAMES.toString(),
            "--season",
            "2021-22");
    assertThat(json.exitCode()).as(json.stderr()).isZero();
    JsonNode report = json.json();
    assertThat(report.get("games").asText()).isEqualTo("2021-22 regular season");
    assertThat(report.get("model").get("games").asInt()).isEqualTo(1230);
    assertThat(report.get("baselines").fieldNames())
        .toIterable()
        .containsExactly("home_team", "better_win_pct", "moneyline_favourite", "legacy_model");
    assertThat(report.get("calibration")).hasSize(10);

    JarRunner.Result table =
        JarRunner.run(
            Map.of(),
            "evaluate",
            "--model",
            DEFAULT_MODEL.toString(),
            "--games",
            GAMES.toString(),
            "--season",
            "2022-23",
            "--format",
            "table");
    assertThat(table.stdout())
        .contains("2022-23 regular season, 1230 games")
        .contains("nba-winner@1.1.0")
        .contains("moneyline favourite")
        .contains("calibration");

    JarRunner.Result missing =
        JarRunner.run(
            Map.of(),
            "evaluate",
            "--model",
            DEFAULT_MODEL.toString(),
            "--games",
            GAMES.toString(),
            "--season",
            "2030-31");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.stderr()).contains("No regular-season games of 2030-31");
  }

  @Test
  void aModelThatMissesTheGateIsNotWrittenAndTheExitCodeSaysSo(@TempDir Path dir) throws Exception {
    JarRunner.Result train =
        JarRunner.run(
            Map.of(),
            "train",
            "--games",
            GAMES.toString(),
            "--validation-season",
            "2022-23",
            "--min-accuracy",
            "0.9",
            "--out",
            dir.resolve("m").toString());

    assertThat(train.exitCode()).isEqualTo(1);
    assertThat(train.stderr()).contains("Quality gate failed").contains("is below the minimum 0.9");
    assertThat(dir.resolve("m")).doesNotExist();
  }

  @Test
  void trainingFromTheAuditTableUsesTheLatestCopyOfEachPlayedGame(@TempDir Path dir)
      throws Exception {
    History history = History.fromCsv(List.of(GAMES));
    List<LabeledGame> recent =
        history.labeled().stream()
            .filter(
                g -> g.season().compareTo("2019-20") >= 0 && g.season().compareTo("2021-22") <= 0)
            .toList();
    try (PipelineFixture pipeline = new PipelineFixture()) {
      try (Connection c = pipeline.database().connect()) {
        TestGames.insert(
            c,
            "silver.ml_game_features_audit",
            recent.stream().map(LabeledGame::features).toList());
        try (PreparedStatement ps =
            c.prepareStatement(
                "UPDATE silver.ml_game_features_audit SET outcome = ? WHERE home_team = ? AND game_date = ?")) {
          for (LabeledGame g : recent) {
            GameFeatures f = g.features();
            ps.setInt(1, g.homeWin());
            ps.setString(2, f.homeTeam());
            ps.setObject(3, f.gameDate());
            ps.addBatch();
          }
          ps.executeBatch();
        }
      }
      // An older copy of each training-season game with the opposite outcome: only the latest copy
      // counts. Read from the older copies, the model would learn the reverse of the games and
      // score
      // far below 0.5 on the (single-copy) validation season.
      pipeline
          .database()
          .execute(
              "INSERT INTO silver.ml_game_features_audit"
                  + " SELECT home_team, away_team, home_moneyline, away_moneyline, game_date, home_team_rank, home_days_rest,"
                  + " home_team_avg_pts_scored, home_team_avg_pts_scored_opp, home_team_win_pct, home_team_win_pct_last10,"
                  + " home_is_top_players, away_team_rank, away_days_rest, away_team_avg_pts_scored, away_team_avg_pts_scored_opp,"
                  + " away_team_win_pct, away_team_win_pct_last10, away_is_top_players, 1 - outcome, audit_inserted_at - interval '1 day'"
                  + " FROM silver.ml_game_features_audit WHERE game_date < date '2021-07-01'");

      JarRunner.Result train =
          JarRunner.run(
              pipeline.env(),
              "train",
              "--from-db",
              "--validation-season",
              "2021-22",
              "--out",
              dir.toString(),
              "--legacy-model",
              "none");

      assertThat(train.exitCode()).as(train.stderr()).isZero();
      TribuoWinModel model = ModelArtifacts.read(dir);
      assertThat(model.card().training().get("data").asText())
          .isEqualTo("database table silver.ml_game_features_audit");
      assertThat(model.card().training().get("seasons").asText()).isEqualTo("2020-21 to 2020-21");
      assertThat(Json.MAPPER.readTree(train.stdout()).get("model").get("accuracy").asDouble())
          .isGreaterThan(0.64);
    }
  }
}
