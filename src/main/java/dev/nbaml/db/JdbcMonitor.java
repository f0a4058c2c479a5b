package dev.nbaml.db;

import dev.nbaml.config.MonitoringSettings;
import dev.nbaml.config.TableName;
import dev.nbaml.core.DriftCheck;
import dev.nbaml.core.FeatureCatalog;
import dev.nbaml.core.GameFeatures;
import dev.nbaml.core.Monitoring;
import dev.nbaml.core.PairedComparison;
import dev.nbaml.core.RunMonitor;
import dev.nbaml.core.RunRequest;
import dev.nbaml.core.WinProbabilityModel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Monitoring in the database. After each run: settles the predictions whose games have an outcome
 * (joined on home team, away team and date with the outcomes table), those of the live table and of
 * the shadow table ({@link SettledGames}), into the performance table, per model version and game
 * date, with the moneyline favourite on the same games; reads the rolling figures of the model
 * version; and checks the inputs of the latest predicted games for drift.
 */
public final class JdbcMonitor implements RunMonitor {

  /** Settings of monitoring. */
  public record Settings(
      TableName predictions,
      TableName shadowPredictions,
      TableName performance,
      TableName outcomes,
      MonitoringSettings monitoring) {}

  private final Database database;
  private final Settings settings;
  private final SettledGames settled;
  private final String settledCte;

  public JdbcMonitor(Database database, Settings settings) {
    this.database = database;
    this.settings = settings;
    this.settled =
        new SettledGames(
            database, settings.predictions(), settings.shadowPredictions(), settings.outcomes());
    this.settledCte = settled.cte();
  }

  /** Every settled prediction of a model version, live or shadow, oldest first (for the report). */
  public List<Monitoring.SettledGame> settledGames(String modelVersion) {
    return settled.of(modelVersion);
  }

  /**
   * The settled games both versions scored, with both probabilities (for the report's comparison).
   */
  public List<PairedComparison.Pair> pairedGames(String liveVersion, String candidateVersion) {
    return settled.paired(liveVersion, candidateVersion);
  }

  /**
   * The games of the latest date in the predictions table (whatever model scored them), by home
   * team, with their explanations.
   */
  public List<Monitoring.SlateGame> latestSlate() {
    String sql =
        "SELECT "
            + JdbcGameFeatureReader.SELECT_LIST
            + ", home_team_predicted_win_pct, model_version, explanation::text FROM "
            + settings.predictions()
            + " WHERE game_date = (SELECT max(game_date) FROM "
            + settings.predictions()
            + ") ORDER BY home_team";
    try (PreparedStatement ps = database.connection().prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      int after = rs.getMetaData().getColumnCount() - 2;
      List<Monitoring.SlateGame> games = new ArrayList<>();
      while (rs.next()) {
        games.add(
            new Monitoring.SlateGame(
                JdbcGameFeatureReader.row(rs),
                rs.getDouble(after),
                rs.getString(after + 1),
                ExplanationJson.read(rs.getString(after + 2))));
      }
      return games;
    } catch (SQLException e) {
      throw SqlErrors.wrap("Cannot read the latest predictions of " + settings.predictions(), e);
    }
  }

  /** The drift of the latest predicted games against the model's training data. */
  public Monitoring.Drift drift(WinProbabilityModel model) {
    try {
      return drift(database.connection(), model);
    } catch (SQLException e) {
      throw SqlErrors.wrap("Cannot read the latest predictions", e);
    }
  }

  @Override
  public Monitoring afterRun(RunRequest request, WinProbabilityModel model) {
    Connection c = database.connection();
    try {
      Monitoring.Rolling rolling = null;
      if (outcomesReadable(c)) {
        LocalDate since = request.runDate().minusDays(settings.monitoring().settleDays());
        settle(c, since);
        rolling = rolling(c, model.version());
      }
      Monitoring.Drift drift = model.trainingDistributions().isEmpty() ? null : drift(c, model);
      return new Monitoring(rolling, drift);
    } catch (SQLException e) {
      throw SqlErrors.wrap(
          "Cannot settle or check the predictions ("
              + settings.outcomes()
              + " into "
              + settings.performance()
              + ", drift from "
              + settings.predictions()
              + ")",
          e);
    }
  }

  private boolean outcomesReadable(Connection c) throws SQLException {
    Set<String> columns = JdbcGameFeatureReader.columns(c, settings.outcomes());
    return columns.containsAll(List.of("home_team", "away_team", "game_date", "outcome"));
  }

  private void settle(Connection c, LocalDate since) throws SQLException {
    String sql =
        settledCte
            + """
        INSERT INTO %s AS t (model_version, game_date, games, correct, accuracy, brier, log_loss,
                             market_games, market_correct, market_accuracy, market_brier, market_log_loss, updated_at)
        SELECT model_version, game_date, count(*), sum(hit), avg(hit), avg(brier), avg(log_loss),
               count(m), coalesce(sum(m_hit), 0), avg(m_hit), avg(m_brier), avg(m_log_loss), current_timestamp
        FROM scored GROUP BY model_version, game_date
        ON CONFLICT (model_version, game_date) DO UPDATE SET
          games = excluded.games, correct = excluded.correct, accuracy = excluded.accuracy,
          brier = excluded.brier, log_loss = excluded.log_loss, market_games = excluded.market_games,
          market_correct = excluded.market_correct, market_accuracy = excluded.market_accuracy,
          market_brier = excluded.market_brier, market_log_loss = excluded.market_log_loss,
          updated_at = excluded.updated_at
        WHERE (t.games, t.correct, t.brier, t.market_games, t.market_correct)
              IS DISTINCT FROM (excluded.games, excluded.correct, excluded.brier, excluded.market_games, excluded.market_correct)
        """
                .formatted(settings.performance());
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, since);
      ps.setObject(2, since);
      ps.executeUpdate();
    }
  }

  private Monitoring.Rolling rolling(Connection c, String modelVersion) throws SQLException {
    String sql =
        settledCte
            + """
        SELECT count(*), avg(hit), avg(brier), avg(log_loss), count(m), avg(m_hit), avg(m_brier)
        FROM (SELECT * FROM scored WHERE model_version = ? ORDER BY game_date DESC LIMIT ?) recent
        """;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, null, Types.DATE); // no lower bound: every settled game
      ps.setObject(2, null, Types.DATE);
      ps.setString(3, modelVersion);
      ps.setInt(4, settings.monitoring().rollingWindow());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new Monitoring.Rolling(
            settings.monitoring().rollingWindow(),
            rs.getInt(1),
            round(rs, 2),
            round(rs, 3),
            round(rs, 4),
            rs.getInt(5),
            round(rs, 6),
            round(rs, 7));
      }
    }
  }

  private Monitoring.Drift drift(Connection c, WinProbabilityModel model) throws SQLException {
    String sql =
        "SELECT "
            + JdbcGameFeatureReader.SELECT_LIST
            + " FROM "
            + settings.predictions()
            + " ORDER BY game_date DESC, home_team LIMIT ?";
    List<double[]> rows = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setInt(1, settings.monitoring().driftWindow());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          GameFeatures game = JdbcGameFeatureReader.row(rs);
          rows.add(FeatureCatalog.values(game, model.featureNames()));
        }
      }
    }
    return DriftCheck.check(
        model.trainingDistributions(),
        model.featureNames(),
        rows,
        settings.monitoring().driftThreshold(),
        DriftCheck.DEFAULT_MIN_GAMES);
  }

  private static Double round(ResultSet rs, int column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : Math.round(v * 10000.0) / 10000.0;
  }
}
