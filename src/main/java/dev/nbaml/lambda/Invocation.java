package dev.nbaml.lambda;

import dev.nbaml.core.BackfillRequest;
import dev.nbaml.core.BackfillRun;
import dev.nbaml.core.Backfiller;
import dev.nbaml.core.RunRequest;
import dev.nbaml.core.RunSummary;
import dev.nbaml.core.Scorer;
import dev.nbaml.training.Retrainer;
import java.util.Map;

/**
 * What an event asks the function to do, and how it is done with the function's services. A new
 * kind of invocation is a record here (what it asks, its log context, its work) and its key in
 * {@link EventParser}; the handler gives every kind the same logging context, metrics and error
 * handling.
 */
sealed interface Invocation<R> {

  /** The services an invocation may use. */
  record Services(
      Scorer scorer,
      Backfiller backfiller,
      Migrator migrator,
      Retrainer retrainer,
      RunMetrics metrics) {}

  /**
   * A short name for logs and metrics: {@code score}, {@code backfill}, {@code migrate}, {@code
   * retrain}.
   */
  String kind();

  /** What the log lines of this invocation carry beside its run id (MDC). */
  Map<String, String> logContext();

  /** Does the work, publishes its figures, and returns the result the caller gets as JSON. */
  R run(Services services);

  /** The result in one log line. */
  String describe(R result);

  /** Score the games of a run date (scheduled event, Step Functions input, {@code {}}). */
  record Score(RunRequest request) implements Invocation<RunSummary> {
    @Override
    public String kind() {
      return "score";
    }

    @Override
    public Map<String, String> logContext() {
      return Map.of("run_date", request.runDate().toString(), "trigger", request.trigger());
    }

    @Override
    public RunSummary run(Services services) {
      RunSummary summary = services.scorer().run(request);
      services.metrics().publish(summary);
      return summary;
    }

    @Override
    public String describe(RunSummary s) {
      return "Run "
          + s.status()
          + " for "
          + s.runDate()
          + ": "
          + s.gamesScored()
          + " scored, "
          + s.gamesRejected()
          + " rejected, "
          + s.gamesWarned()
          + " warned, "
          + s.gamesSkipped()
          + " skipped in "
          + s.durationMs()
          + " ms with "
          + s.modelVersion();
    }
  }

  /** Re-score a date range from the history table ({@code {"backfill": {...}}}). */
  record Backfill(BackfillRequest request) implements Invocation<BackfillRun.Summary> {
    @Override
    public String kind() {
      return "backfill";
    }

    @Override
    public Map<String, String> logContext() {
      return Map.of(
          "backfill_from", request.from().toString(), "backfill_to", request.to().toString());
    }

    @Override
    public BackfillRun.Summary run(Services services) {
      BackfillRun.Summary summary = services.backfiller().run(request);
      services.metrics().publish(summary);
      return summary;
    }

    @Override
    public String describe(BackfillRun.Summary s) {
      return "Backfill "
          + s.from()
          + ".."
          + s.to()
          + " with "
          + s.modelVersion()
          + ": "
          + s.gamesScored()
          + " scored, "
          + s.gamesRejected()
          + " rejected "
          + s.rejectedByReason()
          + ", "
          + s.chunks()
          + " chunks in "
          + s.durationMs()
          + " ms";
    }
  }

  /**
   * Apply the database migrations ({@code {"action": "migrate"}}); with {@code
   * "keep_newest_duplicates": true}, keep the newest row of each duplicated key of an old
   * predictions table and delete the others first.
   */
  record Migrate(boolean keepNewestDuplicates) implements Invocation<Migrator.Result> {
    @Override
    public String kind() {
      return "migrate";
    }

    @Override
    public Map<String, String> logContext() {
      return Map.of();
    }

    @Override
    public Migrator.Result run(Services services) {
      Migrator.Result result = services.migrator().migrate(keepNewestDuplicates);
      services.metrics().publish(result);
      return result;
    }

    @Override
    public String describe(Migrator.Result r) {
      return "Migrations applied: "
          + r.migrationsApplied()
          + ", schema version "
          + r.schemaVersion()
          + ", duplicate rows removed: "
          + r.duplicatesRemoved();
    }
  }

  /**
   * Retrain from the history table and, when the new model passes the gate and is not worse than
   * the current one, publish it and point the shadow alias at it ({@code {"action": "retrain"}}).
   */
  record Retrain(String runId) implements Invocation<Retrainer.Result> {
    @Override
    public String kind() {
      return "retrain";
    }

    @Override
    public Map<String, String> logContext() {
      return Map.of();
    }

    @Override
    public Retrainer.Result run(Services services) {
      return services.retrainer().run(runId);
    }

    @Override
    public String describe(Retrainer.Result r) {
      return "Retrain "
          + r.status()
          + ": "
          + r.modelVersion()
          + " against "
          + r.currentVersion()
          + " on the "
          + r.validationSeason()
          + " regular season"
          + (r.failures().isEmpty() ? "" : ", " + String.join("; ", r.failures()))
          + " in "
          + r.durationMs()
          + " ms";
    }
  }
}
