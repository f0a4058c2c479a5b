package dev.nbaml.cli;

import dev.nbaml.model.LegacyImport;
import dev.nbaml.model.ModelArtifacts;
import dev.nbaml.model.ModelCard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Turns the Python job's logistic regression coefficients into a model artifact of this product.
 */
@Command(
    name = "import-legacy",
    mixinStandardHelpOptions = true,
    description =
        "Turns a scikit-learn logistic regression's coefficients (JSON: features, coef, intercept)"
            + " into a Tribuo model and its model card, giving the same probabilities.")
final class ImportLegacyCommand implements Callable<Integer> {

  @Option(
      names = "--coefficients",
      required = true,
      paramLabel = "FILE",
      description = "The coefficients JSON.")
  Path coefficients;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "The folder to write the model version to.")
  Path out;

  @Option(
      names = "--name",
      defaultValue = "legacy-logistic-regression",
      description = "Model name (default: ${DEFAULT-VALUE}).")
  String name;

  @Option(
      names = "--model-version",
      defaultValue = "1.0.0",
      description = "Semantic version (default: ${DEFAULT-VALUE}).")
  String version;

  @Option(
      names = "--created-at",
      paramLabel = "INSTANT",
      description = "Creation time to record (default: now), e.g. 2024-01-01T00:00:00Z.")
  Instant createdAt;

  @Override
  public Integer call() throws IOException {
    LegacyImport.Coefficients c = LegacyImport.Coefficients.parse(Files.readAllBytes(coefficients));
    Instant when = createdAt == null ? Instant.now() : createdAt;
    ModelCard card =
        ModelArtifacts.write(
            out, LegacyImport.model(c, when), LegacyImport.card(c, name, version, when));
    System.out.printf(
        "Wrote %s (%d features, sha256 %s) to %s%n",
        card.id(), card.features().size(), card.modelSha256(), out);
    return 0;
  }
}
