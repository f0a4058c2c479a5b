package dev.nbaml.core;

import dev.nbaml.core.Rejection.Reason;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the rows of {@code silver.ml_game_features} before scoring. dbt's own tests promise less
 * than real rows break (a -1 for top players, a NaN average, a name with a trailing space), so
 * every value is checked here: a rejected row carries its reason and never blocks the valid rows of
 * the batch. Accepted rows that are scored differently from how they read (a line that is no
 * market, an unknown franchise) are named in warnings.
 */
public final class RowValidator {

  /**
   * Outcome of validating a batch, in input order: the rows to score, the rows rejected, and the
   * accepted games that are scored differently from how their row reads (no real line, an unknown
   * franchise).
   */
  public record Result(
      List<GameFeatures> accepted, List<Rejection> rejected, List<GameWarning> warnings) {}

  private record Problem(Reason reason, String detail) {}

  /**
   * The most days of rest a row may hold: a whole year and more. dbt does not cap rest (133 at a
   * season opener; a franchise back from a lost season about 500), but no real value is larger.
   */
  static final int MAX_DAYS_REST = 1000;

  /** A team on a date, by {@link TeamNames#sameTeamKey}. */
  private record Appearance(String team, LocalDate date) {}

  /**
   * Validates every row, then rejects every copy of a game or a team that appears twice on a date.
   */
  public Result validate(List<GameFeatures> rows) {
    Map<Appearance, Integer> appearances = new HashMap<>(2 * rows.size());
    for (GameFeatures row : rows) {
      if (row.gameDate() != null) {
        countTeam(appearances, row.homeTeam(), row.gameDate());
        countTeam(appearances, row.awayTeam(), row.gameDate());
      }
    }
    List<GameFeatures> accepted = new ArrayList<>();
    List<Rejection> rejected = new ArrayList<>();
    List<GameWarning> warnings = new ArrayList<>();
    for (GameFeatures row : rows) {
      List<Problem> problems = problems(row);
      if (problems.isEmpty()) {
        Problem duplicate = duplicate(row, appearances);
        if (duplicate != null) {
          problems.add(duplicate);
        }
      }
      if (problems.isEmpty()) {
        accepted.add(row);
        warn(row, warnings);
      } else {
        String detail = String.join("; ", problems.stream().map(Problem::detail).toList());
        rejected.add(new Rejection(row.key(), problems.get(0).reason(), detail));
      }
    }
    return new Result(List.copyOf(accepted), List.copyOf(rejected), List.copyOf(warnings));
  }

  /**
   * What is scored differently from how the row reads: a line that is no market, an unknown team.
   */
  private static void warn(GameFeatures row, List<GameWarning> warnings) {
    Double home = row.home().moneyline();
    Double away = row.away().moneyline();
    Moneyline.Line line = Moneyline.assess(home, away);
    GameWarning.Kind kind = GameWarning.Kind.of(line.status());
    if (kind != null) {
      warnings.add(new GameWarning(row.key(), kind, line.explanation(home, away)));
    }
    for (String team : List.of(row.homeTeam(), row.awayTeam())) {
      if (!TeamNames.isFranchise(team)) {
        warnings.add(
            new GameWarning(
                row.key(),
                GameWarning.Kind.UNKNOWN_TEAM,
                TeamNames.shown(team)
                    + " is not one of the league's franchises (a new or relocated one?): scored as named"));
      }
    }
  }

  private static void countTeam(Map<Appearance, Integer> appearances, String team, LocalDate date) {
    if (team != null) {
      appearances.merge(new Appearance(TeamNames.sameTeamKey(team), date), 1, Integer::sum);
    }
  }

  private static Problem duplicate(GameFeatures row, Map<Appearance, Integer> appearances) {
    for (String team : List.of(row.homeTeam(), row.awayTeam())) {
      if (appearances.getOrDefault(new Appearance(TeamNames.sameTeamKey(team), row.gameDate()), 0)
          > 1) {
        return new Problem(
            Reason.DUPLICATE_GAME,
            TeamNames.forLog(team)
                + " appears in more than one row on "
                + row.gameDate()
                + " (names compared ignoring case): every copy is rejected");
      }
    }
    return null;
  }

