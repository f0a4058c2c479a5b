package dev.nbaml.testing;

import dev.nbaml.core.FeatureCatalog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A generated corpus of feature rows as dbt really writes them and as hostile ones, from a fixed
 * seed: valid games, dbt's {@code coalesce} defaults, lines no book would post, values beyond
 * double range, NaN and infinity, names that cannot be team names, unknown franchises, a team
 * playing itself, duplicates, out-of-range and missing values. Every row carries what the function
 * must do with it. Values go to PostgreSQL as text literals cast to the column's type, so that
 * {@code 1e400} and {@code NaN} reach the table exactly as written.
 */
public final class AdversarialRows {

  /** What the function must do with a row. */
  public enum Expect {
    SCORED,
    REJECTED
  }

  /** The classes of the corpus. */
  public enum Kind {
    VALID(Expect.SCORED, null, null),
    DBT_DEFAULTS(Expect.SCORED, null, "PLACEHOLDER_LINE"),
    PLACEHOLDER_LINE(Expect.SCORED, null, "PLACEHOLDER_LINE"),
    NO_MARGIN_LINE(Expect.SCORED, null, "IMPLAUSIBLE_LINE"),
    EXCESS_MARGIN_LINE(Expect.SCORED, null, "IMPLAUSIBLE_LINE"),
    NOT_AMERICAN_ODDS(Expect.SCORED, null, "IMPLAUSIBLE_LINE"),
    ONE_SIDED_LINE(Expect.SCORED, null, "ONE_SIDED_LINE"),
    NO_LINE(Expect.SCORED, null, "NO_LINE"),
    UNKNOWN_FRANCHISE(Expect.SCORED, null, "UNKNOWN_TEAM"),
    ODD_BUT_VALID(Expect.SCORED, null, null),
    BEYOND_DOUBLE(Expect.REJECTED, "NOT_REPRESENTABLE", null),
    BELOW_DOUBLE(Expect.REJECTED, "NOT_REPRESENTABLE", null),
    NAN(Expect.REJECTED, "NOT_FINITE", null),
    INFINITY(Expect.REJECTED, "NOT_FINITE", null),
    MISSING(Expect.REJECTED, "MISSING_VALUE", null),
    OUT_OF_RANGE(Expect.REJECTED, "OUT_OF_RANGE", null),
    LONG_NAME(Expect.REJECTED, "INVALID_NAME", null),
    PADDED_NAME(Expect.REJECTED, "INVALID_NAME", null),
    CONTROL_CHARACTER(Expect.REJECTED, "INVALID_NAME", null),
    SAME_TEAM(Expect.REJECTED, "SAME_TEAM", null),
    DUPLICATE(Expect.REJECTED, "DUPLICATE_GAME", null);

    public final Expect expect;
    public final String reason;
    public final String warning;

    Kind(Expect expect, String reason, String warning) {
      this.expect = expect;
      this.reason = reason;
      this.warning = warning;
    }
  }

  /** One row: its values as SQL text literals (null for NULL), and its class. */
  public record Row(
      Kind kind,
      String homeTeam,
      String awayTeam,
      LocalDate gameDate,
      Map<String, String> values) {}

  /** The numeric columns dbt writes as {@code numeric} (rank and days rest are integers). */
  static final List<String> NUMERIC =
      FeatureCatalog.TABLE_FEATURES.stream()
          .filter(c -> !c.endsWith("_rank") && !c.endsWith("_days_rest"))
          .toList();

  /** The numbers of a row: the two prices, then the table's features in the contract's order. */
  static final List<String> COLUMNS =
      Stream.concat(
              Stream.of("home_moneyline", "away_moneyline"), FeatureCatalog.TABLE_FEATURES.stream())
          .toList();

  private AdversarialRows() {}

