package dev.nbaml.training;

import dev.nbaml.core.WinProbabilityModel;
import dev.nbaml.history.LabeledGame;
import dev.nbaml.model.ModelCard;
import dev.nbaml.model.TribuoWinModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retraining in the function ({@code {"action": "retrain"}}): trains from the history table as
 * {@code train --from-db} does ({@link ModelTrainer}), validates on the latest complete regular
 * season ({@link Retraining#latestCompleteSeason}), applies the quality gate and one more
 * condition, not worse than the current model on the same games ({@link Retraining#notWorse}); a
 * model that passes is published as the next version ({@link Retraining#nextVersion}) and the
 * shadow alias is pointed at it. A model that fails changes nothing in the registry, and the result
 * says why.
 */
public final class RetrainingRun implements Retrainer {
  private static final Logger LOG = LoggerFactory.getLogger(RetrainingRun.class);

  /** The most failures a result lists, and the longest each is (the result is bounded). */
  static final int MAX_FAILURES = 10;

  static final int MAX_FAILURE_CHARS = 300;

  /** Game history with results, oldest first (the history table). */
  public interface HistorySource {
    List<LabeledGame> games();

    /** Where the history comes from, recorded in the card (e.g. "database table ..."). */
    String description();
  }

  /** The model's folder in the registry: what retraining reads and the two writes it makes. */
  public interface Registry {
    /** The versions published under the model's folder. */
    List<String> versions();

    /** The version an alias names, if the alias exists. */
    Optional<String> aliasVersion(String alias);

    /** The model file's SHA-256 of a published version. */
    String modelSha256(String version);

    /** Verifies and uploads a model version folder (never overwriting a published version). */
    void publish(Path dir);

    /** Points an alias at a published, verified version. */
    void pointAlias(String alias, String version);
  }

  private final HistorySource history;
  private final Supplier<WinProbabilityModel> currentModel;
  private final Registry registry;
  private final String modelName;
  private final String shadowAlias;
  private final Clock clock;

  /**
   * @param currentModel the function's live model (the {@code current} alias's), verified
   * @param modelName the registry's model name, e.g. nba-winner
   * @param shadowAlias the alias a published version is pointed at ({@code MODEL_SHADOW_ALIAS})
   */
  public RetrainingRun(
      HistorySource history,
      Supplier<WinProbabilityModel> currentModel,
      Registry registry,
      String modelName,
      String shadowAlias,
      Clock clock) {
    this.history = history;
    this.currentModel = currentModel;
    this.registry = registry;
    this.modelName = modelName;
    this.shadowAlias = shadowAlias;
    this.clock = clock;
  }

  /**
   * Trains, gates and (when it passes) publishes.
   *
   * @throws IllegalStateException when the history has no complete season to validate on, or none
   *     before it to train on
   */
  @Override
  public Result run(String runId) {
    long start = System.nanoTime();
    Instant now = clock.instant();
    WinProbabilityModel current = currentModel.get();
    List<LabeledGame> games = history.games();
    String validation =
        Retraining.latestCompleteSeason(games, LocalDate.ofInstant(now, clock.getZone()))
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "Cannot retrain: "
                            + history.description()
                            + " holds no complete"
                            + " regular season to validate on ("
                            + games.size()
                            + " games with results)"));
    // Only the seasons the model sees: the same games give the same digest and model file every
    // month.
    List<LabeledGame> used =
        games.stream().filter(g -> g.season().compareTo(validation) <= 0).toList();
    String version = Retraining.nextVersion(registry.versions());
    ModelTrainer.Options options =
        new ModelTrainer.Options(
            modelName,
            version,
            validation,
            null,
            TrainingDefaults.FEATURES,
            TrainingDefaults.EPOCHS,
            TrainingDefaults.LEARNING_RATE,
            TrainingDefaults.SEED,
            TrainingDefaults.GATE);
    Path dir = temporaryFolder();
    try {
      ModelTrainer.Result trained;
      try {
        trained =
            ModelTrainer.train(
                used,
                ModelTrainer.dataSha256(used),
                history.description(),
                options,
                Optional.empty(),
                Optional.of(new ModelTrainer.Incumbent(current.version(), current)),
                dir.resolve(version),
                now);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(
            "Cannot retrain on " + history.description() + ": " + e.getMessage(), e);
      } catch (QualityGateException e) {
        LOG.warn(
            "Retrained model {}@{} failed the gate, nothing published: {}",
            modelName,
            version,
            e.getMessage());
        return result(
            Status.GATE_FAILED,
            runId,
            version,
            current,
            validation,
            null,
            0,
            null,
            e.failures(),
            start);
      }
      ModelCard card = trained.card();
      String seasons = card.training().path("seasons").asText();
      Optional<String> same = sameModelAs(card, current);
      if (same.isPresent()) {
        // names the version that already holds this model, not a number that was never published
        return result(
            Status.UNCHANGED,
            runId,
            same.get().substring(same.get().indexOf('@') + 1),
            current,
            validation,
            seasons,
            trained.trainingRows(),
            trained.evaluation().model(),
            List.of(
                "the retrained model file is identical to "
                    + same.get()
                    + "'s: nothing to publish"),
            start);
      }
      registry.publish(dir.resolve(version));
      registry.pointAlias(shadowAlias, version);
      LOG.info("Published {} and pointed alias {} at it", card.id(), shadowAlias);
      return result(
          Status.PUBLISHED,
          runId,
          version,
          current,
          validation,
          seasons,
          trained.trainingRows(),
          trained.evaluation().model(),
          List.of(),
          start);
    } finally {
      delete(dir);
    }
  }

  /** The current model's or the shadow alias's version whose model file is this one, if any. */
  private Optional<String> sameModelAs(ModelCard card, WinProbabilityModel current) {
    if (current instanceof TribuoWinModel t && t.card().modelSha256().equals(card.modelSha256())) {
      return Optional.of(current.version());
    }
    return registry
        .aliasVersion(shadowAlias)
        .filter(v -> registry.modelSha256(v).equals(card.modelSha256()))
        .map(v -> modelName + "@" + v);
  }

  private Result result(
      Status status,
      String runId,
      String version,
      WinProbabilityModel current,
      String validation,
      String seasons,
      int trainingGames,
      Metrics candidate,
      List<String> failures,
      long start) {
    List<String> bounded =
        failures.stream()
            .limit(MAX_FAILURES)
            .map(
                f -> f.length() > MAX_FAILURE_CHARS ? f.substring(0, MAX_FAILURE_CHARS) + "..." : f)
            .toList();
    return new Result(
        status,
        runId,
        modelName + "@" + version,
        current.version(),
        shadowAlias,
        validation,
        seasons,
        trainingGames,
        candidate,
        bounded,
        (System.nanoTime() - start) / 1_000_000);
  }

  private static Path temporaryFolder() {
    try {
      return Files.createTempDirectory("nbaml-retrain-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a temporary folder for the retrained model", e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("Cannot delete the temporary folder {}: {}", dir, e.getMessage());
    }
  }
}
