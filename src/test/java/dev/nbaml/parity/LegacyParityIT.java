package dev.nbaml.parity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nbaml.core.GameFeatures;
import dev.nbaml.core.TeamFeatures;
import dev.nbaml.lambda.ScoringHandler;
import dev.nbaml.model.LegacyImport;
import dev.nbaml.model.ModelArtifacts;
import dev.nbaml.testing.PipelineFixture;
import dev.nbaml.testing.SharedData;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drop-in parity: the Python job's coefficients, imported with {@code import-legacy} and run
 * through the real read-score-write path, give the Python job's own 2022-23 predictions to 3
 * decimals.
 */
@org.junit.jupiter.api.Tag("shared-data")
class LegacyParityIT {

  record LegacyRow(GameFeatures game, double home, double away) {}

  @Test
  void theImportedLegacyModelReproducesEveryLegacyPredictionThroughTheWholePipeline(
      @TempDir Path dir) throws Exception {
    LegacyImport.Coefficients coefficients =
        LegacyImport.Coefficients.parse(
            Files.readAllBytes(SharedData.file("legacy_model_coefficients.json")));
    Instant at = Instant.parse("2024-01-01T00:00:00Z");
    ModelArtifacts.write(
        dir,
        LegacyImport.model(coefficients, at),
        LegacyImport.card(coefficients, "legacy-logistic-regression", "1.0.0", at));
    List<LegacyRow> legacy = read(SharedData.file("legacy_pipeline_games_2022-23.csv"));
    assertThat(legacy).hasSize(1266);
    LocalDate first =
        legacy.stream().map(r -> r.game().gameDate()).min(LocalDate::compareTo).orElseThrow();

    try (PipelineFixture pipeline = new PipelineFixture().migrate().publishModel(dir)) {
      pipeline.insertGames(legacy.stream().map(LegacyRow::game).toList());
      JsonNode summary;
      try (ScoringHandler env = ScoringHandler.create(pipeline.env(), Clock.systemUTC())) {
        summary = dev.nbaml.testing.Invoke.handler(env, "{\"run_date\": \"" + first + "\"}");
      }

      assertThat(summary.get("games_scored").asInt()).isEqualTo(1257);
      assertThat(summary.get("games_rejected").asInt()).isEqualTo(9);
      for (JsonNode rejected : summary.get("rejected")) {
        assertThat(rejected.get("reason").asText()).isEqualTo("OUT_OF_RANGE");
        assertThat(rejected.get("detail").asText())
            .matches(".*_is_top_players = -1 is not between 0 and 2.*");
      }

      Map<String, LegacyRow> expected = new HashMap<>();
      legacy.forEach(r -> expected.put(r.game().homeTeam() + "|" + r.game().gameDate(), r));
      List<Map<String, Object>> written = pipeline.predictions();
      assertThat(written).hasSize(1257);
      for (Map<String, Object> row : written) {
        LegacyRow want = expected.get(row.get("home_team") + "|" + row.get("game_date"));
        assertThat(((Number) row.get("home_team_predicted_win_pct")).doubleValue())
            .as("P(home win) of %s", want.game().key())
            .isCloseTo(want.home(), within(1e-9));
        assertThat(((Number) row.get("away_team_predicted_win_pct")).doubleValue())
            .as("P(away win) of %s", want.game().key())
            .isCloseTo(want.away(), within(1e-9));
      }
    }
  }

  private static List<LegacyRow> read(Path csv) throws Exception {
    List<LegacyRow> rows = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(csv)) {
      List<String> header = List.of(in.readLine().split(","));
      String line;
      while ((line = in.readLine()) != null) {
        String[] f = line.split(",", -1);
        Map<String, String> v = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
          v.put(header.get(i), f[i]);
        }
        rows.add(
            new LegacyRow(
                new GameFeatures(
                    v.get("home_team"),
                    v.get("away_team"),
                    LocalDate.parse(v.get("proper_date")),
                    team(v, "home"),
                    team(v, "away")),
                Double.parseDouble(v.get("home_team_predicted_win_pct")),
                Double.parseDouble(v.get("away_team_predicted_win_pct"))));
      }
    }
    return rows;
  }

  private static TeamFeatures team(Map<String, String> v, String side) {
    String ml = v.get(side + "_moneyline");
    return new TeamFeatures(
        Double.parseDouble(v.get(side + "_team_rank")),
        Double.parseDouble(v.get(side + "_days_rest")),
        Double.parseDouble(v.get(side + "_team_avg_pts_scored")),
        Double.parseDouble(v.get(side + "_team_avg_pts_scored_opp")),
        Double.parseDouble(v.get(side + "_team_win_pct")),
        Double.parseDouble(v.get(side + "_team_win_pct_last10")),
        Double.parseDouble(v.get(side + "_is_top_players")),
        ml.isEmpty() ? null : Double.parseDouble(ml));
  }
}
