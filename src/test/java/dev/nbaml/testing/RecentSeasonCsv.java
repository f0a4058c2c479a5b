package dev.nbaml.testing;

import dev.nbaml.history.GameResult;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A games CSV in the shape of the real history files, with the game types of seasons from 2023-24
 * on: synthetic seasons (fixed seed) whose last season has NBA Cup group and knockout games, the
 * Cup final, play-in and playoff games, pre-season and All-Star games, and rows of a type no reader
 * knows.
 */
public final class RecentSeasonCsv {
  public static final String HEADER =
      "game_date,season,game_type,home_team,away_team,home_score,away_score,home_moneyline,away_moneyline";
  public static final String LAST_SEASON = "2023-24";
  public static final String UNKNOWN_TYPE = "Summer League";

  /**
   * The rows, and how many games of the last season are regular-season games by the league's rule.
   */
  public record Csv(
      String text, int lastSeasonRegularGames, int lastSeasonOtherPlayedGames, int unknownRows) {}

  private RecentSeasonCsv() {}

  public static Csv generate() {
    List<GameResult> games = SyntheticSeasons.generate(11, 2021, 3, 5);
    List<String> lines = new ArrayList<>(List.of(HEADER));
    int regular = 0;
    int other = 0;
    int unknown = 0;
    LocalDate lastDay = games.get(games.size() - 1).gameDate();
    LocalDate cupFinal = LocalDate.of(2023, 12, 9);
    int index = 0;
    for (GameResult g : games) {
      index++;
      String type = "Regular Season";
      if (g.season().equals(LAST_SEASON)) {
        LocalDate d = g.gameDate();
        if (d.isBefore(LocalDate.of(2023, 10, 23))) {
          type = index % 2 == 0 ? "Pre Season" : "preseason";
        } else if (d.isBefore(LocalDate.of(2023, 12, 1)) && d.getDayOfWeek().getValue() == 5) {
          type = "In-Season Tournament"; // group stage, Fridays
        } else if (d.equals(LocalDate.of(2023, 12, 5)) || d.equals(LocalDate.of(2023, 12, 7))) {
          type = d.getDayOfMonth() == 5 ? "NBA Cup Quarterfinal" : "Emirates NBA Cup Semi-Final";
        } else if (d.equals(cupFinal)) {
          type = index % 5 == 0 ? "IST" : "Summer League";
        } else if (d.equals(LocalDate.of(2024, 1, 10))) {
          type = "All-Star";
        } else if (d.equals(lastDay.minusDays(3)) || d.equals(lastDay.minusDays(2))) {
          type = "PlayIn";
        } else if (d.isAfter(lastDay.minusDays(2))) {
          type = "Playoffs";
        }
        switch (type) {
          case "Regular Season",
              "In-Season Tournament",
              "NBA Cup Quarterfinal",
              "Emirates NBA Cup Semi-Final" ->
              regular++;
          case "IST", "PlayIn", "Playoffs" -> other++;
          case "Summer League" -> unknown++;
          default -> {}
        }
      }
      lines.add(
          String.join(
              ",",
              g.gameDate().toString(),
              g.season(),
              type,
              g.homeTeam(),
              g.awayTeam(),
              Integer.toString(g.homeScore()),
              Integer.toString(g.awayScore()),
              odds(g.homeMoneyline()),
              odds(g.awayMoneyline())));
    }
    return new Csv(String.join("\n", lines) + "\n", regular, other, unknown);
  }

  private static String odds(Double value) {
    return value == null ? "" : Long.toString(Math.round(value));
  }
}
