package dev.nbaml.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.nbaml.core.FeatureCatalog;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The description stored beside every model file ({@code model-card.json}): what the model is, the
 * features it reads, the SHA-256 of the model file, and how it was made and how well it did.
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

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final Pattern SEMVER = Pattern.compile("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?");
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
    require(name != null && NAME.matcher(name).matches(), "name must be lower-case letters, digits and '-', was " + name);
    require(version != null && SEMVER.matcher(version).matches(), "version must be a semantic version such as 1.2.0, was " + version);
    require(createdAt != null, "created_at is missing");
    require(modelFile != null && FILE.matcher(modelFile).matches() && !modelFile.contains(".."), "model_file must be a plain file name, was " + modelFile);
    require(modelSha256 != null && SHA256.matcher(modelSha256).matches(), "model_sha256 must be 64 lower-case hex digits");
    require(FORMAT.equals(format), "format must be " + FORMAT + ", was " + format);
    require(features != null && !features.isEmpty(), "features is missing or empty");
    require(new HashSet<>(features).size() == features.size(), "features lists a name twice: " + features);
    require(positiveLabel != null && !positiveLabel.isBlank(), "positive_label is missing");
    FeatureCatalog.requireKnown(features, "Model " + id());
    return this;
  }

  /** A copy of this card for a model file with the given digest. */
  public ModelCard withModelSha256(String sha256) {
    return new ModelCard(schemaVersion, name, version, createdAt, modelFile, sha256, format, features,
        positiveLabel, description, source, training, evaluation, gate, featureDistributions, provenance);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("Invalid model card: " + message);
    }
  }
}
