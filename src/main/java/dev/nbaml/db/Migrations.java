package dev.nbaml.db;

import dev.nbaml.config.TableName;
import dev.nbaml.config.Tables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The product's own tables, created and changed by versioned Flyway migrations (never by a scoring
 * run). Flyway's history lives in its own schema, {@value #HISTORY_SCHEMA}, so it never needs a
 * baseline in schemas that dbt owns.
 *
 * <p>A predictions table left by the Python job may hold several rows for one (home_team,
 * game_date) (it appended rows), which the unique key cannot be created over. Such a table is never
 * met with a raw index error: {@code migrate} lists the duplicated keys and the query that shows
 * them all, or, when asked ({@link Options#keepNewestDuplicates()}), keeps the newest row of each
 * key and deletes the others before the migrations run.
 */
public final class Migrations {
  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  public static final String HISTORY_SCHEMA = "ml_pipeline";

  /** How many duplicated keys an error lists (the query it gives shows them all). */
  static final int KEYS_LISTED = 10;

  /** SQLSTATE of a unique violation, which a unique index build over duplicates fails with. */
  private static final String UNIQUE_VIOLATION = "23505";

  private Migrations() {}

  /**
   * What a migration may do beyond the migrations themselves.
   *
   * @param keepNewestDuplicates where the predictions table holds several rows for one (home_team,
   *     game_date), keep the newest (latest {@code modified_at}, then {@code created_at}) and
   *     delete the others; otherwise such a table stops the migration with a {@link
   *     DatabaseException} that lists them
   */
  public record Options(boolean keepNewestDuplicates) {
    public static final Options DEFAULT = new Options(false);
  }

  /** What a migration did: Flyway's result and the duplicate rows deleted before it. */
  public record Outcome(MigrateResult flyway, long duplicatesRemoved) {}

  /** Applies the pending migrations, refusing a predictions table with duplicate keys. */
  public static MigrateResult migrate(Database database, Tables tables) {
    return migrate(database, tables, Options.DEFAULT).flyway();
  }

  /**
   * Applies the pending migrations.
   *
   * @throws DatabaseException naming the duplicated keys, when the predictions table has some and
   *     {@code options} does not say to keep the newest
   * @throws dev.nbaml.core.TransientException when a lock or statement timeout cut a step off
   */
  public static Outcome migrate(Database database, Tables tables, Options options) {
    TableName predictions = tables.predictions();
    long removed = 0;
    try (Connection c = database.newConnection()) {
      if (needsUniqueKey(c, predictions)) {
        removed = options.keepNewestDuplicates() ? keepNewest(c, predictions) : 0;
        requireNoDuplicates(c, predictions);
      }
    } catch (SQLException e) {
      throw SqlErrors.wrap(
          "Cannot check " + predictions + " for duplicate keys before migrating", e);
    }
    try {
      return new Outcome(flyway(database, tables).migrate(), removed);
    } catch (FlywayException e) {
      SQLException sql = sqlCause(e);
      if (sql == null) {
        throw e;
      }
      if (UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        // rows written between the check and the index build (a writer of the old job still
        // running)
        try (Connection c = database.newConnection()) {
          requireNoDuplicates(c, predictions);
        } catch (SQLException again) {
          e.addSuppressed(again);
        }
      }
      throw SqlErrors.wrap("Cannot migrate " + database.jdbcUrl(), sql);
    }
  }

  private static Flyway flyway(Database database, Tables tables) {
    TableName predictions = tables.predictions();
    TableName performance = tables.performance();
    TableName shadow = tables.shadowPredictions();
    DbCredentials c = database.credentials();
    Database.Timeouts timeouts = database.timeouts();
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setServerNames(new String[] {c.host()});
    dataSource.setPortNumbers(new int[] {c.port()});
    dataSource.setDatabaseName(c.dbname());
    dataSource.setUser(c.username());
    dataSource.setPassword(c.password());
    dataSource.setSslMode(database.sslMode());
    dataSource.setApplicationName("nba-ml-pipeline-migrate");
    dataSource.setConnectTimeout((int) timeouts.connect().toSeconds());
    dataSource.setLoginTimeout((int) timeouts.connect().toSeconds());
    dataSource.setSocketTimeout((int) timeouts.socketTimeoutSeconds());
    dataSource.setOptions(timeouts.serverOptions());
    return Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(dataSource)
        .schemas(HISTORY_SCHEMA)
        .createSchemas(true)
        .locations("classpath:db/migration")
        .lockRetryCount((int) timeouts.lock().toSeconds())
        .placeholders(
            Map.of(
                "predictions_schema", predictions.schema(),
                "predictions_table", predictions.table(),
                "performance_schema", performance.schema(),
                "performance_table", performance.table(),
                "shadow_schema", shadow.schema(),
                "shadow_table", shadow.table()))
        .load();
  }

  /**
   * Whether the table exists without its unique key on (home_team, game_date), as an old one may.
   */
  private static boolean needsUniqueKey(Connection c, TableName table) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            """
        SELECT to_regclass(?) IS NOT NULL
           AND NOT EXISTS (SELECT FROM pg_index i
                           WHERE i.indrelid = to_regclass(?) AND i.indisunique AND i.indnatts = 2
                             AND pg_get_indexdef(i.indexrelid) LIKE '%(home_team, game_date)')
        """)) {
      ps.setString(1, table.toString());
      ps.setString(2, table.toString());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  /** The query that lists every duplicated key, as the error gives it to the user. */
  static String duplicatesQuery(TableName table) {
    return "SELECT home_team, game_date, count(*) AS copies FROM "
        + table
        + " WHERE home_team IS NOT NULL AND game_date IS NOT NULL"
        + " GROUP BY home_team, game_date HAVING count(*) > 1 ORDER BY game_date, home_team";
  }

  private static void requireNoDuplicates(Connection c, TableName table) throws SQLException {
    List<String> keys = new ArrayList<>();
    long keyCount = 0;
    long extraRows = 0;
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT home_team, game_date, copies, count(*) OVER () AS keys,"
                    + " sum(copies - 1) OVER () AS extra FROM ("
                    + duplicatesQuery(table)
                    + ") d"
                    + " ORDER BY game_date, home_team LIMIT "
                    + KEYS_LISTED)) {
      while (rs.next()) {
        keys.add(rs.getString(1) + " " + rs.getDate(2) + " (" + rs.getLong(3) + " rows)");
        keyCount = rs.getLong(4);
        extraRows = rs.getLong(5);
      }
    }
    if (keys.isEmpty()) {
      return;
    }
    throw new DatabaseException(
        "Cannot migrate: "
            + table
            + " holds "
            + keyCount
            + " (home_team, game_date) key(s) with more than"
            + " one row ("
            + extraRows
            + " extra row(s), left by a job that appended rows), so its unique key"
            + " cannot be created. "
            + (keyCount > keys.size() ? "The first " + keys.size() + ": " : "They are: ")
            + String.join("; ", keys)
            + ". See them all with: "
            + duplicatesQuery(table)
            + ". To fix it, delete"
            + " the older copies yourself, or migrate with --keep-newest-duplicates (the function: {\"action\":"
            + " \"migrate\", \"keep_newest_duplicates\": true}), which keeps the newest row of each key (latest"
            + " modified_at, then created_at) and deletes the others. Nothing was changed.",
        null);
  }

  /**
   * Deletes all but the newest row of each duplicated key, in one transaction that keeps writers
   * out meanwhile; a table without duplicates is left as it is.
   *
   * @return the rows deleted
   */
  private static long keepNewest(Connection c, TableName table) throws SQLException {
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      st.execute("LOCK TABLE " + table + " IN SHARE ROW EXCLUSIVE MODE");
      int deleted =
          st.executeUpdate(
              """
          DELETE FROM %1$s p USING (
              SELECT ctid FROM (
                  SELECT ctid, row_number() OVER (
                      PARTITION BY home_team, game_date
                      ORDER BY modified_at DESC NULLS LAST, created_at DESC NULLS LAST, ctid DESC) AS n
                  FROM %1$s WHERE home_team IS NOT NULL AND game_date IS NOT NULL) ranked
              WHERE n > 1) older
          WHERE p.ctid = older.ctid
          """
                  .formatted(table));
      c.commit();
      if (deleted > 0) {
        LOG.warn(
            "Deleted {} older duplicate row(s) of {}, keeping the newest row of each (home_team, game_date)",
            deleted,
            table);
      }
      return deleted;
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  private static SQLException sqlCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return sql;
      }
    }
    return null;
  }
}
