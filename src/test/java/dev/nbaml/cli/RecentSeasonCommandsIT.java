package dev.nbaml.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nbaml.testing.JarRunner;
import dev.nbaml.testing.RecentSeasonCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * evaluate and train, through the packaged jar, on a games file with the game types of 2023-24 on
 * (NBA Cup, its final, play-in, playoffs, exhibitions, an unknown type): the file is accepted, the
 * season's metrics count its regular-season games only, and the unknown type is a warning.
 */
class RecentSeasonCommandsIT {

  @Test
  void evaluateAndTrainAcceptASeasonWithCupAndPlayInGamesAndMeasureOnlyItsRegularSeason(
      @TempDir Path dir) throws Exception {
    RecentSeasonCsv.Csv csv = RecentSeasonCsv.generate();
    Path games = Files.writeString(dir.resolve("games_2021-22_to_2023-24.csv"), csv.text());

    JarRunner.Result evaluate =
        JarRunner.run(
            Map.of(),
            "evaluate",
            "--model",
            "model-artifacts/nba-winner/1.1.0",
            "--games",
            games.toString(),
            "--season",
            RecentSeasonCsv.LAST_SEASON);

    assertThat(evaluate.exitCode()).as(evaluate.stderr()).isZero();
    JsonNode report = evaluate.json();
    assertThat(report.get("games").asText()).isEqualTo("2023-24 regular season");
    assertThat(report.get("model").get("games").asInt()).isEqualTo(csv.lastSeasonRegularGames());
    assertThat(evaluate.stderr())
        .contains(
            "Warning: "
                + games
                + ": "
                + csv.unknownRows()
                + " games of the unknown game_type 'Summer League'")
        .contains("pre-season or All-Star (exhibitions) left out");

    JarRunner.Result train =
        JarRunner.run(
            Map.of(),
            "train",
            "--games",
            games.toString(),
            "--validation-season",
            RecentSeasonCsv.LAST_SEASON,
            "--legacy-model",
            "none",
            "--max-brier",
            "1",
            "--out",
            dir.resolve("model").toString());

    assertThat(train.exitCode()).as(train.stderr()).isZero();
    assertThat(train.json().get("model").get("games").asInt())
        .isEqualTo(csv.lastSeasonRegularGames());
    assertThat(train.stderr()).contains("unknown game_type 'Summer League'");
    assertThat(dir.resolve("model").resolve("model-card.json")).exists();

    byte[] card = Files.readAllBytes(dir.resolve("model").resolve("model-card.json"));
    JarRunner.Result again =
        JarRunner.run(
            Map.of(),
            "train",
            "--games",
            games.toString(),
            "--validation-season",
            RecentSeasonCsv.LAST_SEASON,
            "--legacy-model",
            "none",
            "--max-brier",
            "1",
            "--out",
            dir.resolve("model").toString());
    assertThat(again.exitCode()).as("a version is never overwritten").isEqualTo(2);
    assertThat(again.stderr())
        .contains(dir.resolve("model") + " already holds a model version")
        .contains("--force");
    assertThat(Files.readAllBytes(dir.resolve("model").resolve("model-card.json"))).isEqualTo(card);

    JarRunner.Result forced =
        JarRunner.run(
            Map.of(),
            "train",
            "--games",
            games.toString(),
            "--validation-season",
            RecentSeasonCsv.LAST_SEASON,
            "--legacy-model",
            "none",
            "--max-brier",
            "1",
            "--created-at",
            "2030-01-01T00:00:00Z",
            "--force",
            "--out",
            dir.resolve("model").toString());
    assertThat(forced.exitCode()).as(forced.stderr()).isZero();
    assertThat(Files.readString(dir.resolve("model").resolve("model-card.json")))
        .contains("2030-01-01T00:00:00Z");
  }
}
