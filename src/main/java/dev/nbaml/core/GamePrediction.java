package dev.nbaml.core;

/**
 * A scored game: the input row and the win probabilities written beside it, rounded to 3 decimals
 * as the Python job wrote them, and the model's explanation of the unrounded probability.
 */
public record GamePrediction(
    GameFeatures game,
    double homeTeamPredictedWinPct,
    double awayTeamPredictedWinPct,
    Explanation explanation) {

  /**
   * Rounds P(home win) as the legacy job did (numpy round, half to even) and derives P(away win).
   */
  public static GamePrediction of(
      GameFeatures game, double homeWinProbability, Explanation explanation) {
    if (explanation == null) {
      throw new IllegalArgumentException(
          "A prediction needs its explanation, " + game.key() + " has none");
    }
    if (!(homeWinProbability >= 0.0 && homeWinProbability <= 1.0)) {
      throw new IllegalArgumentException(
          "P(home win) must be in [0, 1], was " + homeWinProbability + " for " + game.key());
    }
    return new GamePrediction(
        game, round3(homeWinProbability), round3(1.0 - homeWinProbability), explanation);
  }

  static double round3(double value) {
    return Math.rint(value * 1000.0) / 1000.0;
  }
}
