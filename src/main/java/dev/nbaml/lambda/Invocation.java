package dev.nbaml.lambda;

import dev.nbaml.core.BackfillRequest;
import dev.nbaml.core.RunRequest;

/** What an event asks the function to do. */
sealed interface Invocation {

  /** Score the games of a run date (scheduled event, Step Functions input, {@code {}}). */
  record Score(RunRequest request) implements Invocation {}

  /** Re-score a date range from the history table ({@code {"backfill": {...}}}). */
  record Backfill(BackfillRequest request) implements Invocation {}

  /**
   * Apply the database migrations ({@code {"action": "migrate"}}); with {@code
   * "keep_newest_duplicates": true}, keep the newest row of each duplicated key of an old predictions
   * table and delete the others first.
   */
  record Migrate(boolean keepNewestDuplicates) implements Invocation {}
}
