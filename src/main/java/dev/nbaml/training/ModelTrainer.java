package dev.nbaml.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nbaml.core.FeatureCatalog;
import dev.nbaml.core.FeatureDistribution;
import dev.nbaml.core.GameFeatures;
import dev.nbaml.core.RowValidator;
import dev.nbaml.core.TeamFeatures;
import dev.nbaml.core.WinProbabilityModel;
import dev.nbaml.model.ModelArtifacts;
import dev.nbaml.model.ModelCard;
import dev.nbaml.model.ReproducibleModels;
import dev.nbaml.model.TribuoWinModel;
import dev.nbaml.util.Hashing;
import dev.nbaml.util.Json;
import java.nio.file.Path;
import java.time.Instant;
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

  /** Training settings. */
  public record Options(
      String name,
      String version,
      String validationSeason,
      String firstSeason,
      List<String> features,
      int epochs,
      double learningRate,
      long seed,
      QualityGate gate) {

    public static Options defaults(String name, String version, String validationSeason) {
      return new Options(name, version, validationSeason, null, FeatureCatalog.MODEL_FEATURES, 10, 0.05, 42L, QualityGate.DEFAULT);
    }
  }

  /** What a training run produced (the card is the written one). */
  public record Result(ModelCard card, EvaluationReport evaluation, int trainingRows) {}

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
    RowValidator validator = new RowValidator();
    List<LabeledGame> usable = history.stream()
        .filter(g -> validator.validate(List.of(g.features())).rejected().isEmpty())
        .toList();
    TreeSet<String> seasons = new TreeSet<>();
    usable.forEach(g -> seasons.add(g.season()));
    String validation = options.validationSeason() != null ? options.validationSeason() : seasons.last();
    String first = options.firstSeason() != null ? options.firstSeason()
        : seasons.size() > 2 ? seasons.higher(seasons.first()) : seasons.first();
    List<LabeledGame> training = usable.stream()
        .filter(g -> g.season().compareTo(first) >= 0 && g.season().compareTo(validation) < 0).toList();
    List<LabeledGame> validating = usable.stream()
        .filter(g -> g.season().equals(validation) && g.regularSeason()).toList();
    if (training.isEmpty()) {
      throw new IllegalArgumentException("No training games: seasons from " + first + " up to " + validation + " are needed");
    }
    if (validating.isEmpty()) {
      throw new IllegalArgumentException("No regular-season games of the validation season " + validation);
    }

    OffsetDateTime dataTime = training.stream().map(g -> g.features().gameDate()).max(java.time.LocalDate::compareTo)
        .orElseThrow().atStartOfDay().atOffset(ZoneOffset.UTC);
    String[] names = options.features().toArray(String[]::new);
    MutableDataset<Label> dataset = new MutableDataset<>(
        new SimpleDataSourceProvenance("NBA games " + first + " to " + training.get(training.size() - 1).season()
            + ", sha256 " + dataSha256, dataTime, new LabelFactory()),
        new LabelFactory());
    List<double[]> rows = new ArrayList<>();
    for (LabeledGame g : training) {
      Label label = new Label(g.homeWin() == 1 ? ModelCard.HOME_WIN : ModelCard.AWAY_WIN);
      double[] values = FeatureCatalog.values(g.features(), options.features());
      dataset.add(new ArrayExample<>(label, names, values));
      rows.add(values);
      if (FeatureCatalog.marketProbability(g.features()).isPresent()) {
        // The same game without its line, so that the model learns to score games without odds.
        dataset.add(new ArrayExample<>(label, names, FeatureCatalog.values(withoutOdds(g.features()), options.features())));
      }
    }
    LinearSGDTrainer trainer = new LinearSGDTrainer(
        new LogMulticlass(), new AdaGrad(options.learningRate(), 1e-6), options.epochs(), Integer.MAX_VALUE, 1, options.seed());
    Model<Label> model = deterministic(trainer.train(dataset), dataTime, dataSha256);

    ObjectNode source = Json.MAPPER.createObjectNode();
    source.put("type", "training");
    source.put("trainer", "Tribuo LinearSGDTrainer (logistic loss, AdaGrad)");
    ObjectNode training1 = Json.MAPPER.createObjectNode();
    training1.put("data", dataDescription);
    training1.put("data_sha256", dataSha256);
    training1.put("seasons", first + " to " + training.get(training.size() - 1).season());
    training1.put("games", training.size());
    training1.put("examples", dataset.size());
    training1.put("validation", validation + " regular season (" + validating.size() + " games)");
    training1.put("split", "time-based: train on the seasons before the validation season");
    training1.put("features_point_in_time", true);
    training1.put("epochs", options.epochs());
    training1.put("learning_rate", options.learningRate());
    training1.put("seed", options.seed());
    double homeRate = training.stream().mapToInt(LabeledGame::homeWin).average().orElse(0.5);
    training1.put("home_win_rate", Metrics.round(homeRate));

    byte[] bytes = ModelArtifacts.toBytes(model);
    ModelCard draft = new ModelCard(1, options.name(), options.version(), createdAt, ModelArtifacts.MODEL_FILE,
        Hashing.sha256(bytes), ModelCard.FORMAT, options.features(), ModelCard.HOME_WIN,
        "Logistic regression on point-in-time team form and the de-vigged betting market.",
        source, training1, null, Json.MAPPER.valueToTree(options.gate()), distributions(rows, names),
        model.getProvenance().toString());
    TribuoWinModel candidate = TribuoWinModel.load(draft, bytes);
    EvaluationReport report = EvaluationReport.evaluate(
        validation + " regular season", candidate, validating, homeRate, legacy);
    List<String> failures = options.gate().failures(report);
    if (!failures.isEmpty()) {
      throw new QualityGateException(failures);
    }
    ObjectNode gate = Json.MAPPER.valueToTree(options.gate());
    gate.put("passed", true);
    ModelCard card = new ModelCard(1, draft.name(), draft.version(), createdAt, draft.modelFile(), null,
        draft.format(), draft.features(), draft.positiveLabel(), draft.description(), source, training1,
        Json.MAPPER.valueToTree(report), gate, draft.featureDistributions(), draft.provenance());
    ModelCard written = ModelArtifacts.write(out, model, card);
    return new Result(written, report, training.size());
  }

  static GameFeatures withoutOdds(GameFeatures g) {
    TeamFeatures h = g.home();
    TeamFeatures a = g.away();
    return new GameFeatures(g.homeTeam(), g.awayTeam(), g.gameDate(),
        new TeamFeatures(h.rank(), h.daysRest(), h.avgPtsScored(), h.avgPtsAllowed(), h.winPct(), h.winPctLast10(), h.topPlayers(), null),
        new TeamFeatures(a.rank(), a.daysRest(), a.avgPtsScored(), a.avgPtsAllowed(), a.winPct(), a.winPctLast10(), a.topPlayers(), null));
  }

  private static JsonNode distributions(List<double[]> rows, String[] names) {
    Map<String, FeatureDistribution> byName = new LinkedHashMap<>();
    for (int f = 0; f < names.length; f++) {
      double[] column = new double[rows.size()];
      for (int i = 0; i < column.length; i++) {
        column[i] = rows.get(i)[f];
      }
      byName.put(names[f], FeatureDistribution.of(column));
    }
    return Json.MAPPER.valueToTree(byName);
  }

  /** The trained model with a provenance that holds no wall-clock time and no host facts. */
  private static Model<Label> deterministic(Model<Label> trained, OffsetDateTime dataTime, String dataSha256) {
    ModelProvenance p = trained.getProvenance();
    return ReproducibleModels.withProvenance(trained, ReproducibleModels.provenance(
        dataTime, p.getDatasetProvenance(), p.getTrainerProvenance(), Map.of("training-data-sha256", dataSha256)));
  }
}
