package dev.nbaml.db;

import dev.nbaml.history.GameResult;
import dev.nbaml.training.LabeledGame;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads training history from {@code silver.ml_game_features_audit}: dbt's daily copies of the feature
 * rows, which are point in time by construction. The latest copy of each game with a known outcome.
 */
public final class JdbcHistoryReader {
  private final Database database;
  private final TableName audit;

  public JdbcHistoryReader(Database database, TableName audit) {
    this.database = database;
    this.audit = audit;
  }

  public List<LabeledGame> labeledGames() {
    String sql =
        """
        SELECT DISTINCT ON (home_team, away_team, game_date) %s, outcome
        FROM %s
        WHERE outcome IS NOT NULL
        ORDER BY home_team, away_team, game_date, audit_inserted_at DESC
        """
            .formatted(JdbcGameFeatureReader.SELECT_LIST, audit);
    Connection c = database.connection();
    try {
      JdbcGameFeatureReader.requireColumns(c, audit);
      try (PreparedStatement ps = c.prepareStatement(sql);
          ResultSet rs = ps.executeQuery()) {
        List<LabeledGame> games = new ArrayList<>();
        while (rs.next()) {
          var features = JdbcGameFeatureReader.row(rs);
          int outcome = rs.getInt("outcome");
          games.add(new LabeledGame(features, outcome == 1 ? 1 : 0, GameResult.seasonOf(features.gameDate()), false));
        }
        games.sort(java.util.Comparator.comparing(g -> g.features().gameDate()));
        return games;
      }
    } catch (SQLException e) {
      throw SqlErrors.wrap("Cannot read the training history from " + audit, e);
    }
  }
}
