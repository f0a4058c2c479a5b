package dev.nbaml.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nbaml.core.FeatureCatalog;
import dev.nbaml.core.FeatureDistribution;
import dev.nbaml.core.GameFeatures;
import dev.nbaml.core.RowValidator;
import dev.nbaml.core.WinProbabilityModel;
import dev.nbaml.history.LabeledGame;
import dev.nbaml.model.ModelArtifacts;
import dev.nbaml.model.ModelCard;
import dev.nbaml.model.ReproducibleModels;
import dev.nbaml.model.TribuoWinModel;
import dev.nbaml.util.Hashing;
import dev.nbaml.util.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains the logistic regression on history with a time-based split (earlier seasons train, a later
 * season validates), evaluates it against the baselines, applies the quality gate and writes the
 * model version with its card. The same input gives a byte-identical model file: fixed seed, single
 * thread, and a provenance whose time is the last training game's date.
 */
public final class ModelTrainer {

  /** Training settings; {@link TrainingDefaults} holds the values used unless told otherwise. */
  public record Options(
      String name,
      String version,
      String validationSeason,
      String firstSeason,
      List<String> features,
      int epochs,
      double learningRate,
      long seed,
      QualityGate gate) {}

  /** What a training run produced (the card is the written one). */
  public record Result(ModelCard card, EvaluationReport evaluation, int trainingRows) {}

  /**
   * The model a new one must not be worse than ({@link Retraining#notWorse}), scored on the same
   * validation games: the function's current model when it retrains.
   *
   * @param version its id, e.g. {@code nba-winner@1.1.0}
   */
  public record Incumbent(String version, WinProbabilityModel model) {}

  /**
   * The time-based split: the seasons from {@code first} up to (not including) {@code validation}
   * train; the validation season's regular-season games validate.
   */
  private record Split(
      String first, String validation, List<LabeledGame> training, List<LabeledGame> validating) {

    String lastTrainingSeason() {
      return training.get(training.size() - 1).season();
    }

    double homeWinRate() {
      return training.stream().mapToInt(LabeledGame::homeWin).average().orElse(0.5);
    }
  }

  /**
   * The training examples, their feature values (for the card's distributions) and the data's time.
   */
  private record TrainingSet(
      MutableDataset<Label> dataset, List<double[]> rows, OffsetDateTime dataTime) {}

  private ModelTrainer() {}

  /**
   * Trains, evaluates and, when the gate passes, writes {@code out}.
   *
   * @param dataSha256 digest of the training data, recorded in the card
   * @param dataDescription where the data came from, recorded in the card
   * @throws QualityGateException when the model misses the gate (nothing is written)
   */
  public static Result train(
      List<LabeledGame> history,
      String dataSha256,
      String dataDescription,
      Options options,
      Optional<WinProbabilityModel> legacy,
      Path out,
      Instant createdAt) {
    return train(
        history, dataSha256, dataDescription, options, legacy, Optional.empty(), out, createdAt);
  }

