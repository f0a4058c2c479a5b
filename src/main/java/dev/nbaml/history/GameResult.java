package dev.nbaml.history;

import java.time.LocalDate;

/**
 * A played game, as in the games CSV: date, season, type, teams, final score and closing
 * moneylines.
 *
 * @param season e.g. {@code 2022-23}
 * @param type what the game counts for (regular season, NBA Cup, play-in, playoffs, ...)
 * @param homeMoneyline closing American odds, null where there was no line
 */
public record GameResult(
    LocalDate gameDate,
    String season,
    GameType type,
    String homeTeam,
    String awayTeam,
    int homeScore,
    int awayScore,
    Double homeMoneyline,
    Double awayMoneyline) {

  public boolean homeWon() {
    return homeScore > awayScore;
  }

  /** The NBA season a date belongs to: games from August on open the next season. */
  public static String seasonOf(LocalDate date) {
    int start = date.getMonthValue() >= 8 ? date.getYear() : date.getYear() - 1;
    return start + "-" + String.format("%02d", (start + 1) % 100);
  }
}
