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
  private final AwsClients.Credentials credentials = new AwsClients.Credentials();
  private final S3Client s3;
  private final SecretsManagerClient secrets;
  private final Database database;
  private final CachingModelProvider models;
  private final ScoringRun scoringRun;
  private final dev.nbaml.db.JdbcMonitor monitor;
  private final JdbcGameFeatureReader reader;
  private final dev.nbaml.core.BackfillRun backfill;

  private ScoringEnvironment(Config config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.s3 = AwsClients.s3(config.region(), config.s3PathStyle(), credentials);
    this.secrets = AwsClients.secretsManager(config.region(), credentials);
    this.database = SecretsManagerCredentials.database(secrets, config);
    this.models = new CachingModelProvider(
            new S3ModelStore(s3, config.modelUri()), config.modelAlias(), clock, config.modelMaxBytes());
    this.monitor = new dev.nbaml.db.JdbcMonitor(database, new dev.nbaml.db.JdbcMonitor.Settings(
        config.predictionsTable(), config.performanceTable(), config.outcomesTable(),
        config.rollingWindow(), config.driftWindow(), config.driftThreshold(), config.settleDays()));
    this.scoringRun =
        new ScoringRun(
            models,
            reader = new JdbcGameFeatureReader(database, config.featuresTable(), config.featureFlagsTable()),
            new JdbcPredictionWriter(database, config.predictionsTable()),
            monitor,
            config.summaryMaxGames());
    dev.nbaml.db.JdbcBackfill history = new dev.nbaml.db.JdbcBackfill(database, config.historyTable());
    this.backfill = new dev.nbaml.core.BackfillRun(models, history,
        () -> JdbcPredictionWriter.dedicated(database, config.predictionsTable()), BACKFILL_WRITERS,
        history, BACKFILL_CHUNK, config.summaryMaxGames());
  }

  /** Rows per backfill transaction: large enough for bulk speed, small enough for flat memory. */
  static final int BACKFILL_CHUNK = 20_000;

  /** Backfill chunks written at once: the database inserts one while it receives the next. */
  static final int BACKFILL_WRITERS = 2;

  public dev.nbaml.core.BackfillRun backfill() {
    return backfill;
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

  /**
   * Drops what must not be in a SnapStart snapshot or outlive a restore: the database connection and
   * credentials, and the AWS credentials (fetched again by the next call).
   */
  public void forgetConnectionsAndCredentials() {
    database.reset();
    credentials.forget();
  }

  public Database database() {
    return database;
  }

  public CachingModelProvider models() {
    return models;
  }

  public dev.nbaml.db.JdbcMonitor monitor() {
    return monitor;
  }

  public ScoringRun scoringRun() {
    return scoringRun;
  }

  /**
   * Loads and verifies the model and scores one made-up game through the whole path (features,
   * Tribuo, rounding, the summary's JSON), so that classes are loaded and compiled before a snapshot.
   */
  public void prime() {
    dev.nbaml.core.WinProbabilityModel model = models.current().model();
    dev.nbaml.core.TeamFeatures team =
        new dev.nbaml.core.TeamFeatures(15.0, 1.0, 112.0, 112.0, 0.5, 0.5, 2.0, -110.0);
    dev.nbaml.core.GameFeatures game =
        new dev.nbaml.core.GameFeatures("Boston Celtics", "Miami Heat", java.time.LocalDate.of(2024, 1, 1), team, team);
    new dev.nbaml.core.RowValidator().validate(java.util.List.of(game));
    model.predict(game);
    try {
      dev.nbaml.util.Json.MAPPER.writeValueAsBytes(
          dev.nbaml.core.RunSummary.of(
                  new dev.nbaml.core.RunRequest("prime", java.time.LocalDate.of(2024, 1, 1), "manual"),
                  dev.nbaml.core.RunSummary.Status.NO_GAMES)
              .modelVersion(model.version())
              .build());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    // the read path too (secret, TLS, login, queries), reading nothing: no write before a snapshot
    reader.upcomingGames(PRIME_DATE);
    reader.countStaleGames(PRIME_DATE);
    monitor.settledGames(model.version());
  }

  /** A run date with no games, for priming the read path. */
  private static final java.time.LocalDate PRIME_DATE = java.time.LocalDate.of(9999, 1, 1);

  @Override
  public void close() {
    database.close();
    s3.close();
    secrets.close();
    credentials.close();
  }
}