  private static List<Problem> problems(GameFeatures row) {
    List<Problem> problems = new ArrayList<>();
    name(problems, "home_team", row.homeTeam());
    name(problems, "away_team", row.awayTeam());
    if (row.gameDate() == null) {
      problems.add(missing("game_date"));
    } else if (row.gameDate().equals(LocalDate.MAX) || row.gameDate().equals(LocalDate.MIN)) {
      problems.add(new Problem(Reason.OUT_OF_RANGE, "game_date is infinity, not a date"));
    }
    if (row.homeTeam() != null
        && row.awayTeam() != null
        && TeamNames.sameTeamKey(row.homeTeam()).equals(TeamNames.sameTeamKey(row.awayTeam()))) {
      problems.add(
          new Problem(Reason.SAME_TEAM, TeamNames.forLog(row.homeTeam()) + " cannot play itself"));
    }
    row.unreadable()
        .values()
        .forEach(detail -> problems.add(new Problem(Reason.NOT_REPRESENTABLE, detail)));
    side(problems, "home", row.home(), row.unreadable().keySet());
    side(problems, "away", row.away(), row.unreadable().keySet());
    return problems;
  }

  private static void name(List<Problem> problems, String column, String name) {
    TeamNames.problem(column, name)
        .ifPresent(
            detail ->
                problems.add(
                    new Problem(
                        name == null || name.isBlank() ? Reason.MISSING_VALUE : Reason.INVALID_NAME,
                        detail)));
  }

  /**
   * Checks one side's values. A moneyline only has to be a number here: a pair of prices that is no
   * real market is scored on team form with a warning ({@link Moneyline}), not rejected.
   */
  private static void side(
      List<Problem> problems, String side, TeamFeatures team, Set<String> unreadable) {
    if (team == null) {
      problems.add(missing(side + " team features"));
      return;
    }
    // A value that could not be read is already named: it is not also "missing".
    Checks checks = new Checks(problems, unreadable);
    checks.integerIn(side + "_team_rank", team.rank(), 1, 30);
    checks.integerIn(side + "_days_rest", team.daysRest(), 0, MAX_DAYS_REST);
    checks.in(side + "_team_avg_pts_scored", team.avgPtsScored(), 0, 250);
    checks.in(side + "_team_avg_pts_scored_opp", team.avgPtsAllowed(), 0, 250);
    checks.in(side + "_team_win_pct", team.winPct(), 0, 1);
    checks.in(side + "_team_win_pct_last10", team.winPctLast10(), 0, 1);
    checks.in(side + "_is_top_players", team.topPlayers(), 0, 2);
    Double odds = team.moneyline();
    if (odds != null && !Double.isFinite(odds)) {
      problems.add(notFinite(side + "_moneyline", odds));
    }
  }

  /** The range checks of one side's values; columns that could not be read are skipped. */
  private record Checks(List<Problem> problems, Set<String> unreadable) {
    void in(String column, Double value, double min, double max) {
      if (unreadable.contains(column)) {
        return;
      }
      if (value == null) {
        problems.add(missing(column));
      } else if (!Double.isFinite(value)) {
        problems.add(notFinite(column, value));
      } else if (value < min || value > max) {
        problems.add(outOfRange(column, value, min, max));
      }
    }

    void integerIn(String column, Double value, long min, long max) {
      int before = problems.size();
      in(column, value, min, max);
      if (problems.size() == before && value != null && value != Math.rint(value)) {
        problems.add(
            new Problem(Reason.OUT_OF_RANGE, column + " = " + value + " is not a whole number"));
      }
    }
  }

  private static Problem missing(String column) {
    return new Problem(Reason.MISSING_VALUE, column + " is missing");
  }

  private static Problem notFinite(String column, double value) {
    return new Problem(Reason.NOT_FINITE, column + " = " + value + " is not a finite number");
  }

  private static Problem outOfRange(String column, double value, double min, double max) {
    String upper = max >= Integer.MAX_VALUE ? "" : " and " + format(max);
    String range = upper.isEmpty() ? "at least " + format(min) : "between " + format(min) + upper;
    return new Problem(Reason.OUT_OF_RANGE, column + " = " + format(value) + " is not " + range);
  }

  private static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : Double.toString(value);
  }
}
