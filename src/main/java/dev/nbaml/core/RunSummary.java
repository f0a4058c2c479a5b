package dev.nbaml.core;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run did, returned to Step Functions (which branches on {@code status} and the counts) and
 * printed by {@code invoke}. Bounded whatever the input: the rejected and warned games are listed
 * up to a limit ({@code SUMMARY_MAX_GAMES}), names and details are shortened, and the counts by
 * reason always cover every game, so that the summary stays far below Step Functions' 256 KB
 * payload limit. The logs name every game.
 */
public record RunSummary(
    Status status,
    String runId,
    LocalDate runDate,
    String trigger,
    String modelVersion,
    int gamesScored,
    int gamesRejected,
    Map<String, Integer> rejectedByReason,
    List<FlaggedGame> rejected,
    int gamesWarned,
    Map<String, Integer> warnedByReason,
    List<FlaggedGame> warned,
    int gamesSkipped,
    List<Skipped> skipped,
    List<String> warnings,
    Monitoring monitoring,
    Timings timings,
    long durationMs) {

  /** The most rejected (and, apart, warned) games a summary lists by default. */
  public static final int DEFAULT_LISTED = 50;

  /** The most a summary may list of each (at most ~600 bytes a game, so well below 256 KB). */
  public static final int MAX_LISTED = 100;

  /** The longest detail a listed game carries in the summary. */
  static final int MAX_DETAIL = 300;

  /**
   * Where the run's time went, in milliseconds: the model (store and verification; in parallel with
   * the database work before it), reading, writing, monitoring, and the run's own work (validation,
   * features, scoring, the rest).
   */
  public record Timings(
      double modelMs,
      double readMs,
      double writeMs,
      double monitorMs,
      double ownMs,
      double totalMs) {}

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

  /** A rejected or warned game, flattened for the JSON summary; names and detail shortened. */
  public record FlaggedGame(
      String homeTeam, String awayTeam, LocalDate gameDate, String reason, String detail) {
    static FlaggedGame of(GameKey key, String reason, String detail) {
      String shortDetail =
          detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) + "…" : detail;
      return new FlaggedGame(
          key.homeTeam() == null ? null : TeamNames.forLog(key.homeTeam()),
          key.awayTeam() == null ? null : TeamNames.forLog(key.awayTeam()),
          key.gameDate(),
          reason,
          shortDetail);
    }

    static FlaggedGame of(Rejection r) {
      return of(r.game(), r.reason().name(), r.detail());
    }

    static FlaggedGame of(GameWarning w) {
      return of(w.game(), w.kind().name(), w.detail());
    }
  }

  /** Games that were not scored on purpose, grouped by why. */
  public record Skipped(String reason, int count, String detail) {}

  /** Starts a summary of the run asked for. */
  public static Builder of(RunRequest request, Status status) {
    return new Builder(request, status);
  }

  /** Collects what a run found; {@link #build} bounds the lists. */
  public static final class Builder {
    private final RunRequest request;
    private Status status;
    private String modelVersion;
    private int gamesScored;
    private List<Rejection> rejected = List.of();
    private List<GameWarning> warned = List.of();
    private int gamesSkipped;
    private List<Skipped> skipped = List.of();
    private List<String> warnings = List.of();
    private Monitoring monitoring;
    private Timings timings;
    private long durationMs;
    private int listed = DEFAULT_LISTED;

    private Builder(RunRequest request, Status status) {
      this.request = request;
      this.status = status;
    }

    public Builder status(Status value) {
      status = value;
      return this;
    }

    public Builder modelVersion(String value) {
      modelVersion = value;
      return this;
    }

    public Builder scored(int games) {
      gamesScored = games;
      return this;
    }

    public Builder rejected(List<Rejection> value) {
      rejected = value;
      return this;
    }

    /** The warnings of the games scored with one (a game may have several). */
    public Builder warned(List<GameWarning> value) {
      warned = value;
      return this;
    }

    public Builder skipped(int games, List<Skipped> groups) {
      gamesSkipped = games;
      skipped = groups;
      return this;
    }

    public Builder warnings(List<String> value) {
      warnings = value;
      return this;
    }

    public Builder monitoring(Monitoring value) {
      monitoring = value;
      return this;
    }

    public Builder time(Timings value, long ms) {
      timings = value;
      durationMs = ms;
      return this;
    }

    /** Lists at most this many rejected games, and as many warned ones. */
    public Builder listed(int value) {
      listed = value;
      return this;
    }

    public RunSummary build() {
      return new RunSummary(
          status,
          request.runId(),
          request.runDate(),
          request.trigger(),
          modelVersion,
          gamesScored,
          rejected.size(),
          count(rejected.stream().map(r -> r.reason().name()).toList()),
          first(rejected.stream().map(FlaggedGame::of).toList()),
          (int) warned.stream().map(GameWarning::game).distinct().count(),
          count(warned.stream().map(w -> w.kind().name()).toList()),
          first(warned.stream().map(FlaggedGame::of).toList()),
          gamesSkipped,
          List.copyOf(skipped),
          List.copyOf(warnings),
          monitoring,
          timings,
          durationMs);
    }

    private List<FlaggedGame> first(List<FlaggedGame> games) {
      return List.copyOf(games.subList(0, Math.min(listed, games.size())));
    }

    private static Map<String, Integer> count(List<String> reasons) {
      Map<String, Integer> counts = new TreeMap<>();
      reasons.forEach(r -> counts.merge(r, 1, Integer::sum));
      return Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }
  }
}
