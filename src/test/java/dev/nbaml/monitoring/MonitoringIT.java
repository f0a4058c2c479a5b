package dev.nbaml.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nbaml.core.GameFeatures;
import dev.nbaml.core.TeamFeatures;
import dev.nbaml.history.History;
import dev.nbaml.history.LabeledGame;
import dev.nbaml.lambda.ScoringHandler;
import dev.nbaml.testing.JarRunner;
import dev.nbaml.testing.PipelineFixture;
import dev.nbaml.testing.SharedData;
import dev.nbaml.testing.TestGames;
import dev.nbaml.training.Metrics;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Days of scoring followed by results: the performance table, the rolling figures, and a drift flag
 * raised by shifted data. Real 2022-23 feature rows, built point in time from ../shared/data.
 */
@Tag("shared-data")
class MonitoringIT {
  static final Path MODEL = Path.of("model-artifacts/nba-winner/1.0.0");
  static final LocalDate FIRST = LocalDate.of(2023, 1, 10);

  PipelineFixture pipeline;
  ScoringHandler function;
  Map<LocalDate, List<LabeledGame>> days = new TreeMap<>();

  @BeforeEach
  void setUp() throws Exception {
    pipeline = new PipelineFixture().migrate().publishModel(MODEL);
    Map<String, String> env = new HashMap<>(pipeline.env());
    env.put("ROLLING_WINDOW", "1000"); // every settled game, so the test can recompute the figures
    function = ScoringHandler.create(env, Clock.systemUTC());
    for (LabeledGame g :
        History.fromCsv(List.of(SharedData.file("games_2007-08_to_2022-23.csv"))).labeled()) {
      LocalDate d = g.features().gameDate();
      if (!d.isBefore(FIRST) && d.isBefore(FIRST.plusDays(24))) {
        days.computeIfAbsent(d, k -> new ArrayList<>()).add(g);
      }
    }
  }

  @AfterEach
  void tearDown() {
    function.close();
    pipeline.close();
  }

  JsonNode score(LocalDate runDate, List<GameFeatures> slate) throws Exception {
    pipeline.database().execute("DELETE FROM silver.ml_game_features");
    pipeline.insertGames(slate);
    try (Connection c = pipeline.database().connect()) {
      TestGames.insert(c, "silver.ml_game_features_audit", slate);
    }
    return dev.nbaml.testing.Invoke.handler(function, "{\"run_date\": \"" + runDate + "\"}");
  }

