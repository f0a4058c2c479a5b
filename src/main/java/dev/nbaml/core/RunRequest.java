package dev.nbaml.core;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What one invocation asks for.
 *
 * @param runId identifies the run in logs and in the summary (the Lambda request id where there is
 *     one)
 * @param runDate the day being scored: games on or after it are scored, earlier ones are stale
 * @param trigger where the request came from ({@code schedule}, {@code step-functions}, {@code
 *     manual})
 */
public record RunRequest(String runId, LocalDate runDate, String trigger) {
  public RunRequest {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(runDate, "runDate");
    Objects.requireNonNull(trigger, "trigger");
  }
}
