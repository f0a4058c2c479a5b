package dev.nbaml.core;

import dev.nbaml.core.RunSummary.Skipped;
import dev.nbaml.core.RunSummary.Status;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One scoring run: load the model, read the upcoming games, validate, score and write them. Knows
 * nothing of AWS or JDBC: the model, the reader and the writer are given to it.
 */
public final class ScoringRun implements Scorer {
  private static final Logger LOG = LoggerFactory.getLogger(ScoringRun.class);

  private final ModelProvider models;
  private final GameFeatureReader reader;
  private final PredictionWriter writer;
  private final RunMonitor monitor;
  private final int listed;
  private final Optional<Shadow> shadow;

  public ScoringRun(
      ModelProvider models, GameFeatureReader reader, PredictionWriter writer, RunMonitor monitor) {
    this(models, reader, writer, monitor, RunSummary.DEFAULT_LISTED);
  }

  public ScoringRun(
      ModelProvider models,
      GameFeatureReader reader,
      PredictionWriter writer,
      RunMonitor monitor,
      int listed) {
    this(models, reader, writer, monitor, listed, Optional.empty());
  }

  /**
   * @param listed the most rejected games, and the most warned games, the summary lists (it counts
   *     them all by reason; the logs name every one)
   * @param shadow the shadow model and its table, where one is configured
   */
  public ScoringRun(
      ModelProvider models,
      GameFeatureReader reader,
      PredictionWriter writer,
      RunMonitor monitor,
      int listed,
      Optional<Shadow> shadow) {
    this.shadow = shadow;
    this.models = models;
    this.reader = reader;
    this.writer = writer;
    this.monitor = monitor;
    this.listed = listed;
  }

  /**
   * Runs once.
   *
   * @throws AllGamesRejectedException when there were games and every one was invalid
   * @throws ModelUnavailableException when no verified model could be loaded
   */
  @Override
  public RunSummary run(RunRequest request) {
    long start = System.nanoTime();
    Stopwatch stopwatch = new Stopwatch();
    // The model comes from S3 while the credentials, the connection and the checks go on.
    CompletableFuture<ModelProvider.Selection> loading =
        CompletableFuture.supplyAsync(
            inContext(() -> stopwatch.time(Phase.MODEL, models::current)), LOADER);
    // The shadow model's check runs beside it on a thread of its own, off the run's path until
    // after the write.
    Optional<CompletableFuture<Optional<ModelProvider.Selection>>> shadowLoading =
        shadow.map(
            s ->
                CompletableFuture.supplyAsync(
                    inContext(() -> s.models().ifPresent()), SHADOW_LOADER));
    if (seasonIsOff(stopwatch)) {
      LOG.info("Feature flag 'season' is off: nothing to score for {}", request.runDate());
      // The model is still loaded and verified: an off-season run (and a deployment's smoke run)
      // says which version the next season would score with, and fails on a broken one.
      ModelProvider.Selection selection = join(loading);
      return RunSummary.of(request, Status.SEASON_OFF)
          .modelVersion(selection.model().version())
          .warnings(selection.warning().stream().toList())
          .skipped(0, List.of(new Skipped("season_off", 0, "feature flag 'season' is not enabled")))
          .listed(listed)
          .time(stopwatch.timings(start), elapsed(start))
          .build();
    }
    stopwatch.time(
        Phase.WRITE,
        () -> {
          writer.requireReady();
          return null;
        });
    ModelProvider.Selection selection = join(loading);
    WinProbabilityModel model = selection.model();
    List<String> warnings = new ArrayList<>();
    selection.warning().ifPresent(warnings::add);

    Upcoming upcoming = readUpcoming(request, stopwatch);
    RowValidator.Result validation = validate(upcoming.rows(), warnings);
    List<GamePrediction> predictions = score(model, validation.accepted());
    RunSummary.Builder summary =
        RunSummary.of(request, upcoming.rows().isEmpty() ? Status.NO_GAMES : Status.SCORED)
            .modelVersion(model.version())
            .scored(predictions.size())
            .rejected(validation.rejected())
            .warned(validation.warnings())
            .skipped(upcoming.stale(), upcoming.skipped())
            .listed(listed);
    if (!upcoming.rows().isEmpty() && predictions.isEmpty()) {
      throw new AllGamesRejectedException(
          summary
              .status(Status.FAILED)
              .warnings(List.copyOf(warnings))
              .time(stopwatch.timings(start), elapsed(start))
              .build());
    }
    write(predictions, model, stopwatch);
    shadowLoading.ifPresent(
        shadowModel ->
            stopwatch.time(
                Phase.WRITE, () -> shadow(shadowModel, validation.accepted(), model, warnings)));
    Monitoring monitoring = stopwatch.time(Phase.MONITOR, () -> monitor(request, model, warnings));
    return summary
        .warnings(List.copyOf(warnings))
        .monitoring(monitoring)
        .time(stopwatch.timings(start), elapsed(start))
        .build();
  }

