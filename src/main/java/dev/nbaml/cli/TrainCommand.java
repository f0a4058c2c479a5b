package dev.nbaml.cli;

import dev.nbaml.aws.AwsClients;
import dev.nbaml.aws.SecretsManagerCredentials;
import dev.nbaml.config.Config;
import dev.nbaml.config.DatabaseConfig;
import dev.nbaml.config.TableName;
import dev.nbaml.core.WinProbabilityModel;
import dev.nbaml.db.Database;
import dev.nbaml.db.JdbcHistoryReader;
import dev.nbaml.history.History;
import dev.nbaml.history.LabeledGame;
import dev.nbaml.model.ModelArtifacts;
import dev.nbaml.model.ModelCard;
import dev.nbaml.training.ModelTrainer;
import dev.nbaml.training.QualityGate;
import dev.nbaml.training.TrainingDefaults;
import dev.nbaml.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Trains, evaluates and (when it passes the quality gate) writes a model version. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Builds point-in-time training rows from game history, trains a logistic regression (fixed"
          + " seed: the same input gives a byte-identical model), evaluates it on a later season against"
          + " the baselines, and writes the model version and its card only if it passes the quality gate.",
      "Exit code 1 when the gate fails, naming the threshold."
    })
final class TrainCommand implements Callable<Integer> {

  @ArgGroup(multiplicity = "1")
  Source source;

  static final class Source {
    @Option(
        names = "--games",
        paramLabel = "CSV",
        description = "Game history CSV (the format of games_2007-08_to_2022-23.csv); repeatable.")
    List<Path> games;

    @Option(
        names = "--from-db",
        description =
            "Read the history from the audit table (HISTORY_TABLE, default silver.ml_game_features_audit) with DB_SECRET_ID.")
    boolean fromDb;
  }

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Where to write the version (default: model-artifacts/<name>/<version>).")
  Path out;

  @Option(
      names = "--name",
      defaultValue = "nba-winner",
      description = "Model name (default: ${DEFAULT-VALUE}).")
  String name;

  @Option(
      names = "--model-version",
      defaultValue = "1.0.0",
      description = "Semantic version (default: ${DEFAULT-VALUE}).")
  String version;

  @Option(
      names = "--validation-season",
      description = "Season to validate on, e.g. 2022-23 (default: the last in the data).")
  String validationSeason;

  @Option(
      names = "--first-season",
      description = "First season to train on (default: the second in the data).")
  String firstSeason;

  @Option(
      names = "--legacy-model",
      paramLabel = "DIR",
      defaultValue = TrainingDefaults.LEGACY_MODEL_DIR,
      description =
          "The legacy model, a baseline and the gate's bar (default: ${DEFAULT-VALUE}; skipped if absent).")
  Path legacyModel;

  @Option(names = "--min-accuracy", description = "Gate: minimum accuracy.")
  Double minAccuracy;

  @Option(
      names = "--max-brier",
      defaultValue = "" + TrainingDefaults.MAX_BRIER,
      description = "Gate: maximum Brier score (default: ${DEFAULT-VALUE}).")
  double maxBrier;

  @Option(
      names = "--no-beat-legacy",
      description = "Gate: do not require beating the legacy model's accuracy.")
  boolean noBeatLegacy;

  @Option(
      names = "--epochs",
      defaultValue = "" + TrainingDefaults.EPOCHS,
      description = "SGD epochs (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = "--learning-rate",
      defaultValue = "" + TrainingDefaults.LEARNING_RATE,
      description = "AdaGrad learning rate (default: ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(
      names = "--seed",
      defaultValue = "" + TrainingDefaults.SEED,
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--created-at",
      paramLabel = "INSTANT",
      description = "Creation time for the card (default: now).")
  Instant createdAt;

  @Option(
      names = "--force",
      description = "Overwrite a model version that already exists in the output folder.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    Path target = out != null ? out : Path.of("model-artifacts", name, version);
    if (!force && Files.exists(target.resolve(ModelCard.FILE_NAME))) {
      System.err.printf(
          "%s already holds a model version (%s); a version is never overwritten: give another"
              + " --model-version or --out, or --force to replace it%n",
          target, target.resolve(ModelCard.FILE_NAME));
      return 2;
    }
    List<LabeledGame> history;
    String sha;
    String description;
    if (source.fromDb) {
      DatabaseConfig config = Config.database(Config.environment());
      TableName audit = config.tables().history();
      try (SecretsManagerClient secrets = AwsClients.secretsManager(config.aws().region());
          Database db = SecretsManagerCredentials.database(secrets, config.database())) {
        JdbcHistoryReader reader = new JdbcHistoryReader(db, audit);
        JdbcHistoryReader.Read read = reader.labeledGames();
        read.warnings().forEach(w -> System.err.println("Warning: " + w));
        history = read.games();
        description = reader.description();
      }
      sha = ModelTrainer.dataSha256(history);
    } else {
      History h = History.fromCsv(source.games);
      h.warnings().forEach(w -> System.err.println("Warning: " + w));
      history = h.labeled();
      sha = h.sha256();
      description = h.description();
    }
    Optional<WinProbabilityModel> legacy =
        Files.isDirectory(legacyModel)
            ? Optional.of(ModelArtifacts.read(legacyModel))
            : Optional.empty();
    ModelTrainer.Result result =
        ModelTrainer.train(
            history,
            sha,
            description,
            options(),
            legacy,
            target,
            createdAt != null ? createdAt : Instant.now());
    System.out.println(
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(result.evaluation()));
    System.err.printf(
        "Wrote %s to %s (%d training games, model sha256 %s)%n",
        result.card().id(), target, result.trainingRows(), result.card().modelSha256());
    return 0;
  }

  /** The training settings the options give. */
  ModelTrainer.Options options() {
    QualityGate gate = new QualityGate(minAccuracy, maxBrier, !noBeatLegacy);
    return new ModelTrainer.Options(
        name,
        version,
        validationSeason,
        firstSeason,
        TrainingDefaults.FEATURES,
        epochs,
        learningRate,
        seed,
        gate);
  }
}
