package dev.nbaml.history;

import dev.nbaml.core.Moneyline;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads game history in the format of {@code games_2007-08_to_2022-23.csv}: {@code game_date,
 * season, game_type, home_team, away_team, home_score, away_score, home_moneyline, away_moneyline}.
 * Errors name the file, line and column. The {@code game_type} values are read by {@link
 * GameType#of}: a game of an unknown type is left out with a warning naming the type (never a
 * failed file), exhibitions (pre-season, All-Star) are left out with a note.
 */
public final class GameCsv {
  static final List<String> COLUMNS =
      List.of(
          "game_date",
          "season",
          "game_type",
          "home_team",
          "away_team",
          "home_score",
          "away_score",
          "home_moneyline",
          "away_moneyline");

  private GameCsv() {}

  /**
   * The games of a file that count for something, oldest first, and warnings about the rows left
   * out.
   *
   * @param warnings at most {@value LeftOutGames#MAX_TYPES_NAMED} + 2 lines, whatever the file
   *     holds
   */
  public record Read(List<GameResult> games, List<String> warnings) {}

  /** Parses CSV text; {@code source} names it in errors and warnings. */
  public static Read parse(String text, String source) throws IOException {
    List<GameResult> games = new ArrayList<>();
    LeftOutGames leftOut = new LeftOutGames(source);
    try (BufferedReader in = new BufferedReader(new StringReader(text))) {
      String header = in.readLine();
      if (header == null) {
        throw new IllegalArgumentException(source + " is empty");
      }
      Map<String, Integer> index = new HashMap<>();
      String[] names = header.strip().split(",", -1);
      for (int i = 0; i < names.length; i++) {
        index.put(names[i].strip(), i);
      }
      for (String column : COLUMNS) {
        if (!index.containsKey(column)) {
          throw new IllegalArgumentException(source + ": the header lacks the column " + column);
        }
      }
      String line;
      int number = 1;
      while ((line = in.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        if (line.indexOf('"') >= 0) {
          throw new IllegalArgumentException(
              source + ":" + number + ": quoted fields are not supported");
        }
        String[] f = line.split(",", -1);
        if (f.length != names.length) {
          throw new IllegalArgumentException(
              source + ":" + number + ": " + f.length + " fields, the header has " + names.length);
        }
        GameResult game = row(f, index, source + ":" + number);
        if (leftOut.keep(game.type(), field(f, index, "game_type"), "line " + number)) {
          games.add(game);
        }
      }
    }
    games.sort(Comparator.comparing(GameResult::gameDate));
    return new Read(games, leftOut.warnings());
  }

  private static GameResult row(String[] f, Map<String, Integer> index, String where) {
    GameType type = GameType.of(field(f, index, "game_type"));
    LocalDate date;
    try {
      date = LocalDate.parse(field(f, index, "game_date"));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(where + ": game_date is not a date YYYY-MM-DD");
    }
    String home = field(f, index, "home_team");
    String away = field(f, index, "away_team");
    if (home.isEmpty() || away.isEmpty() || home.equals(away)) {
      throw new IllegalArgumentException(where + ": home_team and away_team must be two teams");
    }
    return new GameResult(
        date,
        field(f, index, "season"),
        type,
        home,
        away,
        integer(f, index, "home_score", where),
        integer(f, index, "away_score", where),
        odds(f, index, "home_moneyline", where),
        odds(f, index, "away_moneyline", where));
  }

  private static String field(String[] f, Map<String, Integer> index, String column) {
    return f[index.get(column)].strip();
  }

  private static int integer(String[] f, Map<String, Integer> index, String column, String where) {
    try {
      return Integer.parseInt(field(f, index, column));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + ": " + column + " is not a whole number");
    }
  }

  private static Double odds(String[] f, Map<String, Integer> index, String column, String where) {
    String value = field(f, index, column);
    if (value.isEmpty()) {
      return null;
    }
    try {
      double odds = Double.parseDouble(value);
      return Moneyline.isAmericanOdds(odds) ? odds : null;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + ": " + column + " is not a number");
    }
  }
}
