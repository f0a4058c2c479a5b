package dev.nbaml.core;

/**
 * Re-scores a date range from the history ({@link BackfillRun} is the real one; tests give fakes).
 */
public interface Backfiller {

  /** Runs the backfill, from where an interrupted run of the same job stopped. */
  BackfillRun.Summary run(BackfillRequest request);
}
