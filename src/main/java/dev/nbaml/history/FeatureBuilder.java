package dev.nbaml.history;

import dev.nbaml.core.GameFeatures;
import dev.nbaml.core.TeamFeatures;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the feature row of a game point in time: only from games played before its date, with the
 * meaning of {@code silver.ml_game_features}. Feed it games in date order: {@link #features} for a
 * game uses what {@link #record} has seen so far. Training, evaluation and the row of an upcoming
 * game all come from here, so they cannot disagree.
 *
 * <ul>
 *   <li>win % and last-10 win %: this season's games (0.5 before the first game);
 *   <li>rank: 1-30 by season win %, ties sharing the better rank;
 *   <li>average points scored and allowed: the last {@value #RECENT} games, across seasons (110
 *       before any);
 *   <li>days rest: days since the previous game minus one, capped at {@value
 *       #HISTORY_DAYS_REST_CAP} (and that before a team's first game);
 *   <li>top players available: 2 (unknown in game history).
 * </ul>
 *
 * Which games count for what is the league's rule, kept in {@link GameType}: NBA Cup games before
 * the final count everywhere; the Cup final and play-in games count in form (last 10, points, rest)
 * but not in the season win % and rank; exhibitions and unknown types in nothing.
 */
public final class FeatureBuilder {
  public static final int RECENT = 10;

  /**
   * The most {@code days_rest} a row built from game history holds, and its value before a team's
   * first game. Not the cap of the model's {@code rest_diff} ({@code
   * FeatureCatalog.REST_DIFF_CAP_DAYS}).
   */
  public static final int HISTORY_DAYS_REST_CAP = 7;

  static final double NO_POINTS = 110.0;

  private static final class Team {
    String season;
    int wins;
    int losses;
    final Deque<Boolean> last10 = new ArrayDeque<>();
    final Deque<int[]> points = new ArrayDeque<>();
    LocalDate lastGame;

    double winPct() {
      return wins + losses == 0 ? 0.5 : (double) wins / (wins + losses);
    }
  }

  private final Map<String, Team> teams = new HashMap<>();
  private final Map<String, Set<String>> seasonTeams = new HashMap<>();

  /** The feature row of a game about to be played, from the games recorded so far. */
  public GameFeatures features(GameResult game) {
    // A new season starts with every team known so far (all at 0.5) so that early ranks are out of
    // 30.
    seasonTeams
        .computeIfAbsent(game.season(), s -> new HashSet<>(teams.keySet()))
        .add(game.homeTeam());
    seasonTeams.get(game.season()).add(game.awayTeam());
    return new GameFeatures(
        game.homeTeam(),
        game.awayTeam(),
        game.gameDate(),
        side(game.homeTeam(), game, game.homeMoneyline()),
        side(game.awayTeam(), game, game.awayMoneyline()));
  }

  /** Records a played game, in what its {@link GameType} counts for. */
  public void record(GameResult game) {
    if (!game.type().played()) {
      return;
    }
    update(game.homeTeam(), game, game.homeWon(), game.homeScore(), game.awayScore());
    update(game.awayTeam(), game, !game.homeWon(), game.awayScore(), game.homeScore());
  }

  /**
   * The feature rows of all games, each built only from the games before its date (games of one
   * date do not see each other's results).
   */
  public static List<GameFeatures> pointInTime(List<GameResult> gamesInDateOrder) {
    FeatureBuilder builder = new FeatureBuilder();
    List<GameFeatures> rows = new ArrayList<>(gamesInDateOrder.size());
    int i = 0;
    while (i < gamesInDateOrder.size()) {
      LocalDate date = gamesInDateOrder.get(i).gameDate();
      int end = i;
      while (end < gamesInDateOrder.size() && gamesInDateOrder.get(end).gameDate().equals(date)) {
        rows.add(builder.features(gamesInDateOrder.get(end)));
        end++;
      }
      for (int j = i; j < end; j++) {
        builder.record(gamesInDateOrder.get(j));
      }
      i = end;
    }
    return rows;
  }

  private TeamFeatures side(String name, GameResult game, Double moneyline) {
    Team t = team(name, game.season());
    double scored = t.points.stream().mapToInt(p -> p[0]).average().orElse(NO_POINTS);
    double allowed = t.points.stream().mapToInt(p -> p[1]).average().orElse(NO_POINTS);
    double last10 =
        t.last10.isEmpty()
            ? 0.5
            : t.last10.stream().filter(w -> w).count() / (double) t.last10.size();
    long rest =
        t.lastGame == null
            ? HISTORY_DAYS_REST_CAP
            : Math.min(
                HISTORY_DAYS_REST_CAP, ChronoUnit.DAYS.between(t.lastGame, game.gameDate()) - 1);
    return new TeamFeatures(
        (double) rank(name, game.season()),
        (double) Math.max(0, rest),
        round(scored, 1),
        round(allowed, 1),
        round(t.winPct(), 3),
        round(last10, 1),
        2.0,
        moneyline);
  }

  private int rank(String name, String season) {
    double mine = team(name, season).winPct();
    int better = 0;
    for (String other : seasonTeams.getOrDefault(season, Set.of())) {
      if (!other.equals(name) && team(other, season).winPct() > mine) {
        better++;
      }
    }
    return Math.min(30, 1 + better);
  }

  private Team team(String name, String season) {
    Team t = teams.computeIfAbsent(name, n -> new Team());
    if (!season.equals(t.season)) {
      t.season = season;
      t.wins = 0;
      t.losses = 0;
      t.last10.clear();
    }
    return t;
  }

  private void update(String name, GameResult game, boolean won, int scored, int allowed) {
    Team t = team(name, game.season());
    if (game.type().countsInStandings()) {
      if (won) {
        t.wins++;
      } else {
        t.losses++;
      }
    }
    t.last10.addLast(won);
    if (t.last10.size() > RECENT) {
      t.last10.removeFirst();
    }
    t.points.addLast(new int[] {scored, allowed});
    if (t.points.size() > RECENT) {
      t.points.removeFirst();
    }
    t.lastGame = game.gameDate();
  }

  private static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }
}