  /**
   * At least {@code count} rows over consecutive dates from {@code first}, 15 game slots a date
   * (each franchise once), every kind present; duplicates come as two rows.
   */
  public static List<Row> generate(long seed, LocalDate first, int count) {
    Random r = new Random(seed);
    Kind[] kinds = Kind.values();
    List<Row> rows = new ArrayList<>();
    int k = 0;
    for (int day = 0; rows.size() < count; day++) {
      LocalDate date = first.plusDays(day);
      List<String> teams = new ArrayList<>(TestGames.TEAMS);
      Collections.shuffle(teams, r);
      for (int slot = 0; slot < 15; slot++) {
        // Every kind in turn, then at random (valid rows twice as likely), so that all appear.
        Kind kind =
            k < kinds.length
                ? kinds[k]
                : r.nextInt(3) == 0 ? Kind.VALID : kinds[r.nextInt(kinds.length)];
        k++;
        rows.addAll(rows(kind, r, teams.get(2 * slot), teams.get(2 * slot + 1), date, slot));
      }
    }
    return rows;
  }

  /** Valid names of no franchise, one a slot, so that two on one date are never the same team. */
  static final List<String> UNKNOWN_NAMES =
      List.of(
          "Seattle SuperSonics",
          "Las Vegas Aces",
          "Vancouver Grizzlies",
          "Montréal Royaux",
          "St. Louis Spirits",
          "Kansas City Kings",
          "Baltimore Bullets",
          "New Jersey Nets",
          "Charlotte Bobcats",
          "Seattle Storm",
          "Mexico City Capitanes",
          "Louisville Colonels",
          "Buffalo Braves",
          "Kentucky Colonels",
          "Anderson Packers");

  private static List<Row> rows(
      Kind kind, Random r, String home, String away, LocalDate date, int slot) {
    Map<String, String> v = valid(r);
    String h = home;
    String a = away;
    String numeric = NUMERIC.get(r.nextInt(NUMERIC.size()));
    switch (kind) {
      case VALID -> {}
      case DBT_DEFAULTS -> {
        // A team without history and a game without a line, as dbt's coalesce writes them.
        v.put("home_moneyline", "100");
        v.put("away_moneyline", "100");
        v.put("home_team_rank", "15");
        v.put("home_days_rest", "4");
        v.put("home_team_avg_pts_scored", "112");
        v.put("home_team_avg_pts_scored_opp", "112");
        v.put("home_team_win_pct", "0.50");
        v.put("home_team_win_pct_last10", "0.500");
        v.put("home_is_top_players", "2");
      }
      case PLACEHOLDER_LINE -> {
        v.put("home_moneyline", "100");
        v.put("away_moneyline", "100");
      }
      case NO_MARGIN_LINE -> {
        int price = 100 + r.nextInt(200);
        v.put("home_moneyline", "-" + price);
        v.put("away_moneyline", Integer.toString(price + r.nextInt(50)));
      }
      case EXCESS_MARGIN_LINE -> {
        String price = "-" + (180 + r.nextInt(500));
        v.put("home_moneyline", price);
        v.put("away_moneyline", price);
      }
      case NOT_AMERICAN_ODDS ->
          v.put(
              r.nextBoolean() ? "home_moneyline" : "away_moneyline",
              List.of("8", "-50", "0", "99.5", "2.5e7").get(r.nextInt(5)));
      case ONE_SIDED_LINE -> v.put(r.nextBoolean() ? "home_moneyline" : "away_moneyline", null);
      case NO_LINE -> {
        v.put("home_moneyline", null);
        v.put("away_moneyline", null);
      }
      case UNKNOWN_FRANCHISE -> h = UNKNOWN_NAMES.get(slot);
      case ODD_BUT_VALID -> {
        v.put("home_days_rest", "133");
        v.put("home_team_win_pct", "0.33333333333333333333333333");
        v.put("away_team_avg_pts_scored", "1e-5");
        v.put("away_is_top_players", "0");
      }
      case BEYOND_DOUBLE -> v.put(numeric, r.nextBoolean() ? "1e400" : "-9.9e1000");
      case BELOW_DOUBLE -> v.put(numeric, r.nextBoolean() ? "1e-400" : "-3e-350");
      case NAN -> v.put(numeric, "NaN");
      case INFINITY -> v.put(numeric, r.nextBoolean() ? "Infinity" : "-Infinity");
      case MISSING -> v.put(COLUMNS.get(2 + r.nextInt(COLUMNS.size() - 2)), null);
      case OUT_OF_RANGE -> {
        switch (r.nextInt(4)) {
          case 0 -> v.put("home_team_rank", "31");
          case 1 -> v.put("away_is_top_players", "-1");
          case 2 -> v.put("home_team_win_pct", "1.5");
          default -> v.put("away_days_rest", "-2");
        }
      }
      case LONG_NAME -> h = home.repeat(1 + 3000 / home.length());
      case PADDED_NAME -> h = r.nextBoolean() ? home + " " : " " + home;
      case CONTROL_CHARACTER ->
          h = home.replace(' ', List.of('\t', '\u0007', '\u200B', '\n').get(r.nextInt(4)));
      case SAME_TEAM -> a = h;
      case DUPLICATE -> {
        // The same game twice, as a doubled dbt join writes it: both copies are rejected.
        return List.of(new Row(kind, h, a, date, v), new Row(kind, h, a, date, valid(r)));
      }
      default -> throw new IllegalStateException(kind.name());
    }
    return List.of(new Row(kind, h, a, date, v));
  }

