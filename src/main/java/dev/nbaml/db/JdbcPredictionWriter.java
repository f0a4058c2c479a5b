package dev.nbaml.db;

import dev.nbaml.config.TableName;
import dev.nbaml.core.GameFeatures;
import dev.nbaml.core.GamePrediction;
import dev.nbaml.core.PredictionWriter;
import dev.nbaml.core.TeamFeatures;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Upserts predictions into {@code gold.ml_game_predictions} (or the configured table) in one
 * transaction: all rows or none. The rows go by binary {@code COPY} into a temporary staging table
 * of the connection's own (no number is formatted or parsed as text), then one {@code INSERT ...
 * SELECT ... ON CONFLICT} moves them in key order, so that concurrent runs cannot deadlock. A
 * re-run for the same games changes nothing but {@code modified_at}. The same path writes 15 games
 * of a run and 20,000 of a backfill chunk, each row with its explanation ({@code explanation}
 * jsonb).
 */
public final class JdbcPredictionWriter implements PredictionWriter {

  private static final List<String> OUTPUT_COLUMNS = PredictionColumns.names();

  /** The staging table: the output table's types, so that moving the rows in converts nothing. */
  private static final String STAGE = "pg_temp.nbaml_predictions_stage";

  private static final String CREATE_STAGE =
      "CREATE TEMPORARY TABLE IF NOT EXISTS "
          + STAGE
          + " ("
          + PredictionColumns.definitions()
          + ") ON COMMIT DELETE ROWS";

  /** The live table's key: one row per game. */
  public static final List<String> LIVE_KEY = List.of("home_team", "game_date");

  /** The shadow table's key: one row per game and model version. */
  static final List<String> SHADOW_KEY = List.of("home_team", "game_date", "model_version");

  private final Database database;
  private final TableName table;
  private final List<String> key;
  private final String upsert;
  private final boolean ownsDatabase;

  /**
   * Whether a commit waits for the write-ahead log to reach the disk: the live table's rows are the
   * pipeline's; shadow rows are an evaluation's and may be re-scored.
   */
  private final boolean durable;

  /** The connection whose staging table exists (created once per connection, not per write). */
  private Connection staged;

  /** A writer on the database's kept connection. */
  public JdbcPredictionWriter(Database database, TableName table) {
    this(database, table, LIVE_KEY, false, true);
  }

  /**
   * A writer on the database's kept connection to the shadow table ({@link #SHADOW_KEY}: a row per
   * game and model version), whose commits do not wait for the disk (a server crash within a
   * fraction of a second may lose shadow rows; it can never half-write them), so the shadow costs a
   * run less.
   */
  public static JdbcPredictionWriter shadow(Database database, TableName table) {
    return new JdbcPredictionWriter(database, table, SHADOW_KEY, false, false);
  }

  /**
   * A writer with a connection of its own (closed with the writer), to write beside other writers.
   */
  public static JdbcPredictionWriter dedicated(Database database, TableName table) {
    return new JdbcPredictionWriter(database.dedicated(), table, LIVE_KEY, true, true);
  }

  private JdbcPredictionWriter(
      Database database, TableName table, List<String> key, boolean ownsDatabase, boolean durable) {
    this.ownsDatabase = ownsDatabase;
    this.durable = durable;
    this.database = database;
    this.table = table;
    this.key = List.copyOf(key);
    String columns = String.join(", ", OUTPUT_COLUMNS);
    String updates =
        Stream.concat(OUTPUT_COLUMNS.stream(), Stream.of("model_version"))
            .filter(c -> !this.key.contains(c))
            .map(c -> c + " = excluded." + c)
            .collect(Collectors.joining(", "));
    this.upsert =
        """
        INSERT INTO %s AS p (%s, model_version)
        SELECT %s, ? FROM %s ORDER BY home_team, game_date
        ON CONFLICT (%s) DO UPDATE SET %s, modified_at = current_timestamp
        """
            .formatted(table, columns, columns, STAGE, keyList(), updates);
  }

  private String keyList() {
    return String.join(", ", key);
  }

