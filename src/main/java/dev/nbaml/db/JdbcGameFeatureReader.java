package dev.nbaml.db;

import dev.nbaml.config.TableName;
import dev.nbaml.core.FeatureCatalog;
import dev.nbaml.core.GameFeatureReader;
import dev.nbaml.core.GameFeatures;
import dev.nbaml.core.TeamFeatures;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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

  /** The numeric columns, in the order {@link #row} reads them. */
  private static final List<String> NUMBER_COLUMNS =
      Stream.concat(
              Stream.of("home_moneyline", "away_moneyline"), FeatureCatalog.TABLE_FEATURES.stream())
          .toList();

  /**
   * The magnitude within which a value is read as a double; beyond it the value is named, not read.
   */
  static final String READABLE_LIMIT = "1e300";

  /**
   * The columns of {@link #row}, in its order. No single value can make this query fail: each
   * number is cast to a double only where it lies within +-1e300 and is 0 or at least 1e-300 in
   * magnitude (PostgreSQL refuses {@code 1e400::float8} and {@code 1e-400::float8}); any other
   * value (beyond that range, NaN, infinity) comes as bounded text instead (its length and first 40
   * characters) for {@link #row} to name or to read.
   */
  static final String SELECT_LIST =
      "home_team, away_team, game_date, "
          + NUMBER_COLUMNS.stream()
              .map(c -> "CASE WHEN " + readable(c) + " THEN " + c + "::float8 END")
              .collect(Collectors.joining(", "))
          + ", "
          + NUMBER_COLUMNS.stream()
              .map(
                  c ->
                      "CASE WHEN "
                          + c
                          + " IS NULL OR "
                          + readable(c)
                          + " THEN NULL"
                          + " ELSE length("
                          + c
                          + "::text) || ':' || left("
                          + c
                          + "::text, 40) END")
              .collect(Collectors.joining(", "));

  private static String readable(String c) {
    return "("
        + c
        + " BETWEEN -"
        + READABLE_LIMIT
        + " AND "
        + READABLE_LIMIT
        + " AND ("
        + c
        + " = 0 OR abs("
        + c
        + ") >= 1e-300))";
  }

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
        WHERE game_date >= ? OR game_date IS NULL
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
          c.prepareStatement(
              "SELECT bool_or(is_enabled = 1) FROM %s WHERE flag = ?".formatted(flags))) {
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
    Map<String, String> types = columnTypes(c, features);
    Set<String> present = types.keySet();
    if (present.isEmpty()) {
      throw new DatabaseException(
          "Table "
              + features
              + " does not exist or is not readable (dbt builds it; FEATURES_TABLE names it)",
          null);
    }
    List<String> missing = COLUMNS.stream().filter(col -> !present.contains(col)).toList();
    if (!missing.isEmpty()) {
      throw new DatabaseException(
          "Table "
              + features
              + " lacks the columns "
              + missing
              + " that scoring and the output need",
          null);
    }
    requireTypes(features, types);
  }

  /**
   * Refuses, naming the column and its type, a column of a type the query cannot read as it must
   * (dbt writes text names, a date and numbers): a schema change is the pipeline's to fix, not a
   * row.
   */
  private static void requireTypes(TableName table, Map<String, String> types) {
    List<String> wrong = new ArrayList<>();
    for (String column : COLUMNS) {
      String type = types.get(column);
      Set<String> allowed =
          column.endsWith("_team")
              ? TEXT_TYPES
              : column.equals("game_date") ? DATE_TYPES : NUMBER_TYPES;
      if (!allowed.contains(type)) {
        wrong.add(
            column
                + " is "
                + type
                + " (expected "
                + String.join(" or ", new TreeSet<>(allowed))
                + ")");
      }
    }
    if (!wrong.isEmpty()) {
      throw new DatabaseException(
          "Table "
              + table
              + " has columns of types the function cannot read: "
              + String.join("; ", wrong),
          null);
    }
  }

  private static final Set<String> TEXT_TYPES = Set.of("text", "character varying", "character");
  private static final Set<String> DATE_TYPES = Set.of("date");
  private static final Set<String> NUMBER_TYPES =
      Set.of("numeric", "bigint", "integer", "smallint", "double precision", "real");

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
    return columnTypes(c, table).keySet();
  }

  /** The table's columns and their types ({@code information_schema}'s names), in order. */
  static Map<String, String> columnTypes(Connection c, TableName table) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = ? AND table_name = ?"
                + " ORDER BY ordinal_position")) {
      ps.setString(1, table.schema());
      ps.setString(2, table.table());
      try (ResultSet rs = ps.executeQuery()) {
        Map<String, String> types = new LinkedHashMap<>();
        while (rs.next()) {
          types.put(rs.getString(1), rs.getString(2));
        }
        return types;
      }
    }
  }

  /** One row of {@link #SELECT_LIST}; values it could not read are named in {@code unreadable}. */
  static GameFeatures row(ResultSet rs) throws SQLException {
    int first = 4; // home_team, away_team, game_date come first
    int count = NUMBER_COLUMNS.size();
    Double[] values = new Double[count];
    Map<String, String> unreadable = null;
    for (int i = 0; i < count; i++) {
      double value = rs.getDouble(first + i);
      if (!rs.wasNull()) {
        values[i] = value;
        continue;
      }
      String raw = rs.getString(first + count + i);
      if (raw == null) {
        continue; // NULL in the table
      }
      int colon = raw.indexOf(':');
      String text = raw.substring(colon + 1);
      switch (text) {
        case "NaN" -> values[i] = Double.NaN;
        case "Infinity" -> values[i] = Double.POSITIVE_INFINITY;
        case "-Infinity" -> values[i] = Double.NEGATIVE_INFINITY;
        default -> {
          int length = Integer.parseInt(raw.substring(0, colon));
          Double parsed = length == text.length() ? finiteDouble(text) : null;
          if (parsed != null) {
            values[i] =
                parsed; // a double beyond the readable range (1e308): out of range, not unreadable
          } else {
            if (unreadable == null) {
              unreadable = new LinkedHashMap<>(2);
            }
            String shown = length > text.length() ? text + "…(" + length + " characters)" : text;
            unreadable.put(
                NUMBER_COLUMNS.get(i),
                NUMBER_COLUMNS.get(i)
                    + " = "
                    + shown
                    + " is beyond what a double holds (this function reads magnitudes from 1e-300 to 1e300, or 0)");
          }
        }
      }
    }
    return new GameFeatures(
        rs.getString(1),
        rs.getString(2),
        rs.getObject(3, LocalDate.class),
        team(values, 2, values[0]),
        team(values, 9, values[1]),
        unreadable);
  }

  /** The text as a double, where it is one that is finite and not a non-zero value rounded to 0. */
  private static Double finiteDouble(String text) {
    try {
      double value = Double.parseDouble(text);
      boolean underflow = value == 0 && new BigDecimal(text).signum() != 0;
      return Double.isFinite(value) && !underflow ? value : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static TeamFeatures team(Double[] v, int first, Double moneyline) {
    return new TeamFeatures(
        v[first],
        v[first + 1],
        v[first + 2],
        v[first + 3],
        v[first + 4],
        v[first + 5],
        v[first + 6],
        moneyline);
  }
}
