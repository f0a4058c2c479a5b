package dev.nbaml.core;

import java.time.LocalDate;
import java.util.List;

/**
 * One row of the features table: a game and both teams' features.
 *
 * @param unreadable one entry per value the reader could not turn into a number (a numeric beyond
 *     the range of a double, say), naming the column and the value; the validator rejects such a row
 */
public record GameFeatures(
    String homeTeam,
    String awayTeam,
    LocalDate gameDate,
    TeamFeatures home,
    TeamFeatures away,
    List<String> unreadable) {

  public GameFeatures {
    unreadable = unreadable == null ? List.of() : List.copyOf(unreadable);
  }

  /** A row whose every value was read. */
  public GameFeatures(String homeTeam, String awayTeam, LocalDate gameDate, TeamFeatures home, TeamFeatures away) {
    this(homeTeam, awayTeam, gameDate, home, away, List.of());
  }

  public GameKey key() {
    return new GameKey(homeTeam, awayTeam, gameDate);
  }
}
