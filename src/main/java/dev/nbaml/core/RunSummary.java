package dev.nbaml.core;

import java.time.LocalDate;
import java.util.List;

/**
 * What a run did, returned to Step Functions (which branches on {@code status} and the counts) and
 * printed by {@code invoke}.
 */
public record RunSummary(
    Status status,
    String runId,
    LocalDate runDate,
    String trigger,
    String modelVersion,
    int gamesScored,
    int gamesRejected,
    List<RejectedGame> rejected,
    int gamesSkipped,
    List<Skipped> skipped,
    List<String> warnings,
    Monitoring monitoring,
    Timings timings,
    long durationMs) {

  /**
   * Where the run's time went, in milliseconds: the model (store and verification; in parallel with the
   * database work before it), reading, writing, monitoring, and the run's own work (validation,
   * features, scoring, the rest).
   */
  public record Timings(double modelMs, double readMs, double writeMs, double monitorMs, double ownMs, double totalMs) {}

  /** How the run ended. */
  public enum Status {
    /** At least one game was scored and written (some may have been rejected). */
    SCORED,
    /** There was no game on or after the run date. */
    NO_GAMES,
    /** The {@code season} feature flag is off: nothing was read or written. */
    SEASON_OFF,
    /** Nothing was written: every game was rejected, or the run could not complete. */
    FAILED
  }

  /** A rejected game, flattened for the JSON summary. */
  public record RejectedGame(
      String homeTeam, String awayTeam, LocalDate gameDate, Rejection.Reason reason, String detail) {
    static RejectedGame of(Rejection rejection) {
      GameKey key = rejection.game();
      return new RejectedGame(
          key.homeTeam(), key.awayTeam(), key.gameDate(), rejection.reason(), rejection.detail());
    }
  }

  /** Games that were not scored on purpose, grouped by why. */
  public record Skipped(String reason, int count, String detail) {}
}
