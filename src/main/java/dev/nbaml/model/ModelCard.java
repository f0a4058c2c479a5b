package dev.nbaml.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.nbaml.core.FeatureCatalog;
import dev.nbaml.core.ModelIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The description stored beside every model file ({@code model-card.json}): what the model is, the
 * features it reads, the SHA-256 of the model file, and how it was made and how well it did.
 *
 * <p>Nothing in a card that changes what a prediction means is taken on trust: the model file is
 * checked against {@code model_sha256}; the features (their names) and the labels are checked
 * against that verified file ({@link TribuoWinModel#load}); the order of the features and the
 * positive label are fixed by the product ({@link #productOrder}, {@link #HOME_WIN}), so an edit of
 * either is refused, not followed; a field the product does not know (a "transform", say) is
 * refused rather than silently ignored. {@code feature_distributions} only feeds the drift check (a
 * warning), never a probability.
 *
 * @param schemaVersion version of this card format
 * @param name model name, e.g. {@code nba-winner}
 * @param version semantic version, e.g. {@code 1.2.0}
 * @param createdAt when the model was made
 * @param modelFile the model file's name in the same folder
 * @param modelSha256 SHA-256 of the model file, lower-case hex
 * @param format always {@value #FORMAT}
 * @param features the features the model reads, by name
 * @param positiveLabel the label whose probability is P(home win)
 * @param description what the model is, for people
 * @param source where the model came from (training run or import), free-form
 * @param training the training data and split, free-form
 * @param evaluation metrics and baselines on the validation games, free-form
 * @param gate the quality gate the model passed, free-form
 * @param featureDistributions per feature, its training distribution, for drift checks
 * @param provenance Tribuo's provenance of the model, as text
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelCard(
    int schemaVersion,
    String name,
    String version,
    Instant createdAt,
    String modelFile,
    String modelSha256,
    String format,
    List<String> features,
    String positiveLabel,
    String description,
    JsonNode source,
    JsonNode training,
    JsonNode evaluation,
    JsonNode gate,
    JsonNode featureDistributions,
    String provenance) {

  public static final String FILE_NAME = "model-card.json";
  public static final String FORMAT = "tribuo-protobuf";
  public static final String HOME_WIN = "home_win";
  public static final String AWAY_WIN = "away_win";

  private static final Pattern FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  /** {@code name@version}, as logs and summaries show the model. */
  public String id() {
    return name + "@" + version;
  }

  /**
   * Checks every field this product relies on and that every feature is one it can compute.
   *
   * @throws IllegalArgumentException naming the field that is wrong
   */
  public ModelCard validate() {
    require(schemaVersion == 1, "schema_version must be 1, was " + schemaVersion);
    require(ModelIds.isName(name), "name must be lower-case letters, digits and '-', was " + name);
    require(
        ModelIds.isVersion(version),
        "version must be a semantic version such as 1.2.0, was " + version);
    require(createdAt != null, "created_at is missing");
    require(
        modelFile != null && FILE.matcher(modelFile).matches() && !modelFile.contains(".."),
        "model_file must be a plain file name, was " + modelFile);
    require(
        modelSha256 != null && SHA256.matcher(modelSha256).matches(),
        "model_sha256 must be 64 lower-case hex digits");
    require(FORMAT.equals(format), "format must be " + FORMAT + ", was " + format);
    require(features != null && !features.isEmpty(), "features is missing or empty");
    require(
        new HashSet<>(features).size() == features.size(),
        "features lists a name twice: " + features);
    require(positiveLabel != null && !positiveLabel.isBlank(), "positive_label is missing");
    require(
        HOME_WIN.equals(positiveLabel),
        "positive_label must be "
            + HOME_WIN
            + " (the probability written is"
            + " P(home win), and the model's labels are "
            + HOME_WIN
            + " and "
            + AWAY_WIN
            + "), was "
            + positiveLabel);
    require(
        gate == null || !gate.has("passed") || gate.get("passed").asBoolean(false),
        "gate says the model failed its quality gate ("
            + gate
            + "): such a version is never scored");
    FeatureCatalog.requireKnown(features, "Model " + id());
    List<String> expected = productOrder(features);
    require(
        features.equals(expected),
        "features are not in the product's order: expected "
            + expected
            + ", the card lists "
            + features
            + " (the order is fixed, so that an edited card is noticed)");
    return this;
  }

  /**
   * The features in the order every card lists them: the table's columns in the legacy model's
   * order ({@link FeatureCatalog#TABLE_FEATURES}), then the trained models' features ({@link
   * FeatureCatalog#MODEL_FEATURES}), then any other in name order. Scoring pairs each value with
   * its name, so the order changes no probability; it is fixed so that no edit goes unnoticed.
   */
  public static List<String> productOrder(List<String> features) {
    List<String> order = new ArrayList<>(FeatureCatalog.TABLE_FEATURES);
    order.addAll(FeatureCatalog.MODEL_FEATURES);
    return features.stream()
        .sorted(
            Comparator.<String>comparingInt(
                    f -> order.contains(f) ? order.indexOf(f) : order.size())
                .thenComparing(Comparator.naturalOrder()))
        .toList();
  }

  /** A copy of this card for a model file with the given digest. */
  public ModelCard withModelSha256(String sha256) {
    return toBuilder().modelSha256(sha256).build();
  }

  /**
   * A card of schema version 1 for a Tribuo protobuf file named {@link ModelArtifacts#MODEL_FILE}
   * whose positive label is {@link #HOME_WIN}: the rest is set on the builder.
   */
  public static Builder builder(String name, String version, Instant createdAt) {
    return new Builder().name(name).version(version).createdAt(createdAt);
  }

  /** A builder holding every field of this card, to make a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.schemaVersion = schemaVersion;
    b.name = name;
    b.version = version;
    b.createdAt = createdAt;
    b.modelFile = modelFile;
    b.modelSha256 = modelSha256;
    b.format = format;
    b.features = features;
    b.positiveLabel = positiveLabel;
    b.description = description;
    b.source = source;
    b.training = training;
    b.evaluation = evaluation;
    b.gate = gate;
    b.featureDistributions = featureDistributions;
    b.provenance = provenance;
    return b;
  }

  /** Builds a card field by field; {@link #build} does not validate (see {@link #validate}). */
  public static final class Builder {
    private int schemaVersion = 1;
    private String name;
    private String version;
    private Instant createdAt;
    private String modelFile = ModelArtifacts.MODEL_FILE;
    private String modelSha256;
    private String format = FORMAT;
    private List<String> features;
    private String positiveLabel = HOME_WIN;
    private String description;
    private JsonNode source;
    private JsonNode training;
    private JsonNode evaluation;
    private JsonNode gate;
    private JsonNode featureDistributions;
    private String provenance;

    private Builder() {}

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder version(String version) {
      this.version = version;
      return this;
    }

    public Builder createdAt(Instant createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    public Builder modelFile(String modelFile) {
      this.modelFile = modelFile;
      return this;
    }

    public Builder modelSha256(String modelSha256) {
      this.modelSha256 = modelSha256;
      return this;
    }

    public Builder features(List<String> features) {
      this.features = features;
      return this;
    }

    public Builder positiveLabel(String positiveLabel) {
      this.positiveLabel = positiveLabel;
      return this;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    public Builder source(JsonNode source) {
      this.source = source;
      return this;
    }

    public Builder training(JsonNode training) {
      this.training = training;
      return this;
    }

    public Builder evaluation(JsonNode evaluation) {
      this.evaluation = evaluation;
      return this;
    }

    public Builder gate(JsonNode gate) {
      this.gate = gate;
      return this;
    }

    public Builder featureDistributions(JsonNode featureDistributions) {
      this.featureDistributions = featureDistributions;
      return this;
    }

    public Builder provenance(String provenance) {
      this.provenance = provenance;
      return this;
    }

    public ModelCard build() {
      return new ModelCard(
          schemaVersion,
          name,
          version,
          createdAt,
          modelFile,
          modelSha256,
          format,
          features,
          positiveLabel,
          description,
          source,
          training,
          evaluation,
          gate,
          featureDistributions,
          provenance);
    }
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("Invalid model card: " + message);
    }
  }
}
