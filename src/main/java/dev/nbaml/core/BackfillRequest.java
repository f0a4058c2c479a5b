package dev.nbaml.core;

import java.time.LocalDate;
import java.util.Objects;

/** Re-score every game from {@code from} to {@code to} (inclusive) from the history table. */
public record BackfillRequest(String runId, LocalDate from, LocalDate to, String trigger) {
  public BackfillRequest {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException(
          "backfill: 'to' (" + to + ") is before 'from' (" + from + ")");
    }
  }
}
