package dev.nbaml.core;

import java.time.LocalDate;
import java.util.Map;

/**
 * One row of the features table: a game and both teams' features.
 *
 * @param unreadable the values the reader could not turn into a number (a numeric beyond the range
 *     of a double, say), by column, each with a detail naming it; the validator rejects such a row
 */
public record GameFeatures(
    String homeTeam,
    String awayTeam,
    LocalDate gameDate,
    TeamFeatures home,
    TeamFeatures away,
    Map<String, String> unreadable) {

  public GameFeatures {
    unreadable = unreadable == null ? Map.of() : Map.copyOf(unreadable);
  }

  /** A row whose every value was read. */
  public GameFeatures(
      String homeTeam, String awayTeam, LocalDate gameDate, TeamFeatures home, TeamFeatures away) {
    this(homeTeam, awayTeam, gameDate, home, away, Map.of());
  }

  public GameKey key() {
    return new GameKey(homeTeam, awayTeam, gameDate);
  }
}
