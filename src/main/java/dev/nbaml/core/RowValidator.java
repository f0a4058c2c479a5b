package dev.nbaml.core;

import dev.nbaml.core.Rejection.Reason;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the rows of {@code silver.ml_game_features} before scoring. dbt's own tests promise less
 * than real rows break (a -1 for top players, a NaN average), so every value is checked here: a
 * rejected row carries its reason and never blocks the valid rows of the batch.
 */
public final class RowValidator {

  /** Outcome of validating a batch: the rows to score and the rows rejected, in input order. */
  public record Result(List<GameFeatures> accepted, List<Rejection> rejected) {}

  private record Problem(Reason reason, String detail) {}

  /** A team on a date. */
  private record Appearance(String team, LocalDate date) {}

  /** Validates every row, then rejects every copy of a game or a team that appears twice on a date. */
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
      } else {
        String detail = String.join("; ", problems.stream().map(Problem::detail).toList());
        rejected.add(new Rejection(row.key(), problems.get(0).reason(), detail));
      }
    }
    return new Result(List.copyOf(accepted), List.copyOf(rejected));
  }

  private static void countTeam(Map<Appearance, Integer> appearances, String team, LocalDate date) {
    if (team != null) {
      appearances.merge(new Appearance(team, date), 1, Integer::sum);
    }
  }

  private static Problem duplicate(GameFeatures row, Map<Appearance, Integer> appearances) {
    for (String team : List.of(row.homeTeam(), row.awayTeam())) {
      if (appearances.getOrDefault(new Appearance(team, row.gameDate()), 0) > 1) {
        return new Problem(
            Reason.DUPLICATE_GAME,
            team + " appears in more than one row on " + row.gameDate() + ": every copy is rejected");
      }
    }
    return null;
  }

  private static List<Problem> problems(GameFeatures row) {
    List<Problem> problems = new ArrayList<>();
    if (isBlank(row.homeTeam())) {
      problems.add(missing("home_team"));
    }
    if (isBlank(row.awayTeam())) {
      problems.add(missing("away_team"));
    }
    if (row.gameDate() == null) {
      problems.add(missing("game_date"));
    }
    if (!isBlank(row.homeTeam()) && row.homeTeam().equals(row.awayTeam())) {
      problems.add(new Problem(Reason.SAME_TEAM, row.homeTeam() + " cannot play itself"));
    }
    side(problems, "home", row.home());
    side(problems, "away", row.away());
    return problems;
  }

  private static void side(List<Problem> problems, String side, TeamFeatures team) {
    if (team == null) {
      problems.add(missing(side + " team features"));
      return;
    }
    integerIn(problems, side + "_team_rank", team.rank(), 1, 30);
    integerIn(problems, side + "_days_rest", team.daysRest(), 0, Integer.MAX_VALUE);
    in(problems, side + "_team_avg_pts_scored", team.avgPtsScored(), 0, 250);
    in(problems, side + "_team_avg_pts_scored_opp", team.avgPtsAllowed(), 0, 250);
    in(problems, side + "_team_win_pct", team.winPct(), 0, 1);
    in(problems, side + "_team_win_pct_last10", team.winPctLast10(), 0, 1);
    in(problems, side + "_is_top_players", team.topPlayers(), 0, 2);
    Double odds = team.moneyline();
    String oddsColumn = side + "_moneyline";
    if (odds != null) {
      if (!Double.isFinite(odds)) {
        problems.add(notFinite(oddsColumn, odds));
      } else if (Math.abs(odds) < 100) {
        problems.add(
            new Problem(
                Reason.INVALID_ODDS,
                oddsColumn + " = " + odds + " is not American odds (at most -100 or at least +100)"));
      }
    }
  }

  private static void in(List<Problem> problems, String column, Double value, double min, double max) {
    if (value == null) {
      problems.add(missing(column));
    } else if (!Double.isFinite(value)) {
      problems.add(notFinite(column, value));
    } else if (value < min || value > max) {
      problems.add(outOfRange(column, value, min, max));
    }
  }

  private static void integerIn(
      List<Problem> problems, String column, Double value, long min, long max) {
    int before = problems.size();
    in(problems, column, value, min, max);
    if (problems.size() == before && value != Math.rint(value)) {
      problems.add(
          new Problem(Reason.OUT_OF_RANGE, column + " = " + value + " is not a whole number"));
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

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
