package dev.nbaml.history;

import dev.nbaml.core.GameFeatures;

/**
 * A feature row with its result: a training or evaluation example.
 *
 * @param homeWin 1 when the home team won, else 0
 * @param season e.g. {@code 2022-23}
 * @param type what the game counts for; only regular-season games count in a season's metrics
 */
public record LabeledGame(GameFeatures features, int homeWin, String season, GameType type) {

  /** A regular-season game (NBA Cup games before the final included), for a season's metrics. */
  public boolean regularSeason() {
    return type.regularSeason();
  }
}
