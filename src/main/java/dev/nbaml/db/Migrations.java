package dev.nbaml.db;

import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The product's own tables, created and changed by versioned Flyway migrations (never by a scoring
 * run). Flyway's history lives in its own schema, {@value #HISTORY_SCHEMA}, so it never needs a
 * baseline in schemas that dbt owns.
 */
public final class Migrations {
  public static final String HISTORY_SCHEMA = "ml_pipeline";

  private Migrations() {}

  /** Applies the pending migrations and returns what Flyway did. */
  public static MigrateResult migrate(Database database, dev.nbaml.config.Config config) {
    String sslMode = config.sslMode();
    TableName predictions = config.predictionsTable();
    TableName performance = config.performanceTable();
    DbCredentials c = database.credentials();
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setServerNames(new String[] {c.host()});
    dataSource.setPortNumbers(new int[] {c.port()});
    dataSource.setDatabaseName(c.dbname());
    dataSource.setUser(c.username());
    dataSource.setPassword(c.password());
    dataSource.setSslMode(sslMode);
    dataSource.setApplicationName("nba-ml-pipeline-migrate");
    return Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(dataSource)
        .schemas(HISTORY_SCHEMA)
        .createSchemas(true)
        .locations("classpath:db/migration")
        .placeholders(
            Map.of(
                "predictions_schema", predictions.schema(),
                "predictions_table", predictions.table(),
                "performance_schema", performance.schema(),
                "performance_table", performance.table()))
        .load()
        .migrate();
  }
}
