package dev.nbaml.training;

import dev.nbaml.core.GameFeatures;

/**
 * A feature row with its result: a training or evaluation example.
 *
 * @param homeWin 1 when the home team won, else 0
 * @param season e.g. {@code 2022-23}
 * @param postseason true for playoff games
 */
public record LabeledGame(GameFeatures features, int homeWin, String season, boolean postseason) {}
