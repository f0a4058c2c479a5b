package dev.nbaml.explanations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nbaml.config.Config;
import dev.nbaml.core.GameFeatures;
import dev.nbaml.core.TeamFeatures;
import dev.nbaml.lambda.ScoringHandler;
import dev.nbaml.lambda.Wiring;
import dev.nbaml.model.ModelArtifacts;
import dev.nbaml.model.TribuoWinModel;
import dev.nbaml.monitoring.MonitoringReport;
import dev.nbaml.testing.Invoke;
import dev.nbaml.testing.PipelineFixture;
import dev.nbaml.testing.TestGames;
import dev.nbaml.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every row written, by a run or a backfill, with the default model or the imported legacy one,
 * carries an explanation that gives its stored probability back, and the report tells the latest
 * slate's picks with their reasons in words. Through the real path: the function, PostgreSQL, the
 * S3 emulator.
 */
class ExplanationsIT {
  static final LocalDate DAY = LocalDate.of(2030, 1, 15);
  static final LocalDate HISTORY = LocalDate.of(2023, 1, 1);

  /** The slate of a run: generated games, and games without a real line and on a back-to-back. */
  static List<GameFeatures> slate() {
    List<GameFeatures> games = new ArrayList<>(TestGames.slate(14, DAY, 12));
    GameFeatures a = games.remove(0);
    GameFeatures b = games.remove(0);
    GameFeatures c = games.remove(0);
    games.add(withLines(a, 100.0, 100.0, 0.0)); // dbt's placeholder: scored on team form
    games.add(withLines(b, null, 140.0, 1.0)); // one side only
    games.add(
        withLines(c, c.home().moneyline(), c.away().moneyline(), 0.0)); // home on a back-to-back
    return games;
  }

  static GameFeatures withLines(GameFeatures g, Double home, Double away, double homeRest) {
    TeamFeatures h = g.home();
    TeamFeatures w = g.away();
    return new GameFeatures(
        g.homeTeam(),
        g.awayTeam(),
        g.gameDate(),
        new TeamFeatures(
            h.rank(),
            homeRest,
            h.avgPtsScored(),
            h.avgPtsAllowed(),
            h.winPct(),
            h.winPctLast10(),
            h.topPlayers(),
            home),
        new TeamFeatures(
            w.rank(),
            w.daysRest(),
            w.avgPtsScored(),
            w.avgPtsAllowed(),
            w.winPct(),
            w.winPctLast10(),
            w.topPlayers(),
            away));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "model-artifacts/nba-winner/1.1.0",
        "model-artifacts/legacy-logistic-regression/1.0.0"
      })
  void everyRowOfARunAndOfABackfillHasAnExplanationThatGivesItsProbabilityBack(
      String modelDir, @TempDir Path out) throws Exception {
    TribuoWinModel model = ModelArtifacts.read(Path.of(modelDir));
    try (PipelineFixture pipeline =
        new PipelineFixture().migrate().publishModel(Path.of(modelDir))) {
      List<GameFeatures> live = slate();
      pipeline.insertGames(live);
      List<GameFeatures> history = new ArrayList<>();
      for (int d = 0; d < 10; d++) {
        history.addAll(TestGames.slate(300 + d, HISTORY.plusDays(d), 8));
      }
      try (Connection c = pipeline.database().connect()) {
        TestGames.insert(c, "silver.ml_game_features_audit", history);
      }

      try (ScoringHandler function = ScoringHandler.create(pipeline.env(), Clock.systemUTC())) {
        JsonNode run = Invoke.handler(function, "{\"run_date\": \"" + DAY + "\"}");
        assertThat(run.get("games_scored").asInt()).isEqualTo(live.size());
        JsonNode backfill =
            Invoke.handler(
                function,
                "{\"backfill\": {\"from\": \""
                    + HISTORY
                    + "\", \"to\": \""
                    + HISTORY.plusDays(9)
                    + "\"}}");
        assertThat(backfill.get("games_scored").asLong()).isEqualTo(history.size());
      }

      List<Map<String, Object>> rows =
          pipeline.query(
              "SELECT home_team, game_date, home_team_predicted_win_pct, explanation::text AS explanation,"
                  + " jsonb_typeof(explanation) AS type FROM gold.ml_game_predictions ORDER BY game_date, home_team");
      assertThat(rows).hasSize(live.size() + history.size());
      for (Map<String, Object> row : rows) {
        String which = modelDir + ": " + row.get("home_team") + " " + row.get("game_date");
        assertThat(row.get("type")).as(which).isEqualTo("object");
        JsonNode e = Json.MAPPER.readTree((String) row.get("explanation"));
        assertThat(e.get("model_version").asText()).as(which).isEqualTo(model.version());
        double logOdds = e.get("base").asDouble();
        List<String> features = new ArrayList<>();
        for (Map.Entry<String, JsonNode> c : e.get("contributions").properties()) {
          features.add(c.getKey());
          logOdds += c.getValue().asDouble();
        }
        assertThat(features).as(which).containsExactlyInAnyOrderElementsOf(model.featureNames());
        double stored = ((Number) row.get("home_team_predicted_win_pct")).doubleValue();
        assertThat(Math.abs(1 / (1 + Math.exp(-logOdds)) - stored))
            .as(which)
            .isLessThanOrEqualTo(0.0005);
      }

      // The report: the latest slate (the run's date), each game's pick and three reasons in words.
      MonitoringReport.Input input =
          Wiring.report(Config.function(pipeline.env()), Clock.systemUTC(), Optional.empty());
      assertThat(input.slate()).hasSize(live.size());
      String html = Files.readString(MonitoringReport.write(out, input));
      String section = html.substring(html.indexOf("<h2 id=\"slate\">"));
      assertThat(section).contains(DAY.toString());
      for (GameFeatures g : live) {
        int at = section.indexOf(g.awayTeam() + " @ " + g.homeTeam());
        assertThat(at).as(g.key().toString()).isPositive();
        String row = section.substring(at, section.indexOf("</tr>", at));
        assertThat(row.split("<li>", -1)).as(row).hasSize(4);
        assertThat(row).contains("favours ");
      }
      if (model.featureNames().contains("market_logit")) {
        assertThat(section)
            .containsPattern("the line makes the (home|away) team a \\d+% favourite");
      } else {
        assertThat(section).containsPattern("the (home|away) team (ranks|scores|allows|has|won)");
      }
    }
  }
}
