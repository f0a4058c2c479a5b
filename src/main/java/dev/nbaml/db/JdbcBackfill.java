package dev.nbaml.db;

import dev.nbaml.config.TableName;
import dev.nbaml.core.BackfillProgress;
import dev.nbaml.core.BackfillSource;
import dev.nbaml.core.GameFeatures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.postgresql.PGStatement;

/**
 * The backfill's database side: the latest copy of each game in the history table, streamed through
 * a server-side cursor on a connection of its own (the writes use the kept one), and the progress
 * table.
 */
public final class JdbcBackfill implements BackfillSource, BackfillProgress {
  private final Database database;
  private final TableName history;

  public JdbcBackfill(Database database, TableName history) {
    this.database = database;
    this.history = history;
  }

  @Override
  public void stream(
      LocalDate from,
      LocalDate to,
      LocalDate after,
      int chunkSize,
      Consumer<List<GameFeatures>> chunks) {
    try (Connection c = database.newConnection()) {
      JdbcGameFeatureReader.requireColumns(c, history);
      boolean copies = JdbcGameFeatureReader.columns(c, history).contains("audit_inserted_at");
      String sql =
          "SELECT DISTINCT ON (game_date, home_team, away_team) "
              + JdbcGameFeatureReader.SELECT_LIST
              + " FROM "
              + history
              + " WHERE game_date > ? AND game_date <= ?"
              + " ORDER BY game_date, home_team, away_team"
              + (copies ? ", audit_inserted_at DESC" : "");
      c.setAutoCommit(false); // a cursor, not the whole result in memory
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setFetchSize(Math.min(chunkSize, 10_000));
        // binary rows from the first execution: numbers are not parsed from text
        ps.unwrap(PGStatement.class).setPrepareThreshold(-1);
        ps.setObject(1, after != null ? after : from.minusDays(1));
        ps.setObject(2, to);
        try (ResultSet rs = ps.executeQuery()) {
          List<GameFeatures> chunk = new ArrayList<>(chunkSize);
          while (rs.next()) {
            GameFeatures row = JdbcGameFeatureReader.row(rs);
            if (chunk.size() >= chunkSize
                && !row.gameDate().equals(chunk.get(chunk.size() - 1).gameDate())) {
              chunks.accept(chunk);
              chunk = new ArrayList<>(chunkSize);
            }
            chunk.add(row);
          }
          if (!chunk.isEmpty()) {
            chunks.accept(chunk);
          }
        }
      }
      c.commit();
    } catch (SQLException e) {
      throw SqlErrors.wrap("Cannot read the history from " + history, e);
    }
  }

  @Override
  public Optional<LocalDate> resumeAfter(String job) {
    try (PreparedStatement ps =
        database
            .connection()
            .prepareStatement(
                "SELECT last_date FROM "
                    + Migrations.HISTORY_SCHEMA
                    + ".backfill_progress WHERE job = ? AND NOT finished")) {
      ps.setString(1, job);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getObject(1, LocalDate.class)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw SqlErrors.wrap(
          "Cannot read the backfill progress from "
              + Migrations.HISTORY_SCHEMA
              + ".backfill_progress"
              + ("42P01".equals(e.getSQLState()) ? " (it does not exist: run migrate)" : ""),
          e);
    }
  }

  @Override
  public void save(String job, LocalDate lastDate, long rowsDone, boolean finished) {
    try (PreparedStatement ps =
        database
            .connection()
            .prepareStatement(
                "INSERT INTO "
                    + Migrations.HISTORY_SCHEMA
                    + ".backfill_progress (job, last_date, rows_done, finished)"
                    + " VALUES (?, ?, ?, ?) ON CONFLICT (job) DO UPDATE SET last_date = excluded.last_date,"
                    + " rows_done = excluded.rows_done, finished = excluded.finished, updated_at = current_timestamp")) {
      ps.setString(1, job);
      ps.setObject(2, lastDate);
      ps.setLong(3, rowsDone);
      ps.setBoolean(4, finished);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw SqlErrors.wrap("Cannot save the backfill progress", e);
    }
  }
}
