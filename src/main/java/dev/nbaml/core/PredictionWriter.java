package dev.nbaml.core;

import java.util.List;

/** Writes predictions: all of them or none. */
public interface PredictionWriter {

  /**
   * Upserts the predictions in one transaction, keyed on (home team, game date).
   *
   * @return how many rows were inserted or updated
   */
  int write(List<GamePrediction> predictions, String modelVersion);
}
