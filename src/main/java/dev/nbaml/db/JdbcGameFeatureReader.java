package dev.nbaml.db;

import dev.nbaml.core.FeatureCatalog;
import dev.nbaml.core.GameFeatureReader;
import dev.nbaml.core.GameFeatures;
import dev.nbaml.core.TeamFeatures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Reads {@code silver.ml_game_features} (or the configured table) and the {@code season} flag. */
public final class JdbcGameFeatureReader implements GameFeatureReader {

  /** The input columns the product reads and copies to the output, in the contract's order. */
  public static final List<String> COLUMNS =
      Stream.concat(
              Stream.of("home_team", "away_team", "home_moneyline", "away_moneyline", "game_date"),
              FeatureCatalog.TABLE_FEATURES.stream())
          .toList();

  /** The columns of {@link #row}, in its order. */
  static final String SELECT_LIST =
      "home_team, away_team, game_date, "
          + Stream.concat(Stream.of("home_moneyline", "away_moneyline"), FeatureCatalog.TABLE_FEATURES.stream())
              .map(c -> c + "::float8")
              .collect(Collectors.joining(", "));

  private final Database database;
  private final TableName features;
  private final TableName flags;
  private final String select;
  private final String countStale;

  public JdbcGameFeatureReader(Database database, TableName features, TableName flags) {
    this.database = database;
    this.features = features;
    this.flags = flags;
    this.select =
        """
        SELECT %s
        FROM %s
        WHERE game_date >= ?
        ORDER BY game_date, home_team, away_team
        """
            .formatted(SELECT_LIST, features);
    this.countStale = "SELECT count(*) FROM %s WHERE game_date < ?".formatted(features);
  }

  @Override
  public Optional<Boolean> seasonEnabled() {
    Connection c = database.connection();
    try {
      if (!tableExists(c, flags)) {
        return Optional.empty();
      }
      try (PreparedStatement ps =
          c.prepareStatement("SELECT bool_or(is_enabled = 1) FROM %s WHERE flag = ?".formatted(flags))) {
        ps.setString(1, "season");
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return Optional.of(rs.getBoolean(1)); // no 'season' row: not enabled, as the Python job
        }
      }
    } catch (SQLException e) {
      throw SqlErrors.wrap("Cannot read the feature flags from " + flags, e);
    }
  }

  @Override
  public List<GameFeatures> upcomingGames(LocalDate runDate) {
    Connection c = database.connection();
    try {
      requireColumns(c);
      try (PreparedStatement ps = c.prepareStatement(select)) {
        ps.setObject(1, runDate);
        try (ResultSet rs = ps.executeQuery()) {
          List<GameFeatures> games = new ArrayList<>();
          while (rs.next()) {
            games.add(row(rs));
          }
          return games;
        }
      }
    } catch (SQLException e) {
      throw SqlErrors.wrap("Cannot read the games from " + features, e);
    }
  }

  @Override
  public int countStaleGames(LocalDate runDate) {
    try (PreparedStatement ps = database.connection().prepareStatement(countStale)) {
      ps.setObject(1, runDate);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (SQLException e) {
      throw SqlErrors.wrap("Cannot count the stale games in " + features, e);
    }
  }

  private void requireColumns(Connection c) throws SQLException {
    requireColumns(c, features);
  }

  static void requireColumns(Connection c, TableName features) throws SQLException {
    Set<String> present = columns(c, features);
    if (present.isEmpty()) {
      throw new DatabaseException(
          "Table " + features + " does not exist or is not readable (dbt builds it; FEATURES_TABLE names it)",
          null);
    }
    List<String> missing = COLUMNS.stream().filter(col -> !present.contains(col)).toList();
    if (!missing.isEmpty()) {
      throw new DatabaseException(
          "Table " + features + " lacks the columns " + missing + " that scoring and the output need",
          null);
    }
  }

  static boolean tableExists(Connection c, TableName table) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      ps.setString(1, table.toString());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  static Set<String> columns(Connection c, TableName table) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND table_name = ?")) {
      ps.setString(1, table.schema());
      ps.setString(2, table.table());
      try (ResultSet rs = ps.executeQuery()) {
        Set<String> names = new LinkedHashSet<>();
        while (rs.next()) {
          names.add(rs.getString(1));
        }
        return names;
      }
    }
  }

  static GameFeatures row(ResultSet rs) throws SQLException {
    Double homeMoneyline = number(rs, 4);
    Double awayMoneyline = number(rs, 5);
    return new GameFeatures(
        rs.getString(1),
        rs.getString(2),
        rs.getObject(3, LocalDate.class),
        team(rs, 6, homeMoneyline),
        team(rs, 13, awayMoneyline));
  }

  private static TeamFeatures team(ResultSet rs, int first, Double moneyline) throws SQLException {
    return new TeamFeatures(
        number(rs, first),
        number(rs, first + 1),
        number(rs, first + 2),
        number(rs, first + 3),
        number(rs, first + 4),
        number(rs, first + 5),
        number(rs, first + 6),
        moneyline);
  }

  private static Double number(ResultSet rs, int column) throws SQLException {
    double value = rs.getDouble(column);
    return rs.wasNull() ? null : value;
  }
}