  /**
   * Trains as {@link #train(List, String, String, Options, Optional, Path, Instant)} does; with an
   * incumbent, the gate has one more condition: not worse than it on the same validation games
   * ({@link Retraining#notWorse}), recorded in the card's {@code gate}.
   *
   * @throws QualityGateException when the model misses the gate (nothing is written)
   */
  public static Result train(
      List<LabeledGame> history,
      String dataSha256,
      String dataDescription,
      Options options,
      Optional<WinProbabilityModel> legacy,
      Optional<Incumbent> incumbent,
      Path out,
      Instant createdAt) {
    Split split = split(history, options);
    TrainingSet set = trainingSet(split, options.features(), dataSha256);
    Model<Label> model = fit(set, options, dataSha256);
    ModelCard draft =
        ModelCard.builder(options.name(), options.version(), createdAt)
            .features(options.features())
            .description(
                "Logistic regression on point-in-time team form and the de-vigged betting market.")
            .source(source())
            .training(trainingFacts(split, set, options, dataDescription, dataSha256))
            .featureDistributions(distributions(set.rows(), options.features()))
            .provenance(model.getProvenance().toString())
            .build();
    EvaluationReport report = evaluate(draft, model, split, legacy);
    List<String> failures = new ArrayList<>(options.gate().failures(report));
    ObjectNode gate = Json.MAPPER.valueToTree(options.gate());
    if (incumbent.isPresent()) {
      Metrics current =
          EvaluationReport.evaluate(
                  split.validation() + " regular season",
                  incumbent.get().model(),
                  split.validating(),
                  split.homeWinRate(),
                  Optional.empty())
              .model();
      Retraining.notWorse(report.model(), current, incumbent.get().version())
          .ifPresent(failures::add);
      ObjectNode bar = gate.putObject("not_worse_than");
      bar.put("model_version", incumbent.get().version());
      bar.put("brier", current.brier());
      bar.put("accuracy", current.accuracy());
    }
    if (!failures.isEmpty()) {
      throw new QualityGateException(failures);
    }
    gate.put("passed", true);
    ModelCard card =
        draft.toBuilder().evaluation(Json.MAPPER.valueToTree(report)).gate(gate).build();
    return new Result(ModelArtifacts.write(out, model, card), report, split.training().size());
  }

  /** The rows the validator accepts, split by season. */
  private static Split split(List<LabeledGame> history, Options options) {
    RowValidator validator = new RowValidator();
    List<LabeledGame> usable =
        history.stream()
            .filter(g -> validator.validate(List.of(g.features())).rejected().isEmpty())
            .toList();
    TreeSet<String> seasons = new TreeSet<>();
    usable.forEach(g -> seasons.add(g.season()));
    String validation =
        options.validationSeason() != null ? options.validationSeason() : seasons.last();
    String first =
        options.firstSeason() != null
            ? options.firstSeason()
            : seasons.size() > 2 ? seasons.higher(seasons.first()) : seasons.first();
    List<LabeledGame> training =
        usable.stream()
            .filter(g -> g.season().compareTo(first) >= 0 && g.season().compareTo(validation) < 0)
            .toList();
    List<LabeledGame> validating =
        usable.stream().filter(g -> g.season().equals(validation) && g.regularSeason()).toList();
    if (training.isEmpty()) {
      throw new IllegalArgumentException(
          "No training games: seasons from " + first + " up to " + validation + " are needed");
    }
    if (validating.isEmpty()) {
      throw new IllegalArgumentException(
          "No regular-season games of the validation season " + validation);
    }
    return new Split(first, validation, training, validating);
  }

  /** One example per training game, and one more without its line for a game with odds. */
  private static TrainingSet trainingSet(Split split, List<String> features, String dataSha256) {
    OffsetDateTime dataTime =
        split.training().stream()
            .map(g -> g.features().gameDate())
            .max(LocalDate::compareTo)
            .orElseThrow()
            .atStartOfDay()
            .atOffset(ZoneOffset.UTC);
    String[] names = features.toArray(String[]::new);
    MutableDataset<Label> dataset =
        new MutableDataset<>(
            new SimpleDataSourceProvenance(
                "NBA games "
                    + split.first()
                    + " to "
                    + split.lastTrainingSeason()
                    + ", sha256 "
                    + dataSha256,
                dataTime,
                new LabelFactory()),
            new LabelFactory());
    List<double[]> rows = new ArrayList<>();
    for (LabeledGame g : split.training()) {
      Label label = new Label(g.homeWin() == 1 ? ModelCard.HOME_WIN : ModelCard.AWAY_WIN);
      double[] values = FeatureCatalog.values(g.features(), features);
      dataset.add(new ArrayExample<>(label, names, values));
      rows.add(values);
      if (FeatureCatalog.marketProbability(g.features()).isPresent()) {
        // The same game without its line, so that the model learns to score games without odds.
        dataset.add(
            new ArrayExample<>(
                label, names, FeatureCatalog.values(withoutOdds(g.features()), features)));
      }
    }
    return new TrainingSet(dataset, rows, dataTime);
  }

