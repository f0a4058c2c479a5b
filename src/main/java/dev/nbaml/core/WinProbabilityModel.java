package dev.nbaml.core;

import java.util.List;
import java.util.Map;

/** A model that gives P(home win) for a game from named features. */
public interface WinProbabilityModel {

  /**
   * The model's name and semantic version, as its card states them, e.g. {@code nba-winner@1.2.0}.
   */
  String version();

  /** The features the model reads, in the order {@link #homeWinProbability} expects them. */
  List<String> featureNames();

  /** P(home win) in [0, 1] for one game's feature values, in {@link #featureNames()} order. */
  double homeWinProbability(double[] features);

  /** P(home win) for a row the validator accepted: the one way a game is scored. */
  default double homeWinProbability(GameFeatures game) {
    return homeWinProbability(FeatureCatalog.values(game, featureNames()));
  }

  /**
   * The model's log-odds of a home win for a row the validator accepted, taken apart by feature
   * around an average game: {@link Explanation#probability()} is {@link
   * #homeWinProbability(GameFeatures)}. Every model explains itself: every written row carries its
   * explanation.
   */
  Explanation explain(GameFeatures game);

  /**
   * The prediction written for a row the validator accepted, rounded as the legacy job did, with
   * its explanation.
   */
  default GamePrediction predict(GameFeatures game) {
    return GamePrediction.of(game, homeWinProbability(game), explain(game));
  }

  /** Each feature's training distribution, for drift checks; empty when the model has none. */
  default Map<String, FeatureDistribution> trainingDistributions() {
    return Map.of();
  }
}
