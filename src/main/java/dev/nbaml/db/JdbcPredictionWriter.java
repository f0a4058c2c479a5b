package dev.nbaml.db;

import dev.nbaml.core.GameFeatures;
import dev.nbaml.core.GamePrediction;
import dev.nbaml.core.PredictionWriter;
import dev.nbaml.core.TeamFeatures;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Upserts predictions into {@code gold.ml_game_predictions} (or the configured table) in one
 * transaction and one statement: all rows or none. A re-run for the same games changes nothing but
 * {@code modified_at}. Rows are written in key order so that concurrent runs cannot deadlock.
 */
public final class JdbcPredictionWriter implements PredictionWriter {

  private static final List<String> OUTPUT_COLUMNS =
      Stream.concat(
              JdbcGameFeatureReader.COLUMNS.stream(),
              Stream.of("home_team_predicted_win_pct", "away_team_predicted_win_pct", "model_version"))
          .toList();

  private final Database database;
  private final TableName table;
  private final String upsert;

  public JdbcPredictionWriter(Database database, TableName table) {
    this.database = database;
    this.table = table;
    String columns = String.join(", ", OUTPUT_COLUMNS);
    String updates =
        OUTPUT_COLUMNS.stream()
            .filter(c -> !c.equals("home_team") && !c.equals("game_date"))
            .map(c -> c + " = excluded." + c)
            .collect(Collectors.joining(", "));
    this.upsert =
        """
        INSERT INTO %s AS p (%s)
        SELECT * FROM unnest(
          ?::text[], ?::text[], ?::float8[]::numeric[], ?::float8[]::numeric[], ?::text[]::date[],
          ?::int8[], ?::int4[], ?::float8[]::numeric[], ?::float8[]::numeric[], ?::float8[]::numeric[],
          ?::float8[]::numeric[], ?::float8[]::numeric[],
          ?::int8[], ?::int4[], ?::float8[]::numeric[], ?::float8[]::numeric[], ?::float8[]::numeric[],
          ?::float8[]::numeric[], ?::float8[]::numeric[],
          ?::float8[], ?::float8[], ?::text[])
        ON CONFLICT (home_team, game_date) DO UPDATE SET %s, modified_at = current_timestamp
        """
            .formatted(table, columns, updates);
  }

  @Override
  public void requireReady() {
    try (PreparedStatement ps = database.connection().prepareStatement(
        """
        SELECT to_regclass(?) IS NOT NULL,
               EXISTS (SELECT FROM pg_index i
                       WHERE i.indrelid = to_regclass(?) AND i.indisunique AND i.indnatts = 2
                         AND pg_get_indexdef(i.indexrelid) LIKE '%(home_team, game_date)')
        """)) {
      ps.setString(1, table.toString());
      ps.setString(2, table.toString());
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        rs.next();
        if (!rs.getBoolean(1)) {
          throw new DatabaseException(
              "Table " + table + " does not exist: run `java -jar ml-pipeline.jar migrate` first", null);
        }
        if (!rs.getBoolean(2)) {
          throw new DatabaseException(
              "Table " + table + " has no unique key on (home_team, game_date): run `java -jar"
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
    List<GamePrediction> rows = new ArrayList<>(predictions);
    rows.sort(
        Comparator.comparing((GamePrediction p) -> p.game().homeTeam())
            .thenComparing(p -> p.game().gameDate()));
    Connection c = database.connection();
    try {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(upsert)) {
        int i = 1;
        ps.setArray(i++, text(c, rows, p -> p.game().homeTeam()));
        ps.setArray(i++, text(c, rows, p -> p.game().awayTeam()));
        ps.setArray(i++, numbers(c, rows, p -> p.game().home().moneyline()));
        ps.setArray(i++, numbers(c, rows, p -> p.game().away().moneyline()));
        ps.setArray(i++, text(c, rows, p -> p.game().gameDate().toString()));
        i = side(c, ps, i, rows, GameFeatures::home);
        i = side(c, ps, i, rows, GameFeatures::away);
        ps.setArray(i++, numbers(c, rows, GamePrediction::homeTeamPredictedWinPct));
        ps.setArray(i++, numbers(c, rows, GamePrediction::awayTeamPredictedWinPct));
        ps.setArray(i, text(c, rows, p -> modelVersion));
        int written = ps.executeUpdate();
        c.commit();
        return written;
      }
    } catch (SQLException e) {
      rollback(c);
      if ("42P01".equals(e.getSQLState())) {
        throw new DatabaseException(
            "Table " + table + " does not exist: run `java -jar ml-pipeline.jar migrate` first", e);
      }
      if ("42P10".equals(e.getSQLState())) {
        throw new DatabaseException(
            "Table " + table + " has no unique key on (home_team, game_date): run `java -jar"
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

  private static int side(
      Connection c,
      PreparedStatement ps,
      int i,
      List<GamePrediction> rows,
      Function<GameFeatures, TeamFeatures> team)
      throws SQLException {
    Function<GamePrediction, TeamFeatures> t = p -> team.apply(p.game());
    ps.setArray(i++, c.createArrayOf("int8", rows.stream().map(p -> t.apply(p).rank().longValue()).toArray()));
    ps.setArray(i++, c.createArrayOf("int4", rows.stream().map(p -> t.apply(p).daysRest().intValue()).toArray()));
    ps.setArray(i++, numbers(c, rows, p -> t.apply(p).avgPtsScored()));
    ps.setArray(i++, numbers(c, rows, p -> t.apply(p).avgPtsAllowed()));
    ps.setArray(i++, numbers(c, rows, p -> t.apply(p).winPct()));
    ps.setArray(i++, numbers(c, rows, p -> t.apply(p).winPctLast10()));
    ps.setArray(i++, numbers(c, rows, p -> t.apply(p).topPlayers()));
    return i;
  }

  private static Array text(Connection c, List<GamePrediction> rows, Function<GamePrediction, String> f)
      throws SQLException {
    return c.createArrayOf("text", rows.stream().map(f).toArray());
  }

  private static Array numbers(Connection c, List<GamePrediction> rows, Function<GamePrediction, Double> f)
      throws SQLException {
    return c.createArrayOf("float8", rows.stream().map(f).toArray());
  }

  private static void rollback(Connection c) {
    try {
      c.rollback();
    } catch (SQLException e) {
      // nothing was committed; the broken connection is replaced on the next use
    }
  }
}
