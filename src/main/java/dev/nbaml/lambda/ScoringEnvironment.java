package dev.nbaml.lambda;

import dev.nbaml.aws.AwsClients;
import dev.nbaml.aws.S3ModelStore;
import dev.nbaml.aws.SecretsManagerCredentials;
import dev.nbaml.config.Config;
import dev.nbaml.core.ScoringRun;
import dev.nbaml.db.Database;
import dev.nbaml.db.JdbcGameFeatureReader;
import dev.nbaml.db.JdbcPredictionWriter;
import dev.nbaml.model.CachingModelProvider;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Everything an execution environment builds once: configuration, SDK clients, the credentials and
 * model caches, the database connection. No DI framework: this is the one factory.
 */
public final class ScoringEnvironment implements AutoCloseable {
  private final Config config;
  private final Clock clock;
  private final S3Client s3;
  private final SecretsManagerClient secrets;
  private final Database database;
  private final CachingModelProvider models;
  private final ScoringRun scoringRun;

  private ScoringEnvironment(Config config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.s3 = AwsClients.s3(config.region(), config.s3PathStyle());
    this.secrets = AwsClients.secretsManager(config.region());
    this.database =
        new Database(
            new SecretsManagerCredentials(secrets, config.dbSecretId()),
            config.sslMode(),
            config.dbConnectTimeout());
    this.models = new CachingModelProvider(
            new S3ModelStore(s3, config.modelUri()), config.modelAlias(), clock);
    this.scoringRun =
        new ScoringRun(
            models,
            new JdbcGameFeatureReader(database, config.featuresTable(), config.featureFlagsTable()),
            new JdbcPredictionWriter(database, config.predictionsTable()));
  }

  /**
   * Reads the configuration from {@code env} and builds the environment.
   *
   * @throws dev.nbaml.config.ConfigException naming every variable that is missing or wrong
   */
  public static ScoringEnvironment create(Map<String, String> env, Clock clock) {
    return new ScoringEnvironment(Config.fromEnvironment(env), clock);
  }

  public Config config() {
    return config;
  }

  public Clock clock() {
    return clock;
  }

  public Database database() {
    return database;
  }

  public CachingModelProvider models() {
    return models;
  }

  public ScoringRun scoringRun() {
    return scoringRun;
  }

  @Override
  public void close() {
    database.close();
    s3.close();
    secrets.close();
  }
}
