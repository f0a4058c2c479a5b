package dev.nbaml.model;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.nbaml.core.Explanation;
import dev.nbaml.core.FeatureCatalog;
import dev.nbaml.core.FeatureDistribution;
import dev.nbaml.core.GameFeatures;
import dev.nbaml.core.GamePrediction;
import dev.nbaml.core.ModelUnavailableException;
import dev.nbaml.core.WinProbabilityModel;
import dev.nbaml.util.Hashing;
import dev.nbaml.util.Json;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.common.sgd.AbstractLinearSGDModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.protos.core.ModelProto;

/**
 * A Tribuo classification model with its card, verified: the file's SHA-256 matches the card, it is
 * a Tribuo protobuf model (never Java serialization), it reads exactly the card's features, its
 * labels are exactly home_win and away_win, and it gives probabilities for the card's positive
 * label, which must be home_win. A model file on disk is parsed as a stream, after its digest
 * matched.
 *
 * <p>It explains every prediction from the logistic regression's weights ({@link #explain}):
 * Tribuo's {@code LinearSGDModel} keeps one weight row per label and turns the rows' scores into
 * probabilities with a softmax, so over the two labels P(home) = sigmoid((w_home − w_away) · x +
 * b_home − b_away); those differences are the effective weights and intercept. The decomposition is
 * checked against the model's own probability when the model is loaded: a model it does not
 * reproduce is refused.
 */
public final class TribuoWinModel implements WinProbabilityModel {

  /** The labels of every model this product scores with. */
  private static final Set<String> LABELS =
      new TreeSet<>(Set.of(ModelCard.HOME_WIN, ModelCard.AWAY_WIN));

  private final ModelCard card;
  private final Model<Label> model;
  private final String[] names;
  private final Map<String, FeatureDistribution> distributions;

  /**
   * The effective weights of P(home win)'s log-odds, in {@link #names} order, and its intercept.
   */
  private final double[] weights;

  private final double intercept;

  /**
   * Each feature's training mean from the card; a card without distributions has none (0 is used).
   */
  private final Map<String, Double> means;

  /**
   * How far the explanation's probability may be from the model's own (floating-point sums only).
   */
  static final double EXPLANATION_TOLERANCE = 1e-9;

  private TribuoWinModel(ModelCard card, Model<Label> model, double[] weights, double intercept) {
    this.card = card;
    this.model = model;
    this.names = card.features().toArray(String[]::new);
    this.distributions =
        card.featureDistributions() == null || card.featureDistributions().isNull()
            ? Map.of()
            : Json.MAPPER.convertValue(
                card.featureDistributions(),
                new TypeReference<Map<String, FeatureDistribution>>() {});
    this.weights = weights;
    this.intercept = intercept;
    Map<String, Double> m = new LinkedHashMap<>();
    distributions.forEach((name, d) -> m.put(name, d.mean()));
    this.means = Map.copyOf(m);
  }

  @Override
  public Map<String, FeatureDistribution> trainingDistributions() {
    return distributions;
  }

  /**
   * Verifies and loads a model file held in memory against its card.
   *
   * @throws ModelUnavailableException saying what does not match
   */
  public static TribuoWinModel load(ModelCard card, byte[] modelBytes) {
    validate(card);
    requireDigest(card, Hashing.sha256(modelBytes));
    return parse(card, () -> ModelProto.parseFrom(modelBytes));
  }

  /**
   * Verifies and loads a model file on disk against its card, reading it as a stream.
   *
   * @param digest the file's size and SHA-256, computed while it was downloaded or read
   * @throws ModelUnavailableException saying what does not match
   */
  public static TribuoWinModel load(ModelCard card, Path modelFile, ModelArtifacts.Digest digest) {
    validate(card);
    requireDigest(card, digest.sha256());
    return parse(
        card,
        () -> {
          try (InputStream in = new BufferedInputStream(Files.newInputStream(modelFile))) {
            return ModelProto.parseFrom(in);
          }
        });
  }

  private interface ProtoSource {
    ModelProto read() throws IOException;
  }

  private static void validate(ModelCard card) {
    try {
      card.validate();
    } catch (IllegalArgumentException e) {
      throw new ModelUnavailableException(e.getMessage(), e);
    }
  }

  private static void requireDigest(ModelCard card, String actual) {
    if (!actual.equals(card.modelSha256())) {
      throw new ModelUnavailableException(
          "Model file "
              + card.modelFile()
              + " of "
              + card.id()
              + " does not match its card: SHA-256 is "
              + actual
              + ", the card says "
              + card.modelSha256()
              + " (corrupt, truncated or replaced without its card)");
    }
  }

