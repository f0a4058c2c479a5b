package dev.nbaml.core;

/** Watches the model after a run: settles finished games and checks the inputs for drift. */
public interface RunMonitor {

  /**
   * Settles, measures and checks; never fails the run (the caller turns an error into a warning).
   */
  Monitoring afterRun(RunRequest request, WinProbabilityModel model);

  /** No monitoring (tests, tools). */
  RunMonitor NONE = (request, model) -> null;
}