  /**
   * Whether the {@code season} flag exists and is off (the off-season: nothing is read or written).
   */
  private boolean seasonIsOff(Stopwatch stopwatch) {
    Optional<Boolean> season = stopwatch.time(Phase.READ, reader::seasonEnabled);
    return season.isPresent() && !season.get();
  }

  /** The rows on or after the run date, and the stale ones before it (counted, never scored). */
  private record Upcoming(List<GameFeatures> rows, int stale, List<Skipped> skipped) {}

  private Upcoming readUpcoming(RunRequest request, Stopwatch stopwatch) {
    List<GameFeatures> rows =
        stopwatch.time(Phase.READ, () -> reader.upcomingGames(request.runDate()));
    int stale = stopwatch.time(Phase.READ, () -> reader.countStaleGames(request.runDate()));
    List<Skipped> skipped =
        stale == 0
            ? List.of()
            : List.of(
                new Skipped(
                    "stale",
                    stale,
                    "rows dated before " + request.runDate() + " are stale and were not scored"));
    return new Upcoming(rows, stale, skipped);
  }

  /** Writes every prediction in one transaction (none at all: nothing to write), and logs each. */
  private void write(
      List<GamePrediction> predictions, WinProbabilityModel model, Stopwatch stopwatch) {
    if (predictions.isEmpty()) {
      return;
    }
    stopwatch.time(Phase.WRITE, () -> writer.write(predictions, model.version()));
    for (GamePrediction p : predictions) {
      LOG.info("Scored {}: P(home win) = {}", p.game().key(), p.homeTeamPredictedWinPct());
    }
  }

  /**
   * Scores the same validated games with the shadow model, where its alias exists, into the shadow
   * table. Never fails the run: a broken or unreachable shadow model, or a failed write, is a
   * warning.
   *
   * @return how many shadow rows were written
   */
  private int shadow(
      CompletableFuture<Optional<ModelProvider.Selection>> loading,
      List<GameFeatures> games,
      WinProbabilityModel live,
      List<String> warnings) {
    String version = null;
    try {
      Optional<ModelProvider.Selection> selection = join(loading);
      if (selection.isEmpty() || games.isEmpty()) {
        return 0;
      }
      WinProbabilityModel model = selection.get().model();
      version = model.version();
      selection.get().warning().ifPresent(w -> warnings.add("shadow: " + w));
      int written = shadow.orElseThrow().writer().write(score(model, games), version);
      LOG.info("Shadow model {} scored {} games beside {}", version, written, live.version());
      return written;
    } catch (RuntimeException e) {
      String warning =
          "shadow: "
              + (version == null ? "the shadow model" : version)
              + " did not score,"
              + " the live predictions are written: "
              + e.getMessage();
      LOG.warn(warning);
      warnings.add(warning);
      return 0;
    }
  }

  /**
   * Validates the rows and logs every rejected and warned game (the summary lists only the first
   * ones); a run with warned games says so in one line of {@code warnings}, which the state machine
   * notifies on.
   */
  private static RowValidator.Result validate(List<GameFeatures> rows, List<String> warnings) {
    RowValidator.Result validation = new RowValidator().validate(rows);
    for (Rejection rejection : validation.rejected()) {
      LOG.warn("Rejected {}: {} ({})", rejection.game(), rejection.reason(), rejection.detail());
    }
    for (GameWarning warning : validation.warnings()) {
      LOG.warn("Warning for {}: {} ({})", warning.game(), warning.kind(), warning.detail());
    }
    if (!validation.warnings().isEmpty()) {
      Map<GameWarning.Kind, Long> kinds =
          validation.warnings().stream()
              .collect(
                  Collectors.groupingBy(
                      GameWarning::kind,
                      () -> new EnumMap<>(GameWarning.Kind.class),
                      Collectors.counting()));
      warnings.add("games scored with a warning (see warned): " + kinds);
    }
    return validation;
  }