  /**
   * Parses a model file whose digest matched, and checks the card's meaning against it: the
   * features by name, and the labels (exactly home_win and away_win, the card's positive label
   * among them).
   */
  private static TribuoWinModel parse(ModelCard card, ProtoSource source) {
    Model<?> raw;
    try {
      raw = Model.deserialize(source.read());
    } catch (IOException | RuntimeException e) {
      throw new ModelUnavailableException(
          "Model file "
              + card.modelFile()
              + " of "
              + card.id()
              + " is not a Tribuo protobuf model: "
              + e.getMessage(),
          e);
    }
    if (!raw.validate(Label.class)) {
      throw new ModelUnavailableException(
          "Model " + card.id() + " is not a classification model (Tribuo Label output)");
    }
    Model<Label> model = raw.castModel(Label.class);
    Set<String> modelFeatures = new TreeSet<>();
    model.getFeatureIDMap().forEach(info -> modelFeatures.add(info.getName()));
    if (!modelFeatures.equals(new TreeSet<>(card.features()))) {
      Set<String> onlyCard = new TreeSet<>(card.features());
      onlyCard.removeAll(modelFeatures);
      Set<String> onlyModel = new TreeSet<>(modelFeatures);
      onlyModel.removeAll(new HashSet<>(card.features()));
      throw new ModelUnavailableException(
          "Model "
              + card.id()
              + " does not read the features its card lists: only in the card "
              + onlyCard
              + ", only in the model "
              + onlyModel);
    }
    Set<String> labels = new TreeSet<>();
    model.getOutputIDInfo().getDomain().forEach(label -> labels.add(label.getLabel()));
    if (!labels.equals(LABELS)
        || model.getOutputIDInfo().getID(new Label(card.positiveLabel())) < 0) {
      throw new ModelUnavailableException(
          "Model "
              + card.id()
              + " does not give the labels its card means: the model file's labels are "
              + labels
              + ", the card's positive_label is '"
              + card.positiveLabel()
              + "' (expected labels "
              + LABELS
              + ", positive "
              + ModelCard.HOME_WIN
              + ")");
    }
    if (!model.generatesProbabilities()) {
      throw new ModelUnavailableException("Model " + card.id() + " does not give probabilities");
    }
    if (!(model instanceof AbstractLinearSGDModel<Label> linear)) {
      throw new ModelUnavailableException(
          "Model "
              + card.id()
              + " is a "
              + model.getClass().getSimpleName()
              + ", not a linear model (LinearSGDModel): its predictions cannot be explained");
    }
    DenseMatrix w = linear.getWeightsCopy();
    int home = model.getOutputIDInfo().getID(new Label(ModelCard.HOME_WIN));
    int away = model.getOutputIDInfo().getID(new Label(ModelCard.AWAY_WIN));
    int bias = model.getFeatureIDMap().size(); // the column after the features'
    List<String> features = card.features();
    double[] weights = new double[features.size()];
    for (int i = 0; i < weights.length; i++) {
      int id = model.getFeatureIDMap().getID(features.get(i));
      weights[i] = w.get(home, id) - w.get(away, id);
    }
    TribuoWinModel loaded =
        new TribuoWinModel(card, model, weights, w.get(home, bias) - w.get(away, bias));
    loaded.requireExplained();
    return loaded;
  }

  /**
   * Checks that the decomposition reproduces the model's probability, at the training means and at
   * a point away from them (every feature one above its mean), so that a model whose probabilities
   * are not the softmax of its weight rows is refused instead of explained wrongly.
   */
  private void requireExplained() {
    for (double offset : new double[] {0.0, 1.0}) {
      double[] x = new double[names.length];
      for (int i = 0; i < x.length; i++) {
        x[i] = means.getOrDefault(names[i], 0.0) + offset;
      }
      double model = homeWinProbability(x);
      double explained = explain(x).probability();
      if (!(Math.abs(model - explained) <= EXPLANATION_TOLERANCE)) {
        throw new ModelUnavailableException(
            "Model "
                + card.id()
                + " cannot be explained by its weights: it gives "
                + model
                + ", its weights give "
                + explained
                + " (not a logistic regression over home_win/away_win)");
      }
    }
  }

  public ModelCard card() {
    return card;
  }

  @Override
  public String version() {
    return card.id();
  }

  @Override
  public List<String> featureNames() {
    return card.features();
  }

  @Override
  public Explanation explain(GameFeatures game) {
    return explain(FeatureCatalog.values(game, card.features()));
  }

  /** The prediction and its explanation from one extraction of the game's feature values. */
  @Override
  public GamePrediction predict(GameFeatures game) {
    double[] values = FeatureCatalog.values(game, card.features());
    return GamePrediction.of(game, homeWinProbability(values), explain(values));
  }

  /** The explanation of one game's feature values, in {@link #featureNames()} order. */
  Explanation explain(double[] features) {
    return Explanation.of(card.id(), intercept, card.features(), weights, features, means);
  }

  @Override
  public double homeWinProbability(double[] features) {
    if (features.length != names.length) {
      throw new IllegalArgumentException(
          "Expected " + names.length + " feature values, got " + features.length);
    }
    for (int i = 0; i < features.length; i++) {
      if (!Double.isFinite(features[i])) {
        throw new IllegalArgumentException(
            "Feature " + names[i] + " is not finite: " + features[i]);
      }
    }
    ArrayExample<Label> example =
        new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names.clone(), features.clone());
    Prediction<Label> prediction = model.predict(example);
    Label home = prediction.getOutputScores().get(card.positiveLabel());
    if (home == null) {
      throw new IllegalStateException(
          "Model " + card.id() + " gave no score for " + card.positiveLabel());
    }
    return home.getScore();
  }
}
