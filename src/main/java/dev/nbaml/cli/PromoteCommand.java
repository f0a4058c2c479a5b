package dev.nbaml.cli;

import dev.nbaml.aws.AwsClients;
import dev.nbaml.aws.S3ModelRegistry;
import dev.nbaml.aws.SecretsManagerCredentials;
import dev.nbaml.config.Config;
import dev.nbaml.config.ConfigException;
import dev.nbaml.config.DatabaseConfig;
import dev.nbaml.config.PromotionConfig;
import dev.nbaml.config.S3Location;
import dev.nbaml.config.StorageConfig;
import dev.nbaml.config.Tables;
import dev.nbaml.core.ModelIds;
import dev.nbaml.core.PairedComparison;
import dev.nbaml.db.Database;
import dev.nbaml.db.SettledGames;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Moves a registry alias to a published version, or back to the one before. */
@Command(
    name = "promote",
    description = {
      "Points a registry alias (default: current) at a published, verified version; the function"
          + " configured with MODEL_ALIAS picks it up on its next invocation.",
      "--rollback points the alias back at the version it named before the last promotion.",
      "--if-better points it at the candidate alias's version (the shadow model, MODEL_SHADOW_ALIAS) only when"
          + " at least --min-games settled games were scored by both, the candidate's Brier score is lower, and"
          + " the 95%% interval of the paired Brier difference excludes 0; otherwise it exits 1 naming the"
          + " condition that failed. It reads the settled games from the database (DB_SECRET_ID and the table"
          + " settings, as the function does)."
    })
final class PromoteCommand implements Callable<Integer> {

  /** The candidate's alias when neither --candidate-alias nor MODEL_SHADOW_ALIAS names one. */
  static final String DEFAULT_CANDIDATE_ALIAS = "candidate";

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @Option(
      names = "--registry",
      required = true,
      paramLabel = "S3_URI",
      description = "The registry, e.g. s3://my-bucket/models/.")
  String registry;

  @Option(names = "--name", required = true, description = "The model name, e.g. nba-winner.")
  String name;

  @Option(
      names = "--alias",
      defaultValue = "current",
      description = "The alias to move (default: ${DEFAULT-VALUE}).")
  String alias;

  @ArgGroup(multiplicity = "1")
  Target target;

  static final class Target {
    @Option(
        names = "--version",
        required = true,
        description = "The version to point the alias at.")
    String version;

    @Option(
        names = "--rollback",
        required = true,
        description = "Point the alias back at its previous version.")
    boolean rollback;

    @Option(
        names = "--if-better",
        required = true,
        description =
            "Point the alias at the candidate's version if it is proven better on settled games.")
    boolean ifBetter;
  }

  @Option(
      names = "--candidate-alias",
      paramLabel = "ALIAS",
      description =
          "With --if-better: the candidate's alias (default: MODEL_SHADOW_ALIAS, else candidate).")
  String candidateAlias;

  @Option(
      names = "--min-games",
      paramLabel = "N",
      description =
          "With --if-better: the fewest settled games both must have scored (default: PROMOTE_MIN_GAMES, else 200).")
  Integer minGames;

  @Override
  public Integer call() {
    if ((candidateAlias != null || minGames != null) && !target.ifBetter) {
      System.err.println("--candidate-alias and --min-games go with --if-better");
      return 2;
    }
    if (target.ifBetter) {
      return ifBetter();
    }
    StorageConfig config = Config.storage(Config.environment());
    try (S3Client s3 = AwsClients.s3(config.aws().region(), config.aws().s3PathStyle())) {
      S3ModelRegistry r =
          new S3ModelRegistry(
              s3, S3Location.parse(registry), Clock.systemUTC(), config.modelMaxBytes());
      S3ModelRegistry.AliasState state =
          target.rollback ? r.rollback(name, alias) : r.promote(name, target.version, alias);
      System.out.println(aliasLine(state));
      return 0;
    }
  }

  /**
   * Promotes the candidate only when the settled games prove it better; exit 1 naming what failed.
   */
  private int ifBetter() {
    PromotionConfig config;
    try {
      config = Config.promotion(Config.environment());
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    String candidate =
        candidateAlias != null
            ? ModelIds.requireAlias(candidateAlias)
            : config.shadowAlias().orElse(DEFAULT_CANDIDATE_ALIAS);
    int needed = minGames != null ? minGames : config.minGames();
    if (needed < 2) {
      System.err.println(
          "--min-games: " + needed + " is below 2: the paired interval needs at least 2 games");
      return 2;
    }
    if (candidate.equals(alias)) {
      System.err.println(
          "The candidate alias is the alias to move ("
              + alias
              + "): name another with --candidate-alias");
      return 2;
    }
    StorageConfig storage = config.storage();
    DatabaseConfig db = config.database();
    try (S3Client s3 = AwsClients.s3(storage.aws().region(), storage.aws().s3PathStyle());
        SecretsManagerClient secrets = AwsClients.secretsManager(db.aws().region());
        Database database = SecretsManagerCredentials.database(secrets, db.database())) {
      S3ModelRegistry r =
          new S3ModelRegistry(
              s3, S3Location.parse(registry), Clock.systemUTC(), storage.modelMaxBytes());
      Optional<S3ModelRegistry.AliasState> candidateState = r.alias(name, candidate);
      if (candidateState.isEmpty()) {
        System.err.println(
            "Not promoted: no candidate: alias " + candidate + " of " + name + " does not exist");
        return 1;
      }
      Optional<S3ModelRegistry.AliasState> live = r.alias(name, alias);
      if (live.isEmpty()) {
        System.err.println(
            "Not promoted: alias "
                + alias
                + " of "
                + name
                + " does not exist, so there is nothing"
                + " to compare with: promote a version with --version");
        return 1;
      }
      String liveId = name + "@" + live.get().version();
      String candidateId = name + "@" + candidateState.get().version();
      if (liveId.equals(candidateId)) {
        System.err.println("Not promoted: " + alias + " already names " + candidateId);
        return 1;
      }
      Tables tables = db.tables();
      PairedComparison comparison =
          PairedComparison.of(
              new SettledGames(
                      database, tables.predictions(), tables.shadowPredictions(), tables.outcomes())
                  .paired(liveId, candidateId));
      String why = comparison.explain(needed);
      if (comparison.verdict(needed) != PairedComparison.Verdict.BETTER) {
        System.err.println("Not promoted: " + candidateId + " against " + liveId + ": " + why);
        return 1;
      }
      S3ModelRegistry.AliasState state = r.promote(name, candidateState.get().version(), alias);
      System.out.println(aliasLine(state) + ": " + candidateId + " is " + why);
      return 0;
    }
  }

  /** Where the alias points now, and where it pointed before. */
  private String aliasLine(S3ModelRegistry.AliasState state) {
    return "Alias "
        + alias
        + " of "
        + name
        + " -> "
        + state.version()
        + state.previous().map(p -> " (previous: " + p + ")").orElse("");
  }
}
