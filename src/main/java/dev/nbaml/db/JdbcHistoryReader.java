package dev.nbaml.db;

import dev.nbaml.config.TableName;
import dev.nbaml.history.GameResult;
import dev.nbaml.history.GameType;
import dev.nbaml.history.LabeledGame;
import dev.nbaml.history.LeftOutGames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads training history from {@code silver.ml_game_features_audit}: dbt's daily copies of the
 * feature rows, which are point in time by construction. The latest copy of each game with a known
 * outcome.
 *
 * <p>The contract's audit table carries no game type: its rows are taken as regular-season games
 * (dbt builds them for the days the season flag is on). Where the table has a {@code game_type}
 * column too (adding columns is within the contract), it is read as the CSV's is ({@link
 * GameType#of}): NBA Cup games before the final are regular season, the Cup final, play-in and
 * playoff games are not, and a game of an unknown type is left out with a warning. A NULL there
 * (rows from before the column was added) is read as a table without the column is: regular season.
 */
public final class JdbcHistoryReader {
  private final Database database;
  private final TableName audit;

  /** The games, oldest first, and warnings about the rows left out. */
  public record Read(List<LabeledGame> games, List<String> warnings) {}

  public JdbcHistoryReader(Database database, TableName audit) {
    this.database = database;
    this.audit = audit;
  }

  /** Where the history comes from, as a model card records it. */
  public String description() {
    return "database table " + audit;
  }

  public Read labeledGames() {
    Connection c = database.connection();
    try {
      JdbcGameFeatureReader.requireColumns(c, audit);
      boolean typed = JdbcGameFeatureReader.columns(c, audit).contains("game_type");
      String sql =
          """
          SELECT DISTINCT ON (home_team, away_team, game_date) %s, outcome%s
          FROM %s
          WHERE outcome IS NOT NULL
          ORDER BY home_team, away_team, game_date, audit_inserted_at DESC
          """
              .formatted(JdbcGameFeatureReader.SELECT_LIST, typed ? ", game_type" : "", audit);
      LeftOutGames leftOut = new LeftOutGames(audit.toString());
      try (PreparedStatement ps = c.prepareStatement(sql);
          ResultSet rs = ps.executeQuery()) {
        List<LabeledGame> games = new ArrayList<>();
        while (rs.next()) {
          var features = JdbcGameFeatureReader.row(rs);
          String raw = typed ? rs.getString("game_type") : null;
          GameType type = raw == null ? GameType.REGULAR : GameType.of(raw);
          if (!leftOut.keep(
              type,
              raw,
              features.homeTeam() + " - " + features.awayTeam() + " on " + features.gameDate())) {
            continue;
          }
          int outcome = rs.getInt("outcome");
          games.add(
              new LabeledGame(
                  features, outcome == 1 ? 1 : 0, GameResult.seasonOf(features.gameDate()), type));
        }
        games.sort(Comparator.comparing(g -> g.features().gameDate()));
        return new Read(games, leftOut.warnings());
      }
    } catch (SQLException e) {
      throw SqlErrors.wrap("Cannot read the training history from " + audit, e);
    }
  }
}
