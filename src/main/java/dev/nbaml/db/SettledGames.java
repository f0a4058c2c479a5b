package dev.nbaml.db;

import dev.nbaml.config.TableName;
import dev.nbaml.core.Moneyline;
import dev.nbaml.core.Monitoring;
import dev.nbaml.core.PairedComparison;
import dev.nbaml.core.ProbabilityScores;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The settled predictions: every prediction of the live table and of the shadow table whose game
 * has an outcome, with its scores, per model version. A shadow row of a version that also wrote the
 * live row of that game (a candidate since promoted) counts once. The one home of this query:
 * monitoring settles from it, the report and {@code promote --if-better} read it.
 */
public final class SettledGames {

  private final Database database;
  private final String cte;

  /**
   * @param predictions the live table ({@code PREDICTIONS_TABLE})
   * @param shadow the shadow table ({@code SHADOW_PREDICTIONS_TABLE}); null where no shadow model
   *     is configured, so that a database without the table settles its live predictions
   * @param outcomes where the results are ({@code OUTCOMES_TABLE})
   */
  public SettledGames(
      Database database, TableName predictions, TableName shadow, TableName outcomes) {
    this.database = database;
    String columns =
        "model_version, home_team, away_team, game_date, home_moneyline, away_moneyline,"
            + " home_team_predicted_win_pct";
    this.cte =
        """
        WITH outcomes AS (
          SELECT home_team, away_team, game_date, max(outcome) AS y
          FROM %s WHERE outcome IS NOT NULL AND game_date >= coalesce(?::date, '-infinity')
          GROUP BY home_team, away_team, game_date),
        predicted AS (
          SELECT %s FROM %s%s),
        settled AS (
          SELECT p.model_version, p.home_team, p.away_team, p.game_date, o.y, p.home_team_predicted_win_pct AS p,
                 %s AS m
          FROM predicted p
          JOIN outcomes o USING (home_team, away_team, game_date)
          WHERE p.model_version IS NOT NULL AND p.game_date >= coalesce(?::date, '-infinity')),
        scored AS (
          SELECT model_version, home_team, away_team, game_date, y, p, m,
                 %s AS hit,
                 %s AS brier,
                 %s AS log_loss,
                 %s AS m_hit,
                 %s AS m_brier,
                 %s AS m_log_loss
          FROM settled)
        """
            .formatted(
                outcomes,
                columns,
                predictions,
                shadow == null
                    ? ""
                    : """

                  UNION ALL
                  SELECT %s FROM %s s
                  WHERE NOT EXISTS (SELECT FROM %s l WHERE l.home_team = s.home_team AND l.game_date = s.game_date
                                                           AND l.model_version = s.model_version)"""
                        .formatted(columns, shadow, predictions),
                Moneyline.sqlMarketProbability("p.home_moneyline", "p.away_moneyline"),
                ProbabilityScores.sqlHit("p", "y"),
                ProbabilityScores.sqlBrier("p", "y"),
                ProbabilityScores.sqlLogLoss("p", "y"),
                ProbabilityScores.sqlHit("m", "y"),
                ProbabilityScores.sqlBrier("m", "y"),
                ProbabilityScores.sqlLogLoss("m", "y"));
  }

  /**
   * The common table expressions {@code settled} and {@code scored}, with two date parameters (the
   * outcomes' and the predictions' lower bound; NULL for none), for the queries that follow them.
   */
  String cte() {
    return cte;
  }

  /** Every settled prediction of a model version, oldest first (for the report). */
  public List<Monitoring.SettledGame> of(String modelVersion) {
    String sql =
        cte
            + "SELECT game_date, p, m, y FROM scored WHERE model_version = ? ORDER BY game_date, home_team";
    try (PreparedStatement ps = database.connection().prepareStatement(sql)) {
      ps.setObject(1, null, Types.DATE); // no lower bound: every settled game
      ps.setObject(2, null, Types.DATE);
      ps.setString(3, modelVersion);
      List<Monitoring.SettledGame> games = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          double m = rs.getDouble(3);
          games.add(
              new Monitoring.SettledGame(
                  rs.getObject(1, LocalDate.class),
                  rs.getDouble(2),
                  rs.wasNull() ? null : m,
                  rs.getInt(4)));
        }
      }
      return games;
    } catch (SQLException e) {
      throw SqlErrors.wrap("Cannot read the settled predictions", e);
    }
  }

  /**
   * The settled games that both model versions scored, each with both probabilities, oldest first:
   * the pairs of the live-against-candidate comparison.
   */
  public List<PairedComparison.Pair> paired(String liveVersion, String candidateVersion) {
    String sql =
        cte
            + """
        SELECT a.p, b.p, a.y FROM scored a
        JOIN scored b USING (home_team, away_team, game_date)
        WHERE a.model_version = ? AND b.model_version = ?
        ORDER BY game_date, home_team
        """;
    try (PreparedStatement ps = database.connection().prepareStatement(sql)) {
      ps.setObject(1, null, Types.DATE);
      ps.setObject(2, null, Types.DATE);
      ps.setString(3, liveVersion);
      ps.setString(4, candidateVersion);
      List<PairedComparison.Pair> pairs = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          pairs.add(new PairedComparison.Pair(rs.getDouble(1), rs.getDouble(2), rs.getInt(3)));
        }
      }
      return pairs;
    } catch (SQLException e) {
      throw SqlErrors.wrap(
          "Cannot read the settled predictions of " + liveVersion + " and " + candidateVersion, e);
    }
  }
}
