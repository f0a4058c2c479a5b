package dev.nbaml.cli;

import dev.nbaml.aws.AwsClients;
import dev.nbaml.config.S3Location;
import dev.nbaml.aws.S3ModelRegistry;
import dev.nbaml.config.Config;
import dev.nbaml.config.StorageConfig;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;

/** Moves a registry alias to a published version, or back to the one before. */
@Command(
    name = "promote",
    description = {
      "Points a registry alias (default: current) at a published, verified version; the function"
          + " configured with MODEL_ALIAS picks it up on its next invocation.",
      "--rollback points the alias back at the version it named before the last promotion."
    })
final class PromoteCommand implements Callable<Integer> {

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Option(names = "--registry", required = true, paramLabel = "S3_URI", description = "The registry, e.g. s3://my-bucket/models/.")
  String registry;

  @Option(names = "--name", required = true, description = "The model name, e.g. nba-winner.")
  String name;

  @Option(names = "--alias", defaultValue = "current", description = "The alias to move (default: ${DEFAULT-VALUE}).")
  String alias;

  @ArgGroup(multiplicity = "1")
  Target target;

  static final class Target {
    @Option(names = "--version", required = true, description = "The version to point the alias at.")
    String version;

    @Option(names = "--rollback", required = true, description = "Point the alias back at its previous version.")
    boolean rollback;
  }

  @Override
  public Integer call() {
    StorageConfig config = Config.storage(Config.environment());
    try (S3Client s3 = AwsClients.s3(config.aws().region(), config.aws().s3PathStyle())) {
      S3ModelRegistry r = new S3ModelRegistry(s3, S3Location.parse(registry), Clock.systemUTC(), config.modelMaxBytes());
      S3ModelRegistry.AliasState state =
          target.rollback ? r.rollback(name, alias) : r.promote(name, target.version, alias);
      System.out.println("Alias " + alias + " of " + name + " -> " + state.version()
          + state.previous().map(p -> " (previous: " + p + ")").orElse(""));
      return 0;
    }
  }
}
