package dev.nbaml.core;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a run learnt about the model's health: how its settled predictions did, and whether the
 * recent inputs drifted from its training data.
 */
public record Monitoring(Rolling rolling, Drift drift) {

  /**
   * The last settled games of the model version (at most {@code window}), and the moneyline
   * favourite on the same games.
   */
  public record Rolling(
      int window,
      int games,
      Double accuracy,
      Double brier,
      Double logLoss,
      int marketGames,
      Double marketAccuracy,
      Double marketBrier) {}

  /**
   * Population stability index of each model feature: recent games against the training
   * distribution in the model card. Features above {@code threshold} are flagged; with fewer than
   * {@code minGames} recent games nothing is flagged (too few to tell).
   */
  public record Drift(
      int games, int minGames, double threshold, Map<String, Double> psi, List<String> flagged) {}

  /**
   * A settled prediction: P(home win) as written, the market's (null without a real line), the
   * result.
   */
  public record SettledGame(LocalDate gameDate, double predicted, Double market, int homeWin) {}

  /**
   * A game of the latest slate as written: the row, P(home win), the model version and the
   * explanation (null for a row written before explanations were kept).
   */
  public record SlateGame(
      GameFeatures game, double homeWinPct, String modelVersion, Explanation explanation) {

    /** The team the prediction favours (the home team at exactly 50%, as the legacy job's pick). */
    public String pick() {
      return homeWinPct >= 0.5 ? game.homeTeam() : game.awayTeam();
    }
  }
}
