package dev.nbaml.training;

import java.util.List;

/**
 * Retrains the model and, when the new one passes the gate, publishes it as the candidate ({@link
 * RetrainingRun}).
 */
public interface Retrainer {

  /** What a retrain did: {@code PUBLISHED}, {@code GATE_FAILED} or {@code UNCHANGED}. */
  enum Status {
    PUBLISHED,
    GATE_FAILED,
    UNCHANGED
  }

  /**
   * The result of {@code {"action": "retrain"}}: bounded (at most {@value
   * RetrainingRun#MAX_FAILURES} failures of at most {@value RetrainingRun#MAX_FAILURE_CHARS}
   * characters).
   *
   * @param modelVersion the version published (PUBLISHED), or the one it would have had
   * @param currentVersion the current model the new one was compared with
   * @param shadowAlias the alias pointed at the published version ({@code MODEL_SHADOW_ALIAS})
   * @param failures each gate condition missed (GATE_FAILED), or why nothing was published
   *     (UNCHANGED)
   */
  record Result(
      Status status,
      String runId,
      String modelVersion,
      String currentVersion,
      String shadowAlias,
      String validationSeason,
      String trainingSeasons,
      int trainingGames,
      Metrics candidate,
      List<String> failures,
      long durationMs) {}

  /**
   * Trains, gates and (when the model passes) publishes.
   *
   * @param runId the invocation's id, returned in the result
   */
  Result run(String runId);
}
