package dev.nbaml.core;

import dev.nbaml.core.RunSummary.RejectedGame;
import dev.nbaml.core.RunSummary.Skipped;
import dev.nbaml.core.RunSummary.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scoring run: load the model, read the upcoming games, validate, score and write them. Knows
 * nothing of AWS or JDBC: the model, the reader and the writer are given to it.
 */
public final class ScoringRun {
  private static final Logger LOG = LoggerFactory.getLogger(ScoringRun.class);

  private final ModelProvider models;
  private final GameFeatureReader reader;
  private final PredictionWriter writer;
  private final RunMonitor monitor;
  private final RowValidator validator = new RowValidator();

  public ScoringRun(
      ModelProvider models, GameFeatureReader reader, PredictionWriter writer, RunMonitor monitor) {
    this.models = models;
    this.reader = reader;
    this.writer = writer;
    this.monitor = monitor;
  }

  /**
   * Runs once.
   *
   * @throws AllGamesRejectedException when there were games and every one was invalid
   * @throws ModelUnavailableException when no verified model could be loaded
   */
  public RunSummary run(RunRequest request) {
    long start = System.nanoTime();
    Clock clock = new Clock();
    // The model comes from S3 while the credentials, the connection and the checks go on.
    CompletableFuture<ModelProvider.Selection> loading =
        CompletableFuture.supplyAsync(() -> clock.time(Phase.MODEL, models::current), LOADER);
    Optional<Boolean> season = clock.time(Phase.READ, reader::seasonEnabled);
    if (season.isPresent() && !season.get()) {
      LOG.info("Feature flag 'season' is off: nothing to score for {}", request.runDate());
      return new RunSummary(
          Status.SEASON_OFF,
          request.runId(),
          request.runDate(),
          request.trigger(),
          null,
          0,
          0,
          List.of(),
          0,
          List.of(new Skipped("season_off", 0, "feature flag 'season' is not enabled")),
          List.of(),
          null,
          clock.timings(start),
          elapsed(start));
    }

    clock.time(Phase.WRITE, () -> {
      writer.requireReady();
      return null;
    });
    ModelProvider.Selection selection = join(loading);
    WinProbabilityModel model = selection.model();
    List<String> warnings = new ArrayList<>();
    selection.warning().ifPresent(warnings::add);

    List<GameFeatures> rows = clock.time(Phase.READ, () -> reader.upcomingGames(request.runDate()));
    int stale = clock.time(Phase.READ, () -> reader.countStaleGames(request.runDate()));
    List<Skipped> skipped =
        stale == 0
            ? List.of()
            : List.of(
                new Skipped(
                    "stale",
                    stale,
                    "rows dated before " + request.runDate() + " are stale and were not scored"));

    RowValidator.Result validation = validator.validate(rows);
    for (Rejection rejection : validation.rejected()) {
      LOG.warn("Rejected {}: {} ({})", rejection.game(), rejection.reason(), rejection.detail());
    }
    List<RejectedGame> rejected = validation.rejected().stream().map(RejectedGame::of).toList();

    List<GamePrediction> predictions = new ArrayList<>(validation.accepted().size());
    for (GameFeatures game : validation.accepted()) {
      double[] values = FeatureCatalog.values(game, model.featureNames());
      predictions.add(GamePrediction.of(game, model.homeWinProbability(values)));
    }

    Status status = Status.SCORED;
    if (rows.isEmpty()) {
      status = Status.NO_GAMES;
    } else if (predictions.isEmpty()) {
      throw new AllGamesRejectedException(
          new RunSummary(
              Status.FAILED,
              request.runId(),
              request.runDate(),
              request.trigger(),
              model.version(),
              0,
              rejected.size(),
              rejected,
              stale,
              skipped,
              List.copyOf(warnings),
              null,
              clock.timings(start),
              elapsed(start)));
    } else {
      clock.time(Phase.WRITE, () -> writer.write(predictions, model.version()));
    }
    for (GamePrediction p : predictions) {
      LOG.info(
          "Scored {}: P(home win) = {}", p.game().key(), p.homeTeamPredictedWinPct());
    }
    Monitoring monitoring = clock.time(Phase.MONITOR, () -> monitor(request, model, warnings));
    return new RunSummary(
        status,
        request.runId(),
        request.runDate(),
        request.trigger(),
        model.version(),
        predictions.size(),
        rejected.size(),
        rejected,
        stale,
        skipped,
        List.copyOf(warnings),
        monitoring,
        clock.timings(start),
        elapsed(start));
  }

  /** Monitoring never fails a run: its errors and the drift it finds become warnings. */
  private Monitoring monitor(RunRequest request, WinProbabilityModel model, List<String> warnings) {
    Monitoring monitoring;
    try {
      monitoring = monitor.afterRun(request, model);
    } catch (RuntimeException e) {
      LOG.warn("Monitoring failed, the predictions are written: {}", e.getMessage());
      warnings.add("monitoring failed: " + e.getMessage());
      return null;
    }
    if (monitoring != null && monitoring.rolling() != null && monitoring.rolling().games() > 0) {
      Monitoring.Rolling r = monitoring.rolling();
      LOG.info("Rolling performance of {} over the last {} settled games: accuracy {}, Brier {};"
          + " moneyline favourite {} / {}", model.version(), r.games(), r.accuracy(), r.brier(),
          r.marketAccuracy(), r.marketBrier());
    }
    if (monitoring != null && monitoring.drift() != null) {
      for (String feature : monitoring.drift().flagged()) {
        String warning = "drift: feature " + feature + " has PSI " + monitoring.drift().psi().get(feature)
            + " over the last " + monitoring.drift().games() + " games (threshold " + monitoring.drift().threshold() + ")";
        LOG.warn(warning);
        warnings.add(warning);
      }
    }
    return monitoring;
  }

  private static final java.util.concurrent.Executor LOADER =
      java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "model-loader");
        t.setDaemon(true);
        return t;
      });

  private static ModelProvider.Selection join(CompletableFuture<ModelProvider.Selection> loading) {
    try {
      return loading.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  private enum Phase { MODEL, READ, WRITE, MONITOR }

  /** Adds up the time spent in each phase of one run. */
  private static final class Clock {
    private final long[] nanos = new long[Phase.values().length];

    <T> T time(Phase phase, java.util.function.Supplier<T> work) {
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
