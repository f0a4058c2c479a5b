package dev.nbaml.cli;

import dev.nbaml.aws.AwsClients;
import dev.nbaml.aws.S3ModelRegistry;
import dev.nbaml.config.Config;
import dev.nbaml.config.S3Location;
import dev.nbaml.config.StorageConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;

/** Uploads a model version to the S3 registry, never overwriting one. */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    description = {
      "Verifies a model version folder and uploads it to the registry as <name>/<version>/;"
          + " a published version is never overwritten.",
      "Reads AWS_REGION (and S3_FORCE_PATH_STYLE for local emulators) from the environment."
    })
final class PublishCommand implements Callable<Integer> {

  @Option(
      names = "--model",
      required = true,
      paramLabel = "DIR",
      description = "The model version folder (model-card.json and the model file).")
  Path model;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "S3_URI",
      description = "The registry, e.g. s3://my-bucket/models/.")
  String to;

  @Option(
      names = "--promote",
      paramLabel = "ALIAS",
      description = "Also point this alias (e.g. current) at the new version.")
  String promote;

  @Override
  public Integer call() {
    StorageConfig config = Config.storage(Config.environment());
    try (S3Client s3 = AwsClients.s3(config.aws().region(), config.aws().s3PathStyle())) {
      S3ModelRegistry registry =
          new S3ModelRegistry(s3, S3Location.parse(to), Clock.systemUTC(), config.modelMaxBytes());
      S3ModelRegistry.Published published = registry.publish(model);
      System.out.println(
          (published.uploaded() ? "Published " : "Already published (identical): ")
              + published.card().id()
              + " at "
              + published.folder());
      if (promote != null) {
        S3ModelRegistry.AliasState state =
            registry.promote(published.card().name(), published.card().version(), promote);
        System.out.println(
            "Alias " + promote + " of " + published.card().name() + " -> " + state.version());
      }
      return 0;
    }
  }
}
