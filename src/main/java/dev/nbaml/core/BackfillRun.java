package dev.nbaml.core;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-scores a date range from the history table into the predictions table: streamed (bounded memory),
 * one transaction per chunk, chunks written side by side by writers with connections of their own,
 * progress recorded in chunk order so that a rerun after a crash goes on from the last date up to which
 * everything is written; the upsert makes a repeated chunk change nothing.
 */
public final class BackfillRun implements Backfiller {
  private static final Logger LOG = LoggerFactory.getLogger(BackfillRun.class);

  /** What a backfill did. */
  public record Summary(
      String status,
      String runId,
      LocalDate from,
      LocalDate to,
      String modelVersion,
      LocalDate resumedAfter,
      long gamesScored,
      long gamesRejected,
      Map<Rejection.Reason, Long> rejectedByReason,
      List<RunSummary.FlaggedGame> rejected,
      long gamesWarned,
      Map<GameWarning.Kind, Long> warnedByReason,
      int chunks,
      long durationMs,
      long rowsPerSecond) {}

  private final ModelProvider models;
  private final BackfillSource source;
  private final Supplier<PredictionWriter> writers;
  private final int writerCount;
  private final BackfillProgress progress;
  private final int chunkSize;
  private final RowValidator validator = new RowValidator();
  private final int listed;

  /**
   * @param writers opens a writer of its own (its own connection) each time it is called; {@code
   *     writerCount} of them write chunks side by side, so that the database inserts one chunk while
   *     it receives the next and the next is scored
   */
  public BackfillRun(ModelProvider models, BackfillSource source, Supplier<PredictionWriter> writers,
      int writerCount, BackfillProgress progress, int chunkSize) {
    this(models, source, writers, writerCount, progress, chunkSize, RunSummary.DEFAULT_LISTED);
  }

  /**
   * @param listed the most rejected history rows the summary names (it counts them all by reason; the
   *     logs name every one)
   */
  public BackfillRun(ModelProvider models, BackfillSource source, Supplier<PredictionWriter> writers,
      int writerCount, BackfillProgress progress, int chunkSize, int listed) {
    this.listed = listed;
    this.models = models;
    this.source = source;
    this.writers = writers;
    this.writerCount = writerCount;
    this.progress = progress;
    this.chunkSize = chunkSize;
  }

  /** A chunk handed to a writer: its write, and what to record once it and every chunk before it are written. */
  private record Chunk(Future<Integer> write, LocalDate last, int rejected) {}

  @Override
  public Summary run(BackfillRequest request) {
    long start = System.nanoTime();
    WinProbabilityModel model = models.current().model();
    String job = request.from() + ".." + request.to() + " " + model.version();
    Optional<LocalDate> after = progress.resumeAfter(job);
    after.ifPresent(d -> LOG.info("Backfill {} resumes after {}", job, d));
    // Progress is told by date: counting the range first would cost the database a scan of its own.
    LocalDate first = after.map(d -> d.plusDays(1)).orElse(request.from());
    double days = Math.max(1, ChronoUnit.DAYS.between(first, request.to()) + 1);
    long[] done = {0, 0}; // scored, rejected
    int[] chunks = {0};
    Map<Rejection.Reason, Long> reasons = new EnumMap<>(Rejection.Reason.class);
    Map<GameWarning.Kind, Long> warnedKinds = new EnumMap<>(GameWarning.Kind.class);
    List<RunSummary.FlaggedGame> named = new ArrayList<>();
    long[] warnedGames = {0};
    List<PredictionWriter> opened = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(writerCount, r -> new Thread(r, "backfill-writer"));
    try {
      BlockingQueue<PredictionWriter> idle = new ArrayBlockingQueue<>(writerCount);
      for (int i = 0; i < writerCount; i++) {
        PredictionWriter writer = writers.get();
        opened.add(writer);
        idle.add(writer);
      }
      opened.get(0).requireReady();
      // Chunks are written side by side but recorded in order: the progress table only ever names a date
      // up to which every chunk is written. At most writerCount chunks wait, so memory stays bounded.
      Deque<Chunk> inFlight = new ArrayDeque<>();
      Consumer<Chunk> record = chunk -> {
        done[0] += await(chunk.write());
        done[1] += chunk.rejected();
        chunks[0]++;
        progress.save(job, chunk.last(), done[0] + done[1], false);
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info("Backfill {}: {} rows up to {} ({}% of the days), {} rows/s", job, done[0] + done[1], chunk.last(),
            Math.round(100 * (ChronoUnit.DAYS.between(first, chunk.last()) + 1) / days),
            Math.round((done[0] + done[1]) / Math.max(seconds, 1e-3)));
      };
      source.stream(request.from(), request.to(), after.orElse(null), chunkSize, rows -> {
        RowValidator.Result result = validator.validate(rows);
        List<GamePrediction> predictions = result.accepted().stream()
            .map(model::predict)
            .toList();
        // A bad history row is counted and named, never the end of the backfill.
        for (Rejection r : result.rejected()) {
          reasons.merge(r.reason(), 1L, Long::sum);
          LOG.warn("Backfill {}: rejected {}: {} ({})", job, r.game(), r.reason(), r.detail());
          if (named.size() < listed) {
            named.add(RunSummary.FlaggedGame.of(r));
          }
        }
        result.warnings().forEach(w -> warnedKinds.merge(w.kind(), 1L, Long::sum));
        warnedGames[0] += result.warnings().stream().map(GameWarning::game).distinct().count();
        if (inFlight.size() == writerCount) {
          record.accept(inFlight.removeFirst());
        }
        inFlight.add(new Chunk(pool.submit(() -> {
          PredictionWriter writer = idle.take();
          try {
            return writer.write(predictions, model.version());
          } finally {
            idle.add(writer);
          }
        }), rows.get(rows.size() - 1).gameDate(), result.rejected().size()));
      });
      while (!inFlight.isEmpty()) {
        record.accept(inFlight.removeFirst());
      }
    } finally {
      pool.shutdownNow();
      opened.forEach(PredictionWriter::close);
    }
    progress.save(job, request.to(), done[0] + done[1], true);
    long ms = (System.nanoTime() - start) / 1_000_000;
    return new Summary("BACKFILLED", request.runId(), request.from(), request.to(), model.version(),
        after.orElse(null), done[0], done[1], reasons, List.copyOf(named), warnedGames[0], warnedKinds, chunks[0], ms,
        Math.round((done[0] + done[1]) * 1000.0 / Math.max(ms, 1)));
  }

  private static int await(Future<Integer> write) {
    try {
      return write.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Backfill interrupted", e);
    }
  }
}
