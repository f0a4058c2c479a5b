package dev.nbaml.core;

import java.util.Optional;

/** Gives the model to score with, loading or refreshing it as needed. */
public interface ModelProvider {

  /**
   * The model to use for this run.
   *
   * @throws ModelUnavailableException when no verified model can be had
   */
  Selection current();

  /**
   * The model and, where the newest could not be checked but a verified one was kept, a warning.
   */
  record Selection(WinProbabilityModel model, Optional<String> warning) {}
}
