package dev.nbaml.core;

import java.util.List;

/** Writes predictions: all of them or none. */
public interface PredictionWriter extends AutoCloseable {

  /**
   * Checks that the output can be written (the table exists with its unique key), so that a missing
   * migration is found on every run, also on days without games.
   */
  void requireReady();

  /**
   * Upserts the predictions in one transaction, keyed on (home team, game date).
   *
   * @return how many rows were inserted or updated
   */
  int write(List<GamePrediction> predictions, String modelVersion);

  /** Releases what this writer holds of its own (a backfill writer's connection). */
  @Override
  default void close() {}
}
