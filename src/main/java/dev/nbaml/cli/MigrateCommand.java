package dev.nbaml.cli;

import dev.nbaml.aws.AwsClients;
import dev.nbaml.aws.SecretsManagerCredentials;
import dev.nbaml.config.Config;
import dev.nbaml.config.ConfigException;
import dev.nbaml.db.Database;
import dev.nbaml.db.Migrations;
import java.util.concurrent.Callable;
import org.flywaydb.core.api.output.MigrateResult;
import picocli.CommandLine.Command;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Applies the product's versioned database migrations. */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description = {
      "Creates or updates the product's tables (the predictions table and its unique key) with"
          + " versioned migrations.",
      "Reads DB_SECRET_ID, AWS_REGION, PREDICTIONS_TABLE and DB_SSLMODE from the environment, as the"
          + " function does."
    })
final class MigrateCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    Config config;
    try {
      config = Config.forDatabase(System.getenv());
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    try (SecretsManagerClient secrets = AwsClients.secretsManager(config.region());
        Database database = SecretsManagerCredentials.database(secrets, config)) {
      MigrateResult result = Migrations.migrate(database, config);
      System.out.printf(
          "Database %s: %d migration(s) applied, now at version %s%n",
          database.jdbcUrl(), result.migrationsExecuted, result.targetSchemaVersion == null ? "(unchanged)" : result.targetSchemaVersion);
      return 0;
    }
  }
}