  void results(List<LabeledGame> games) throws Exception {
    try (Connection c = pipeline.database().connect();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE silver.ml_game_features_audit SET outcome = ? WHERE home_team = ? AND away_team = ? AND game_date = ?")) {
      for (LabeledGame g : games) {
        ps.setInt(1, g.homeWin());
        ps.setString(2, g.features().homeTeam());
        ps.setString(3, g.features().awayTeam());
        ps.setObject(4, g.features().gameDate());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  @Test
  void daysOfScoringThenResultsFillThePerformanceTableTheRollingFiguresAndFlagShiftedData()
      throws Exception {
    List<LocalDate> dates = new ArrayList<>(days.keySet());
    List<LabeledGame> settled = new ArrayList<>();
    JsonNode summary = null;
    for (LocalDate day : dates) {
      List<LabeledGame> slate = days.get(day);
      summary = score(day, slate.stream().map(LabeledGame::features).toList());
      assertThat(summary.get("games_scored").asInt()).isEqualTo(slate.size());
      results(slate);
      settled.addAll(slate);
    }
    // The next run settles every finished game, including the last day's.
    summary = score(dates.get(dates.size() - 1).plusDays(1), List.of());

    List<Map<String, Object>> performance =
        pipeline.query("SELECT * FROM gold.ml_model_performance ORDER BY game_date");
    assertThat(performance).hasSize(dates.size());
    assertThat(performance)
        .allSatisfy(
            row -> {
              assertThat(row.get("model_version")).isEqualTo("nba-winner@1.0.0");
              assertThat(row.get("games")).isEqualTo(row.get("market_games"));
            });
    assertThat(performance.stream().mapToInt(r -> (Integer) r.get("games")).sum())
        .isEqualTo(settled.size());

    // The rolling figures are the metrics of the written probabilities against the results.
    Map<String, Double> written = new HashMap<>();
    pipeline
        .predictions()
        .forEach(
            r ->
                written.put(
                    r.get("home_team") + "|" + r.get("game_date"),
                    ((Number) r.get("home_team_predicted_win_pct")).doubleValue()));
    List<LabeledGame> last = settled;
    double[] p =
        last.stream()
            .mapToDouble(g -> written.get(g.features().homeTeam() + "|" + g.features().gameDate()))
            .toArray();
    int[] y = last.stream().mapToInt(LabeledGame::homeWin).toArray();
    Metrics expected = Metrics.of(p, y);
    JsonNode rolling = summary.get("monitoring").get("rolling");
    assertThat(rolling.get("games").asInt()).isEqualTo(settled.size());
    assertThat(rolling.get("accuracy").asDouble()).isCloseTo(expected.accuracy(), within(1e-3));
    assertThat(rolling.get("brier").asDouble()).isCloseTo(expected.brier(), within(1e-3));
    assertThat(rolling.get("market_accuracy").asDouble()).isBetween(0.4, 0.9);

    JsonNode drift = summary.get("monitoring").get("drift");
    assertThat(drift.get("games").asInt()).isGreaterThanOrEqualTo(100);
    assertThat(drift.get("flagged")).as("real mid-season games: %s", drift.get("psi")).isEmpty();

    // A day of shifted inputs: every home team a huge favourite.
    List<GameFeatures> shifted = new ArrayList<>();
    LocalDate day = dates.get(dates.size() - 1).plusDays(2);
    for (int i = 0; i < 120; i++) {
      TeamFeatures home = new TeamFeatures(3.0, 1.0, 118.0, 105.0, 0.75, 0.8, 2.0, -2500.0);
      TeamFeatures away = new TeamFeatures(28.0, 1.0, 105.0, 118.0, 0.25, 0.2, 2.0, 1500.0);
      shifted.add(new GameFeatures("Home " + i, "Away " + i, day, home, away));
    }
    JsonNode afterShift = score(day, shifted);

    assertThat(afterShift.get("status").asText()).isEqualTo("SCORED");
    assertThat(afterShift.get("monitoring").get("drift").get("flagged").toString())
        .contains("market_logit");
    assertThat(afterShift.get("warnings").toString()).contains("drift: feature market_logit");

    // The report, written by the jar from the same database and model, renders in a real browser.
    Path dir = Files.createTempDirectory("report");
    JarRunner.Result report = JarRunner.run(pipeline.env(), "report", "--out", dir.toString());
    assertThat(report.exitCode()).as(report.stderr()).isZero();
    assertThat(report.stdout())
        .contains(settled.size() + " settled predictions of nba-winner@1.0.0");
    for (String chart : List.of("rolling-accuracy", "rolling-brier", "calibration", "drift")) {
      assertThat(ImageIO.read(dir.resolve(chart + ".png").toFile()).getWidth()).isEqualTo(900);
    }
    String html = Files.readString(dir.resolve("index.html"));
    assertThat(html)
        .contains("<img alt=\"rolling accuracy\" src=\"data:image/png;base64,")
        .contains("moneyline favourite")
        .contains("class=\"flag\"");
    // The latest slate (the shifted day): each pick with three reasons in words, the line first.
    String slate = html.substring(html.indexOf("<h2 id=\"slate\">Latest slate</h2>"));
    assertThat(slate).contains(day.toString()).contains("Away 7 @ Home 7").contains("Home 7 (");
    assertThat(slate.split("<li>", -1)).hasSize(1 + 3 * shifted.size());
    assertThat(slate)
        .contains("<li>the line makes the home team a 94% favourite <small>(favours Home 0");
    BufferedImage screenshot =
        Browser.screenshot(dir.resolve("index.html"), dir.resolve("screenshot.png"));
    assertThat(Browser.colours(screenshot)).as("colours on the rendered page").isGreaterThan(100);
    assertThat(Browser.contains(screenshot, new java.awt.Color(0x1f77b4)))
        .as("the model's line is drawn")
        .isTrue();
  }
}
