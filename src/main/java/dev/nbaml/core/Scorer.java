package dev.nbaml.core;

/** Scores the games of a run date ({@link ScoringRun} is the real one; tests give fakes). */
public interface Scorer {

  /**
   * Runs once.
   *
   * @throws AllGamesRejectedException when there were games and every one was invalid
   * @throws ModelUnavailableException when no verified model could be loaded
   */
  RunSummary run(RunRequest request);
}
