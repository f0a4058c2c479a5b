package dev.nbaml.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nbaml.util.Hashing;
import dev.nbaml.util.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.impl.EmptyDatasetProvenance;
import org.tribuo.provenance.impl.EmptyTrainerProvenance;

/**
 * Turns a scikit-learn logistic regression's coefficients into a Tribuo model of this product, so
 * that a user can switch from the Python job with no change in output.
 *
 * <p>The coefficients file is the format of {@code legacy_model_coefficients.json}: {@code
 * features}, {@code coef} (one per feature) and {@code intercept}, classes 0 = away win and 1 =
 * home win. Tribuo's {@link LinearSGDModel} takes one weight row per label and a softmax; with the
 * home row holding the coefficients and the intercept and the away row all zero, softmax gives
 * exactly {@code 1 / (1 + exp(-(intercept + coef . x)))}, the scikit-learn probability.
 */
public final class LegacyImport {

  private LegacyImport() {}

  /** The parsed coefficients file. */
  public record Coefficients(
      List<String> features, double[] coef, double intercept, String sha256) {

    /**
     * Parses and checks a coefficients file.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Coefficients parse(byte[] json) {
      JsonNode root;
      try {
        root = Json.MAPPER.readTree(json);
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "The coefficients file is not JSON: " + e.getMessage(), e);
      }
      if (root == null || !root.isObject()) {
        throw new IllegalArgumentException("The coefficients file must hold a JSON object");
      }
      JsonNode features = root.path("features");
      JsonNode coef = root.path("coef");
      JsonNode intercept = root.path("intercept");
      if (!features.isArray() || features.isEmpty()) {
        throw new IllegalArgumentException("'features' must be a non-empty array of names");
      }
      if (!coef.isArray() || coef.size() != features.size()) {
        throw new IllegalArgumentException(
            "'coef' must be an array with one number per feature (" + features.size() + ")");
      }
      if (!intercept.isNumber()) {
        throw new IllegalArgumentException("'intercept' must be a number");
      }
      List<String> names = new ArrayList<>();
      double[] weights = new double[coef.size()];
      for (int i = 0; i < weights.length; i++) {
        if (!features.get(i).isTextual() || !coef.get(i).isNumber()) {
          throw new IllegalArgumentException(
              "features[" + i + "] must be a name and coef[" + i + "] a number");
        }
        names.add(features.get(i).asText());
        weights[i] = coef.get(i).asDouble();
      }
      if (new HashSet<>(names).size() != names.size()) {
        throw new IllegalArgumentException("'features' names a feature twice: " + names);
      }
      return new Coefficients(
          List.copyOf(names), weights, intercept.asDouble(), Hashing.sha256(json));
    }
  }

  /** The Tribuo model that computes the legacy probability. */
  public static Model<Label> model(Coefficients c, Instant createdAt) {
    // A dataset with one example per label and every feature gives the feature and label domains.
    MutableDataset<Label> domain =
        new MutableDataset<>(new EmptyDatasetProvenance(), new LabelFactory());
    String[] names = c.features().toArray(String[]::new);
    double[] ones = new double[names.length];
    Arrays.fill(ones, 1.0);
    domain.add(new ArrayExample<>(new Label(ModelCard.HOME_WIN), names, ones));
    domain.add(new ArrayExample<>(new Label(ModelCard.AWAY_WIN), names, ones));
    ImmutableFeatureMap features = new ImmutableFeatureMap(domain.getFeatureMap());
    ImmutableOutputInfo<Label> labels = domain.getOutputIDInfo();

    // Weight matrix: one row per label, one column per feature id, then the bias column.
    DenseMatrix weights = new DenseMatrix(labels.size(), features.size() + 1);
    int home = labels.getID(new Label(ModelCard.HOME_WIN));
    for (int i = 0; i < names.length; i++) {
      weights.set(home, features.getID(names[i]), c.coef()[i]);
    }
    weights.set(home, features.size(), c.intercept());

    ModelProvenance provenance =
        ReproducibleModels.provenance(
            OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC),
            new EmptyDatasetProvenance(),
            new EmptyTrainerProvenance(),
            Map.of(
                "source",
                "scikit-learn LogisticRegression coefficients",
                "coefficients-sha256",
                c.sha256()));
    return ReproducibleModels.fromWeights(
        "legacy-logistic-regression", provenance, features, labels, weights);
  }

  /** The card of an imported model; {@link ModelArtifacts#write} fills in the digest. */
  public static ModelCard card(Coefficients c, String name, String version, Instant createdAt) {
    ObjectNode source = Json.MAPPER.createObjectNode();
    source.put("type", "legacy-import");
    source.put("from", "scikit-learn LogisticRegression coefficients");
    source.put("coefficients_sha256", c.sha256());
    return ModelCard.builder(name, version, createdAt)
        .features(ModelCard.productOrder(c.features()))
        .description(
            "The Python job's production logistic regression, imported unchanged: same features in,"
                + " same probabilities out.")
        .source(source)
        .build();
  }
}