  @Override
  public void requireReady() {
    try (PreparedStatement ps =
        database
            .connection()
            .prepareStatement(
                """
        SELECT to_regclass(?) IS NOT NULL,
               EXISTS (SELECT FROM pg_index i
                       WHERE i.indrelid = to_regclass(?) AND i.indisunique AND i.indnatts = ?
                         AND pg_get_indexdef(i.indexrelid) LIKE ?)
        """)) {
      ps.setString(1, table.toString());
      ps.setString(2, table.toString());
      ps.setInt(3, key.size());
      ps.setString(4, "%(" + keyList() + ")");
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        if (!rs.getBoolean(1)) {
          throw new DatabaseException(
              "Table " + table + " does not exist: run `java -jar ml-pipeline.jar migrate` first",
              null);
        }
        if (!rs.getBoolean(2)) {
          throw new DatabaseException(
              "Table "
                  + table
                  + " has no unique key on ("
                  + keyList()
                  + "): run `java -jar"
                  + " ml-pipeline.jar migrate`",
              null);
        }
      }
    } catch (SQLException e) {
      throw SqlErrors.wrap("Cannot check the table " + table, e);
    }
  }

  @Override
  public int write(List<GamePrediction> predictions, String modelVersion) {
    if (predictions.isEmpty()) {
      return 0;
    }
    Connection c = database.connection();
    try {
      if (c != staged) {
        try (Statement st = c.createStatement()) {
          st.execute(CREATE_STAGE); // in auto-commit: it outlives a rolled-back write
        }
        staged = c;
      }
      c.setAutoCommit(false);
      if (!durable) {
        try (Statement st = c.createStatement()) {
          st.execute("SET LOCAL synchronous_commit = off");
        }
      }
      copy(c, predictions);
      int written;
      try (PreparedStatement ps = c.prepareStatement(upsert)) {
        ps.setString(1, modelVersion);
        written = ps.executeUpdate();
      }
      c.commit();
      return written;
    } catch (SQLException e) {
      rollback(c);
      if ("42P01".equals(e.getSQLState())) {
        throw new DatabaseException(
            "Table " + table + " does not exist: run `java -jar ml-pipeline.jar migrate` first", e);
      }
      if ("42P10".equals(e.getSQLState())) {
        throw new DatabaseException(
            "Table "
                + table
                + " has no unique key on ("
                + keyList()
                + "): run `java -jar"
                + " ml-pipeline.jar migrate`",
            e);
      }
      throw SqlErrors.wrap("Cannot write the predictions to " + table + "; nothing was written", e);
    } catch (RuntimeException e) {
      rollback(c);
      throw e;
    } finally {
      try {
        c.setAutoCommit(true);
      } catch (SQLException e) {
        // the connection is broken; Database replaces it on the next use
      }
    }
  }

  /** Sends the rows to the staging table with one binary COPY. */
  private static void copy(Connection c, List<GamePrediction> predictions) throws SQLException {
    PGCopyOutputStream stream =
        new PGCopyOutputStream(
            c.unwrap(PGConnection.class), "COPY " + STAGE + " FROM STDIN (FORMAT binary)", 1 << 16);
    try {
      BinaryCopy rows = new BinaryCopy(stream);
      for (GamePrediction p : predictions) {
        GameFeatures g = p.game();
        rows.startRow(OUTPUT_COLUMNS.size());
        rows.text(g.homeTeam());
        rows.text(g.awayTeam());
        rows.numeric(g.home().moneyline());
        rows.numeric(g.away().moneyline());
        rows.date(g.gameDate());
        side(rows, g.home());
        side(rows, g.away());
        rows.float8(p.homeTeamPredictedWinPct());
        rows.float8(p.awayTeamPredictedWinPct());
        rows.jsonb(ExplanationJson.write(p.explanation()));
      }
      rows.finish();
    } catch (IOException e) {
      cancel(stream);
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      throw new SQLException("COPY to the staging table failed: " + e.getMessage(), "08006", e);
    } catch (RuntimeException e) {
      cancel(stream);
      throw e;
    }
  }

  private static void cancel(PGCopyOutputStream stream) {
    try {
      if (stream.isActive()) {
        stream.cancelCopy();
      }
    } catch (SQLException e) {
      // the connection is broken: the rollback that follows, or the server, ends the COPY
    }
  }

  private static void side(BinaryCopy rows, TeamFeatures t) throws IOException {
    rows.int8(t.rank().longValue());
    rows.int4(t.daysRest().intValue());
    rows.numeric(t.avgPtsScored());
    rows.numeric(t.avgPtsAllowed());
    rows.numeric(t.winPct());
    rows.numeric(t.winPctLast10());
    rows.numeric(t.topPlayers());
  }

  @Override
  public void close() {
    if (ownsDatabase) {
      database.close();
    }
  }

  private static void rollback(Connection c) {
    try {
      c.rollback();
    } catch (SQLException e) {
      // nothing was committed; the broken connection is replaced on the next use
    }
  }
}