  private static List<GamePrediction> score(WinProbabilityModel model, List<GameFeatures> games) {
    List<GamePrediction> predictions = new ArrayList<>(games.size());
    for (GameFeatures game : games) {
      predictions.add(model.predict(game));
    }
    return predictions;
  }

  /** Monitoring never fails a run: its errors and the drift it finds become warnings. */
  private Monitoring monitor(RunRequest request, WinProbabilityModel model, List<String> warnings) {
    Monitoring monitoring;
    try {
      monitoring = monitor.afterRun(request, model);
    } catch (RuntimeException e) {
      LOG.warn("Monitoring failed, the predictions are written: {}", e.getMessage());
      warnings.add("monitoring: " + e.getMessage());
      return null;
    }
    if (monitoring != null && monitoring.rolling() != null && monitoring.rolling().games() > 0) {
      Monitoring.Rolling r = monitoring.rolling();
      LOG.info(
          "Rolling performance of {} over the last {} settled games: accuracy {}, Brier {};"
              + " moneyline favourite {} / {}",
          model.version(),
          r.games(),
          r.accuracy(),
          r.brier(),
          r.marketAccuracy(),
          r.marketBrier());
    }
    if (monitoring != null && monitoring.drift() != null) {
      for (String feature : monitoring.drift().flagged()) {
        String warning =
            "drift: feature "
                + feature
                + " has PSI "
                + monitoring.drift().psi().get(feature)
                + " over the last "
                + monitoring.drift().games()
                + " games (threshold "
                + monitoring.drift().threshold()
                + ")";
        LOG.warn(warning);
        warnings.add(warning);
      }
    }
    return monitoring;
  }

  private static final Executor LOADER = loader("model-loader");

  private static final Executor SHADOW_LOADER = loader("shadow-model-loader");

  /** A thread of its own for model checks, which never keeps the JVM alive. */
  private static Executor loader(String name) {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t = new Thread(r, name);
          t.setDaemon(true);
          return t;
        });
  }

  /** The work with this thread's logging context (run id, request id), for the loader's thread. */
  private static <T> Supplier<T> inContext(Supplier<T> work) {
    Map<String, String> context = MDC.getCopyOfContextMap();
    return () -> {
      if (context != null) {
        MDC.setContextMap(context);
      }
      try {
        return work.get();
      } finally {
        MDC.clear();
      }
    };
  }

  private static <T> T join(CompletableFuture<T> loading) {
    try {
      return loading.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  private enum Phase {
    MODEL,
    READ,
    WRITE,
    MONITOR
  }

  /** Adds up the time spent in each phase of one run. */
  private static final class Stopwatch {
    private final long[] nanos = new long[Phase.values().length];

    <T> T time(Phase phase, Supplier<T> work) {
      long start = System.nanoTime();
      try {
        return work.get();
      } finally {
        synchronized (this) {
          nanos[phase.ordinal()] += System.nanoTime() - start;
        }
      }
    }

    synchronized RunSummary.Timings timings(long startNanos) {
      double total = (System.nanoTime() - startNanos) / 1e6;
      double model = ms(Phase.MODEL);
      double read = ms(Phase.READ);
      double write = ms(Phase.WRITE);
      double monitor = ms(Phase.MONITOR);
      // The model loads in parallel with the reads: only the part that was waited for counts.
      double own = Math.max(0, total - Math.max(model, read) - write - monitor);
      return new RunSummary.Timings(r(model), r(read), r(write), r(monitor), r(own), r(total));
    }

    private double ms(Phase phase) {
      return nanos[phase.ordinal()] / 1e6;
    }

    private static double r(double ms) {
      return Math.round(ms * 1000) / 1000.0;
    }
  }

  private static long elapsed(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
