package dev.nbaml.testing;

import dev.nbaml.core.GameFeatures;
import dev.nbaml.core.TeamFeatures;
import dev.nbaml.core.TeamNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Realistic feature rows made with a fixed seed, and how to put them into the features table. */
public final class TestGames {
  public static final List<String> TEAMS = TeamNames.FRANCHISE_NAMES;

  private TestGames() {}

  /** A plausible valid team side. */
  public static TeamFeatures team(Random r, double moneyline) {
    return new TeamFeatures(
        (double) (1 + r.nextInt(30)),
        (double) r.nextInt(4),
        Math.round((105 + r.nextDouble() * 15) * 10) / 10.0,
        Math.round((105 + r.nextDouble() * 15) * 10) / 10.0,
        Math.round(r.nextDouble() * 1000) / 1000.0,
        r.nextInt(11) / 10.0,
        (double) r.nextInt(3),
        moneyline);
  }

  /** One valid game. */
  public static GameFeatures game(Random r, String home, String away, LocalDate date) {
    // A real market: the underdog's price a little below the favourite's (a margin of 1-5%).
    int price = 110 + r.nextInt(300);
    double favourite = -price;
    double underdog = Math.max(100, price - 10 - r.nextInt(15));
    boolean homeFavourite = r.nextBoolean();
    return new GameFeatures(
        home,
        away,
        date,
        team(r, homeFavourite ? favourite : underdog),
        team(r, homeFavourite ? underdog : favourite));
  }

  /** A slate of {@code count} valid games on one date, each team at most once. */
  public static List<GameFeatures> slate(long seed, LocalDate date, int count) {
    Random r = new Random(seed);
    List<String> teams = new ArrayList<>(TEAMS);
    java.util.Collections.shuffle(teams, r);
    List<GameFeatures> games = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      games.add(game(r, teams.get(2 * i), teams.get(2 * i + 1), date));
    }
    return games;
  }

  /** Inserts rows into a table with the contract's columns (outcome left null). */
  public static void insert(Connection c, String table, List<GameFeatures> games)
      throws SQLException {
    String sql =
        "INSERT INTO "
            + table
            + " (home_team, away_team, home_moneyline, away_moneyline, game_date,"
            + " home_team_rank, home_days_rest, home_team_avg_pts_scored, home_team_avg_pts_scored_opp,"
            + " home_team_win_pct, home_team_win_pct_last10, home_is_top_players, away_team_rank,"
            + " away_days_rest, away_team_avg_pts_scored, away_team_avg_pts_scored_opp, away_team_win_pct,"
            + " away_team_win_pct_last10, away_is_top_players)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (GameFeatures g : games) {
        int i = 1;
        ps.setString(i++, g.homeTeam());
        ps.setString(i++, g.awayTeam());
        number(ps, i++, g.home().moneyline());
        number(ps, i++, g.away().moneyline());
        ps.setObject(i++, g.gameDate());
        i = side(ps, i, g.home());
        side(ps, i, g.away());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static int side(PreparedStatement ps, int i, TeamFeatures t) throws SQLException {
    number(ps, i++, t.rank());
    number(ps, i++, t.daysRest());
    number(ps, i++, t.avgPtsScored());
    number(ps, i++, t.avgPtsAllowed());
    number(ps, i++, t.winPct());
    number(ps, i++, t.winPctLast10());
    number(ps, i++, t.topPlayers());
    return i;
  }

  private static void number(PreparedStatement ps, int i, Double value) throws SQLException {
    if (value == null) {
      ps.setNull(i, Types.NUMERIC);
    } else if (Double.isNaN(value)) {
      ps.setObject(i, "NaN", Types.OTHER);
    } else {
      ps.setBigDecimal(i, new java.math.BigDecimal(Double.toString(value)));
    }
  }
}
