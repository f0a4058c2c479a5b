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
   * The model, or empty where what names it does not exist (a registry alias not set): for the
   * shadow model, which is optional.
   *
   * @throws ModelUnavailableException when it exists but no verified model can be had
   */
  default Optional<Selection> ifPresent() {
    return Optional.of(current());
  }

  /**
   * The model and, where the newest could not be checked but a verified one was kept, a warning.
   */
  record Selection(WinProbabilityModel model, Optional<String> warning) {}
}