  private static Map<String, String> valid(Random r) {
    Map<String, String> v = new LinkedHashMap<>();
    int favourite = 110 + r.nextInt(300);
    int underdog = favourite - 10 - r.nextInt(15);
    boolean homeFavourite = r.nextBoolean();
    v.put(
        "home_moneyline",
        homeFavourite ? "-" + favourite : Integer.toString(Math.max(100, underdog)));
    v.put(
        "away_moneyline",
        homeFavourite ? Integer.toString(Math.max(100, underdog)) : "-" + favourite);
    for (String side : List.of("home", "away")) {
      v.put(side + "_team_rank", Integer.toString(1 + r.nextInt(30)));
      v.put(side + "_days_rest", Integer.toString(r.nextInt(4)));
      v.put(side + "_team_avg_pts_scored", decimal(105 + r.nextDouble() * 15, 1));
      v.put(side + "_team_avg_pts_scored_opp", decimal(105 + r.nextDouble() * 15, 1));
      v.put(side + "_team_win_pct", decimal(r.nextDouble(), 3));
      v.put(side + "_team_win_pct_last10", decimal(r.nextInt(11) / 10.0, 1));
      v.put(side + "_is_top_players", Integer.toString(r.nextInt(3)));
    }
    return v;
  }

  private static String decimal(double value, int places) {
    return String.format(Locale.ROOT, "%." + places + "f", value);
  }

  /**
   * Inserts the rows into a table with the contract's columns, values cast from text by PostgreSQL.
   */
  public static void insert(Connection c, String table, List<Row> rows) throws SQLException {
    StringBuilder sql =
        new StringBuilder("INSERT INTO " + table + " (home_team, away_team, game_date");
    COLUMNS.forEach(col -> sql.append(", ").append(col));
    sql.append(") VALUES (?, ?, ?");
    for (String col : COLUMNS) {
      sql.append(
          col.endsWith("_rank")
              ? ", ?::bigint"
              : col.endsWith("_days_rest") ? ", ?::integer" : ", ?::numeric");
    }
    sql.append(")");
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (Row row : rows) {
        ps.setString(1, row.homeTeam());
        ps.setString(2, row.awayTeam());
        ps.setObject(3, row.gameDate());
        for (int i = 0; i < COLUMNS.size(); i++) {
          ps.setString(4 + i, row.values().get(COLUMNS.get(i)));
        }
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** How many rows of each rejection reason the corpus must produce. */
  public static Map<String, Integer> expectedRejections(List<Row> rows) {
    Map<String, Integer> counts = new java.util.TreeMap<>();
    rows.stream()
        .filter(row -> row.kind().expect == Expect.REJECTED)
        .forEach(row -> counts.merge(row.kind().reason, 1, Integer::sum));
    return counts;
  }

  /** How many rows of each kind. */
  public static Map<Kind, Integer> byKind(List<Row> rows) {
    Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
    rows.forEach(row -> counts.merge(row.kind(), 1, Integer::sum));
    return counts;
  }
}
