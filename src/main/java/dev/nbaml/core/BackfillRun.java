package dev.nbaml.core;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-scores a date range from the history table into the predictions table: streamed (bounded memory),
 * one transaction per chunk, progress recorded after each chunk so that a rerun after a crash goes on
 * from the last written date; the upsert makes a repeated chunk change nothing.
 */
public final class BackfillRun {
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
      int chunks,
      long durationMs,
      long rowsPerSecond) {}

  private final ModelProvider models;
  private final BackfillSource source;
  private final PredictionWriter writer;
  private final BackfillProgress progress;
  private final int chunkSize;
  private final RowValidator validator = new RowValidator();

  public BackfillRun(ModelProvider models, BackfillSource source, PredictionWriter writer, BackfillProgress progress, int chunkSize) {
    this.models = models;
    this.source = source;
    this.writer = writer;
    this.progress = progress;
    this.chunkSize = chunkSize;
  }

  private static void await(Future<?> write) {
    try {
      write.get();
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

  public Summary run(BackfillRequest request) {
    long start = System.nanoTime();
    writer.requireReady();
    WinProbabilityModel model = models.current().model();
    String job = request.from() + ".." + request.to() + " " + model.version();
    Optional<LocalDate> after = progress.resumeAfter(job);
    after.ifPresent(d -> LOG.info("Backfill {} resumes after {}", job, d));
    long total = source.count(after.map(d -> d.plusDays(1)).orElse(request.from()), request.to());
    long[] scored = {0};
    long[] rejected = {0};
    int[] chunks = {0};
    Map<Rejection.Reason, Long> reasons = new EnumMap<>(Rejection.Reason.class);
    // One writer thread: chunk N is written while chunk N + 1 is validated and scored. At most one chunk
    // waits, so memory stays bounded; progress is saved only once a chunk is written.
    ExecutorService writing = Executors.newSingleThreadExecutor(r -> new Thread(r, "backfill-writer"));
    Future<?>[] pending = {CompletableFuture.completedFuture(null)};
    try {
      source.stream(request.from(), request.to(), after.orElse(null), chunkSize, rows -> {
        RowValidator.Result result = validator.validate(rows);
        List<GamePrediction> predictions = result.accepted().stream()
            .map(g -> GamePrediction.of(g, model.homeWinProbability(FeatureCatalog.values(g, model.featureNames()))))
            .toList();
        LocalDate last = rows.get(rows.size() - 1).gameDate();
        result.rejected().forEach(r -> reasons.merge(r.reason(), 1L, Long::sum));
        await(pending[0]);
        pending[0] = writing.submit(() -> {
          writer.write(predictions, model.version());
          scored[0] += predictions.size();
          rejected[0] += result.rejected().size();
          chunks[0]++;
          progress.save(job, last, scored[0] + rejected[0], false);
          double seconds = (System.nanoTime() - start) / 1e9;
          LOG.info("Backfill {}: {} of {} rows ({}%) up to {}, {} rows/s", job, scored[0] + rejected[0], total,
              total == 0 ? 100 : Math.round(100.0 * (scored[0] + rejected[0]) / total), last,
              Math.round((scored[0] + rejected[0]) / Math.max(seconds, 1e-3)));
        });
      });
      await(pending[0]);
    } finally {
      writing.shutdownNow();
    }
    progress.save(job, request.to(), scored[0] + rejected[0], true);
    long ms = (System.nanoTime() - start) / 1_000_000;
    return new Summary("BACKFILLED", request.runId(), request.from(), request.to(), model.version(),
        after.orElse(null), scored[0], rejected[0], reasons, chunks[0], ms,
        Math.round((scored[0] + rejected[0]) * 1000.0 / Math.max(ms, 1)));
  }
}
