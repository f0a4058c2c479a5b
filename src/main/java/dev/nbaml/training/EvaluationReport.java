package dev.nbaml.training;

import dev.nbaml.core.FeatureCatalog;
import dev.nbaml.core.WinProbabilityModel;
import dev.nbaml.history.LabeledGame;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A model's figures on a set of games next to the baselines' on the same games.
 *
 * @param games the games evaluated (e.g. "2022-23 regular season")
 * @param model the model's metrics
 * @param baselines by name: always the home team, the better season win %, the moneyline favourite
 *     (de-vigged), and the legacy model where it was given
 * @param calibration the model's reliability table
 */
public record EvaluationReport(
    String games,
    Metrics model,
    Map<String, Metrics> baselines,
    List<Calibration.Bin> calibration) {

  public static final String HOME = "home_team";
  public static final String BETTER_WIN_PCT = "better_win_pct";
  public static final String MONEYLINE = "moneyline_favourite";
  public static final String LEGACY = "legacy_model";

  /**
   * Evaluates a model and the baselines.
   *
   * @param homeWinRate the home teams' win rate before these games: the home baseline's probability
   * @param legacy the legacy model, scored on the same feature rows
   */
  public static EvaluationReport evaluate(
      String description,
      WinProbabilityModel model,
      List<LabeledGame> games,
      double homeWinRate,
      Optional<WinProbabilityModel> legacy) {
    int n = games.size();
    if (n == 0) {
      throw new IllegalArgumentException("No games to evaluate on (" + description + ")");
    }
    int[] y = new int[n];
    double[] p = new double[n];
    double[] home = new double[n];
    double[] market = new double[n];
    double[] old = new double[n];
    boolean[] betterPct = new boolean[n];
    for (int i = 0; i < n; i++) {
      LabeledGame g = games.get(i);
      y[i] = g.homeWin();
      p[i] = predict(model, g);
      home[i] = homeWinRate;
      market[i] = FeatureCatalog.marketProbability(g.features()).orElse(0.5);
      betterPct[i] = g.features().home().winPct() >= g.features().away().winPct();
      if (legacy.isPresent()) {
        old[i] = predict(legacy.get(), g);
      }
    }
    Map<String, Metrics> baselines = new LinkedHashMap<>();
    baselines.put(HOME, Metrics.of(home, y));
    baselines.put(BETTER_WIN_PCT, Metrics.ofPicks(betterPct, y));
    baselines.put(MONEYLINE, Metrics.of(market, y));
    if (legacy.isPresent()) {
      baselines.put(LEGACY, Metrics.of(old, y));
    }
    return new EvaluationReport(description, Metrics.of(p, y), baselines, Calibration.table(p, y));
  }

  static double predict(WinProbabilityModel model, LabeledGame g) {
    return model.homeWinProbability(g.features());
  }
}