  /**
   * The logistic regression (fixed seed, one thread), with a provenance that holds no wall-clock
   * time and no host facts: its time is the last training game's date.
   */
  private static Model<Label> fit(TrainingSet set, Options options, String dataSha256) {
    LinearSGDTrainer trainer =
        new LinearSGDTrainer(
            new LogMulticlass(),
            new AdaGrad(options.learningRate(), 1e-6),
            options.epochs(),
            Integer.MAX_VALUE,
            1,
            options.seed());
    Model<Label> trained = trainer.train(set.dataset());
    ModelProvenance p = trained.getProvenance();
    return ReproducibleModels.withProvenance(
        trained,
        ReproducibleModels.provenance(
            set.dataTime(),
            p.getDatasetProvenance(),
            p.getTrainerProvenance(),
            Map.of("training-data-sha256", dataSha256)));
  }

  private static ObjectNode source() {
    ObjectNode source = Json.MAPPER.createObjectNode();
    source.put("type", "training");
    source.put("trainer", "Tribuo LinearSGDTrainer (logistic loss, AdaGrad)");
    return source;
  }

  /** The card's {@code training}: the data, the split and the settings. */
  private static ObjectNode trainingFacts(
      Split split, TrainingSet set, Options options, String dataDescription, String dataSha256) {
    ObjectNode training = Json.MAPPER.createObjectNode();
    training.put("data", dataDescription);
    training.put("data_sha256", dataSha256);
    training.put("seasons", split.first() + " to " + split.lastTrainingSeason());
    training.put("games", split.training().size());
    training.put("examples", set.dataset().size());
    training.put(
        "validation",
        split.validation() + " regular season (" + split.validating().size() + " games)");
    training.put("split", "time-based: train on the seasons before the validation season");
    training.put("features_point_in_time", true);
    training.put("epochs", options.epochs());
    training.put("learning_rate", options.learningRate());
    training.put("seed", options.seed());
    training.put("home_win_rate", Metrics.round(split.homeWinRate()));
    return training;
  }

  /** The model, loaded as it will be scored, on the validation games next to the baselines. */
  private static EvaluationReport evaluate(
      ModelCard draft, Model<Label> model, Split split, Optional<WinProbabilityModel> legacy) {
    byte[] bytes = ModelArtifacts.toBytes(model);
    TribuoWinModel candidate =
        TribuoWinModel.load(draft.withModelSha256(Hashing.sha256(bytes)), bytes);
    return EvaluationReport.evaluate(
        split.validation() + " regular season",
        candidate,
        split.validating(),
        split.homeWinRate(),
        legacy);
  }

  /**
   * The digest of history read from a table (a CSV history has its files' digest): of the games as
   * JSON, so that the same games give the same digest, and the same model file.
   */
  public static String dataSha256(List<LabeledGame> history) {
    try {
      return Hashing.sha256(
          Json.MAPPER.writeValueAsString(history).getBytes(StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialize the training history", e);
    }
  }

  static GameFeatures withoutOdds(GameFeatures g) {
    return new GameFeatures(
        g.homeTeam(),
        g.awayTeam(),
        g.gameDate(),
        g.home().withMoneyline(null),
        g.away().withMoneyline(null));
  }

  private static JsonNode distributions(List<double[]> rows, List<String> names) {
    Map<String, FeatureDistribution> byName = new LinkedHashMap<>();
    for (int f = 0; f < names.size(); f++) {
      double[] column = new double[rows.size()];
      for (int i = 0; i < column.length; i++) {
        column[i] = rows.get(i)[f];
      }
      byName.put(names.get(f), FeatureDistribution.of(column));
    }
    return Json.MAPPER.valueToTree(byName);
  }
}
