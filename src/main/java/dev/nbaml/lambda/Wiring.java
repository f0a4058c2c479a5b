package dev.nbaml.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.nbaml.aws.AwsClients;
import dev.nbaml.aws.S3ModelRegistry;
import dev.nbaml.aws.S3ModelStore;
import dev.nbaml.aws.SecretsManagerCredentials;
import dev.nbaml.config.FunctionConfig;
import dev.nbaml.config.S3Location;
import dev.nbaml.config.Tables;
import dev.nbaml.core.BackfillRun;
import dev.nbaml.core.GameFeatures;
import dev.nbaml.core.ModelIds;
import dev.nbaml.core.PairedComparison;
import dev.nbaml.core.RowValidator;
import dev.nbaml.core.RunRequest;
import dev.nbaml.core.RunSummary;
import dev.nbaml.core.ScoringRun;
import dev.nbaml.core.Shadow;
import dev.nbaml.core.TeamFeatures;
import dev.nbaml.core.WinProbabilityModel;
import dev.nbaml.db.Database;
import dev.nbaml.db.JdbcBackfill;
import dev.nbaml.db.JdbcGameFeatureReader;
import dev.nbaml.db.JdbcHistoryReader;
import dev.nbaml.db.JdbcMonitor;
import dev.nbaml.db.JdbcPredictionWriter;
import dev.nbaml.db.Migrations;
import dev.nbaml.history.LabeledGame;
import dev.nbaml.model.CachingModelProvider;
import dev.nbaml.monitoring.MonitoringReport;
import dev.nbaml.training.Retrainer;
import dev.nbaml.training.RetrainingRun;
import dev.nbaml.util.Json;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The one factory: builds, once per execution environment, the SDK clients, the credentials and
 * model caches, the database connection and the adapters over them, and gives the handler its
 * services. It hands out no services: nothing asks it for a database or a model later.
 */
public final class Wiring implements ExecutionEnvironment {
  private static final Logger LOG = LoggerFactory.getLogger(Wiring.class);

  /** Rows per backfill transaction: large enough for bulk speed, small enough for flat memory. */
  static final int BACKFILL_CHUNK = 20_000;

  /** Backfill chunks written at once: the database inserts one while it receives the next. */
  static final int BACKFILL_WRITERS = 2;

  /** A run date with no games, for priming the read path. */
  private static final LocalDate PRIME_DATE = LocalDate.of(9999, 1, 1);

  /** The parts of a handler, for its constructors. */
  record Parts(
      EventParser parser, Invocation.Services services, ExecutionEnvironment environment) {}

  private final AwsClients.Credentials credentials = new AwsClients.Credentials();
  private final S3Client s3;
  private final SecretsManagerClient secrets;
  private final Database database;
  private final CachingModelProvider models;

  /** The shadow model ({@code MODEL_SHADOW_ALIAS}) on the same store, cached as the live one is. */
  private final Optional<CachingModelProvider> shadowModels;

  private final JdbcGameFeatureReader reader;
  private final JdbcMonitor monitor;
  private final JdbcPredictionWriter writer;
  private final Clock clock;

  private Wiring(FunctionConfig config, Clock clock) {
    this.clock = clock;
    this.s3 = AwsClients.s3(config.aws().region(), config.aws().s3PathStyle(), credentials);
    this.secrets = AwsClients.secretsManager(config.aws().region(), credentials);
    this.database = SecretsManagerCredentials.database(secrets, config.database());
    this.models =
        new CachingModelProvider(
            new S3ModelStore(s3, config.model().uri()),
            config.model().alias(),
            clock,
            config.model().maxBytes());
    this.shadowModels =
        config
            .model()
            .shadowAlias()
            .map(
                shadow ->
                    new CachingModelProvider(
                        new S3ModelStore(s3, config.model().uri()),
                        Optional.of(shadow),
                        clock,
                        config.model().maxBytes()));
    Tables tables = config.tables();
    this.reader = new JdbcGameFeatureReader(database, tables.features(), tables.featureFlags());
    this.writer = new JdbcPredictionWriter(database, tables.predictions());
    this.monitor =
        new JdbcMonitor(
            database,
            new JdbcMonitor.Settings(
                tables.predictions(),
                // the shadow table is settled only where a shadow model is configured
                config.model().shadowAlias().isPresent() ? tables.shadowPredictions() : null,
                tables.performance(),
                tables.outcomes(),
                config.monitoring()));
  }

  /** Builds everything for a handler; on a failure, closes what it had opened. */
  static Parts parts(FunctionConfig config, Clock clock, RunMetrics metrics) {
    Wiring wiring = new Wiring(config, clock);
    try {
      return new Parts(
          new EventParser(clock, config.zone()), wiring.services(config, metrics), wiring);
    } catch (RuntimeException e) {
      wiring.close();
      throw e;
    }
  }

  private Invocation.Services services(FunctionConfig config, RunMetrics metrics) {
    Tables tables = config.tables();
    Optional<Shadow> shadow =
        shadowModels.map(
            provider ->
                new Shadow(
                    provider, JdbcPredictionWriter.shadow(database, tables.shadowPredictions())));
    ScoringRun scoring =
        new ScoringRun(models, reader, writer, monitor, config.summaryMaxGames(), shadow);
    JdbcBackfill history = new JdbcBackfill(database, tables.history());
    BackfillRun backfill =
        new BackfillRun(
            models,
            history,
            () -> JdbcPredictionWriter.dedicated(database, tables.predictions()),
            BACKFILL_WRITERS,
            history,
            BACKFILL_CHUNK,
            config.summaryMaxGames());
    Migrator migrator =
        keepNewest -> {
          Migrations.Outcome outcome =
              Migrations.migrate(database, tables, new Migrations.Options(keepNewest));
          MigrateResult result = outcome.flyway();
          return new Migrator.Result(
              "MIGRATED",
              result.migrationsExecuted,
              result.targetSchemaVersion,
              outcome.duplicatesRemoved());
        };
    return new Invocation.Services(scoring, backfill, migrator, retrainer(config), metrics);
  }

