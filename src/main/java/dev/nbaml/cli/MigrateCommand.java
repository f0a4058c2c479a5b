package dev.nbaml.cli;

import dev.nbaml.aws.AwsClients;
import dev.nbaml.aws.SecretsManagerCredentials;
import dev.nbaml.config.Config;
import dev.nbaml.config.ConfigException;
import dev.nbaml.config.DatabaseConfig;
import dev.nbaml.db.Database;
import dev.nbaml.db.Migrations;
import java.util.concurrent.Callable;
import org.flywaydb.core.api.output.MigrateResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Applies the product's versioned database migrations. */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description = {
      "Creates or updates the product's tables (the predictions table and its unique key) with"
          + " versioned migrations.",
      "Reads DB_SECRET_ID, AWS_REGION, PREDICTIONS_TABLE, DB_SSLMODE and the DB_*_TIMEOUT_SECONDS"
          + " settings from the environment, as the function does."
    })
final class MigrateCommand implements Callable<Integer> {

  @Option(
      names = "--keep-newest-duplicates",
      description =
          "Where an old predictions table holds several rows for one (home_team, game_date),"
              + " keep the newest (latest modified_at, then created_at) and delete the others. Without it,"
              + " such a table stops the migration with a list of the duplicated keys.")
  boolean keepNewestDuplicates;

  @Override
  public Integer call() {
    DatabaseConfig config;
    try {
      config = Config.database(Config.environment());
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    try (SecretsManagerClient secrets = AwsClients.secretsManager(config.aws().region());
        Database database = SecretsManagerCredentials.database(secrets, config.database())) {
      Migrations.Outcome outcome =
          Migrations.migrate(
              database, config.tables(), new Migrations.Options(keepNewestDuplicates));
      if (outcome.duplicatesRemoved() > 0) {
        System.out.printf(
            "%s: deleted %d older duplicate row(s), kept the newest of each key%n",
            config.tables().predictions(), outcome.duplicatesRemoved());
      }
      MigrateResult result = outcome.flyway();
      System.out.printf(
          "Database %s: %d migration(s) applied, now at version %s%n",
          database.jdbcUrl(),
          result.migrationsExecuted,
          result.targetSchemaVersion == null ? "(unchanged)" : result.targetSchemaVersion);
      return 0;
    }
  }
}
