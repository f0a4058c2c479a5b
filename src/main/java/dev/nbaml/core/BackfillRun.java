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
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-scores a date range from the history table into the predictions table: streamed (bounded
 * memory), one transaction per chunk, chunks written side by side by writers with connections of
 * their own, progress recorded in chunk order so that a rerun after a crash goes on from the last
 * date up to which everything is written; the upsert makes a repeated chunk change nothing.
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
   *     writerCount} of them write chunks side by side, so that the database inserts one chunk
   *     while it receives the next and the next is scored
   */
  public BackfillRun(
      ModelProvider models,
      BackfillSource source,
      Supplier<PredictionWriter> writers,
      int writerCount,
      BackfillProgress progress,
      int chunkSize) {
    this(models, source, writers, writerCount, progress, chunkSize, RunSummary.DEFAULT_LISTED);
  }

  /**
   * @param listed the most rejected history rows the summary names (it counts them all by reason;
   *     the logs name every one)
   */
  public BackfillRun(
      ModelProvider models,
      BackfillSource source,
      Supplier<PredictionWriter> writers,
      int writerCount,
      BackfillProgress progress,
      int chunkSize,
      int listed) {
    this.listed = listed;
    this.models = models;
    this.source = source;
    this.writers = writers;
    this.writerCount = writerCount;
    this.progress = progress;
    this.chunkSize = chunkSize;
  }

  /**
   * A chunk handed to a writer: its write, and what to record once it and every chunk before it are
   * written.
   */
  private record Chunk(Future<Integer> write, LocalDate last, int rejected) {}

  @Override
  public Summary run(BackfillRequest request) {
    WinProbabilityModel model = models.current().model();
    String name = request.from() + ".." + request.to() + " " + model.version();
    Job job = new Job(request, model, name, progress.resumeAfter(name));
    try (Writers writers = new Writers()) {
      source.stream(
          request.from(),
          request.to(),
          job.after.orElse(null),
          chunkSize,
          rows -> job.accept(rows, writers));
      job.drain();
    }
    return job.finish();
  }

  /**
   * The writers of one backfill: {@code writerCount} connections of their own, each taking the next
   * chunk when it is idle.
   */
  private final class Writers implements AutoCloseable {
    private final List<PredictionWriter> opened = new ArrayList<>();
    private final BlockingQueue<PredictionWriter> idle = new ArrayBlockingQueue<>(writerCount);
    private final ExecutorService pool =
        Executors.newFixedThreadPool(writerCount, r -> new Thread(r, "backfill-writer"));

    Writers() {
      try {
        for (int i = 0; i < writerCount; i++) {
          PredictionWriter writer = writers.get();
          opened.add(writer);
          idle.add(writer);
        }
        opened.get(0).requireReady();
      } catch (RuntimeException e) {
        close();
        throw e;
      }
    }

    /** Writes the predictions on the next idle writer. */
    Future<Integer> submit(List<GamePrediction> predictions, String modelVersion) {
      return pool.submit(
          () -> {
            PredictionWriter writer = idle.take();
            try {
              return writer.write(predictions, modelVersion);
            } finally {
              idle.add(writer);
            }
          });
    }

    @Override
    public void close() {
      pool.shutdownNow();
      opened.forEach(PredictionWriter::close);
    }
  }

  /** One backfill as it goes: its chunks in flight, its counts, and the rows it named. */
  private final class Job {
    private final long start = System.nanoTime();
    private final BackfillRequest request;
    private final WinProbabilityModel model;
    private final String name;
    private final Optional<LocalDate> after;

    /** The first date this execution scores, and how many days it covers, for the progress log. */
    private final LocalDate first;

    private final double days;
    private final Deque<Chunk> inFlight = new ArrayDeque<>();
    private final Map<Rejection.Reason, Long> rejectedByReason =
        new EnumMap<>(Rejection.Reason.class);
    private final Map<GameWarning.Kind, Long> warnedByKind = new EnumMap<>(GameWarning.Kind.class);
    private final List<RunSummary.FlaggedGame> named = new ArrayList<>();
    private long scored;
    private long rejected;
    private long warnedGames;
    private int chunks;

    Job(
        BackfillRequest request,
        WinProbabilityModel model,
        String name,
        Optional<LocalDate> after) {
      this.request = request;
      this.model = model;
      this.name = name;
      this.after = after;
      after.ifPresent(d -> LOG.info("Backfill {} resumes after {}", name, d));
      // Progress is told by date: counting the range first would cost the database a scan of its
      // own.
      this.first = after.map(d -> d.plusDays(1)).orElse(request.from());
      this.days = Math.max(1, ChronoUnit.DAYS.between(first, request.to()) + 1);
    }

    /**
     * Validates and scores a chunk and hands it to a writer. Chunks are written side by side but
     * recorded in order: the progress table only ever names a date up to which every chunk is
     * written. At most writerCount chunks wait, so memory stays bounded.
     */
    void accept(List<GameFeatures> rows, Writers writers) {
      RowValidator.Result result = validator.validate(rows);
      List<GamePrediction> predictions = result.accepted().stream().map(model::predict).toList();
      count(result);
      if (inFlight.size() == writerCount) {
        record(inFlight.removeFirst());
      }
      inFlight.add(
          new Chunk(
              writers.submit(predictions, model.version()),
              rows.get(rows.size() - 1).gameDate(),
              result.rejected().size()));
    }

    /** A bad history row is counted and named, never the end of the backfill. */
    private void count(RowValidator.Result result) {
      for (Rejection r : result.rejected()) {
        rejectedByReason.merge(r.reason(), 1L, Long::sum);
        LOG.warn("Backfill {}: rejected {}: {} ({})", name, r.game(), r.reason(), r.detail());
        if (named.size() < listed) {
          named.add(RunSummary.FlaggedGame.of(r));
        }
      }
      result.warnings().forEach(w -> warnedByKind.merge(w.kind(), 1L, Long::sum));
      warnedGames += result.warnings().stream().map(GameWarning::game).distinct().count();
    }

    /** Waits for a chunk's write, then records the progress up to its last date. */
    private void record(Chunk chunk) {
      scored += await(chunk.write());
      rejected += chunk.rejected();
      chunks++;
      progress.save(name, chunk.last(), scored + rejected, false);
      double seconds = (System.nanoTime() - start) / 1e9;
      LOG.info(
          "Backfill {}: {} rows up to {} ({}% of the days), {} rows/s",
          name,
          scored + rejected,
          chunk.last(),
          Math.round(100 * (ChronoUnit.DAYS.between(first, chunk.last()) + 1) / days),
          Math.round((scored + rejected) / Math.max(seconds, 1e-3)));
    }

    /** Records every chunk still being written. */
    void drain() {
      while (!inFlight.isEmpty()) {
        record(inFlight.removeFirst());
      }
    }

    Summary finish() {
      progress.save(name, request.to(), scored + rejected, true);
      long ms = (System.nanoTime() - start) / 1_000_000;
      return new Summary(
          "BACKFILLED",
          request.runId(),
          request.from(),
          request.to(),
          model.version(),
          after.orElse(null),
          scored,
          rejected,
          rejectedByReason,
          List.copyOf(named),
          warnedGames,
          warnedByKind,
          chunks,
          ms,
          Math.round((scored + rejected) * 1000.0 / Math.max(ms, 1)));
    }
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