  /**
   * Retraining from the history table into the registry the function reads: {@code MODEL_URI} is
   * the model's registry folder ({@code s3://bucket/<registry>/<name>/}) when {@code MODEL_ALIAS}
   * is set. Without an alias there is no registry to publish to, and retraining says so when asked.
   */
  private Retrainer retrainer(FunctionConfig config) {
    S3Location folder = config.model().uri();
    String prefix = folder.prefix().replaceAll("/$", "");
    String name = prefix.substring(prefix.lastIndexOf('/') + 1);
    if (config.model().alias().isEmpty() || !ModelIds.isName(name)) {
      return runId -> {
        throw new IllegalStateException(
            "Cannot retrain: MODEL_URI "
                + folder
                + " with"
                + config.model().alias().map(a -> " MODEL_ALIAS " + a).orElse("out MODEL_ALIAS")
                + " is not a model's registry folder (s3://bucket/models/<name>/ with MODEL_ALIAS): there is no"
                + " registry to publish to");
      };
    }
    S3ModelRegistry registry =
        new S3ModelRegistry(
            s3,
            new S3Location(folder.bucket(), prefix.substring(0, prefix.length() - name.length())),
            clock,
            config.model().maxBytes());
    JdbcHistoryReader history = new JdbcHistoryReader(database, config.tables().history());
    RetrainingRun.HistorySource source =
        new RetrainingRun.HistorySource() {
          @Override
          public List<LabeledGame> games() {
            JdbcHistoryReader.Read read = history.labeledGames();
            read.warnings().forEach(w -> LOG.warn("History: {}", w));
            return read.games();
          }

          @Override
          public String description() {
            return history.description();
          }
        };
    RetrainingRun.Registry models =
        new RetrainingRun.Registry() {
          @Override
          public List<String> versions() {
            return registry.versions(name);
          }

          @Override
          public Optional<String> aliasVersion(String alias) {
            return registry.alias(name, alias).map(S3ModelRegistry.AliasState::version);
          }

          @Override
          public String modelSha256(String version) {
            return registry.card(name, version).modelSha256();
          }

          @Override
          public void publish(Path dir) {
            registry.publish(dir);
          }

          @Override
          public void pointAlias(String alias, String version) {
            registry.promote(name, version, alias);
          }
        };
    return new RetrainingRun(
        source,
        () -> this.models.current().model(),
        models,
        name,
        config.model().candidateAlias(),
        clock);
  }

  /**
   * What the monitoring report shows of a model version (default: the one the function uses now),
   * read with the function's own configuration.
   */
  public static MonitoringReport.Input report(
      FunctionConfig config, Clock clock, Optional<String> modelVersion) {
    try (Wiring wiring = new Wiring(config, clock)) {
      WinProbabilityModel model = wiring.models.current().model();
      String version = modelVersion.orElse(model.version());
      return new MonitoringReport.Input(
          version,
          wiring.monitor.settledGames(version),
          config.monitoring().rollingWindow(),
          model.trainingDistributions().isEmpty() ? null : wiring.monitor.drift(model),
          clock.instant().toString(),
          wiring.monitor.latestSlate(),
          wiring.comparison(version));
    }
  }

  /** The reported version against the shadow model, where a shadow alias is set and exists. */
  private MonitoringReport.Comparison comparison(String liveVersion) {
    return shadowModels
        .flatMap(CachingModelProvider::ifPresent)
        .map(shadow -> shadow.model().version())
        .map(
            candidate ->
                new MonitoringReport.Comparison(
                    liveVersion,
                    candidate,
                    PairedComparison.of(monitor.pairedGames(liveVersion, candidate))))
        .orElse(null);
  }

  @Override
  public void beforeInvocation() {
    database.recheck();
  }

  @Override
  public void prime() {
    WinProbabilityModel model = models.current().model();
    TeamFeatures team = new TeamFeatures(15.0, 1.0, 112.0, 112.0, 0.5, 0.5, 2.0, -110.0);
    GameFeatures game =
        new GameFeatures("Boston Celtics", "Miami Heat", LocalDate.of(2024, 1, 1), team, team);
    new RowValidator().validate(List.of(game));
    model.predict(game);
    try {
      Json.MAPPER.writeValueAsBytes(
          RunSummary.of(
                  new RunRequest("prime", game.gameDate(), "manual"), RunSummary.Status.NO_GAMES)
              .modelVersion(model.version())
              .build());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    // the read path too (secret, TLS, login, queries), reading nothing; the write's checks and the
    // monitoring queries for a date with nothing to settle: no row is written before a snapshot
    reader.seasonEnabled();
    reader.upcomingGames(PRIME_DATE);
    reader.countStaleGames(PRIME_DATE);
    writer.requireReady();
    monitor.afterRun(new RunRequest("prime", PRIME_DATE, "manual"), model);
  }

  @Override
  public void forgetConnectionsAndCredentials() {
    database.reset();
    credentials.forget();
  }

  @Override
  public void close() {
    database.close();
    s3.close();
    secrets.close();
    credentials.close();
  }
}
