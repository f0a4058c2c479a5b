package dev.nbaml.training;

import java.util.ArrayList;
import java.util.List;

/**
 * What a model must reach on the validation games to be written ({@link TrainingDefaults#GATE}
 * unless told otherwise).
 *
 * @param minAccuracy accuracy must be at least this, where set
 * @param maxBrier the Brier score must be at most this
 * @param beatLegacy accuracy must be above the legacy model's on the same games (when it was given)
 */
public record QualityGate(Double minAccuracy, double maxBrier, boolean beatLegacy) {

  /** The thresholds the report misses, each as a sentence; empty when the model passes. */
  public List<String> failures(EvaluationReport report) {
    List<String> failures = new ArrayList<>();
    Metrics m = report.model();
    if (minAccuracy != null && m.accuracy() < minAccuracy) {
      failures.add("accuracy " + m.accuracy() + " is below the minimum " + minAccuracy);
    }
    if (m.brier() > maxBrier) {
      failures.add("Brier score " + m.brier() + " is above the maximum " + maxBrier);
    }
    Metrics legacy = report.baselines().get(EvaluationReport.LEGACY);
    if (beatLegacy && legacy != null && m.accuracy() <= legacy.accuracy()) {
      failures.add(
          "accuracy " + m.accuracy() + " is not above the legacy model's " + legacy.accuracy());
    }
    return failures;
  }
}
