package dev.nbaml.core;

import java.time.LocalDate;

/** One row of the features table: a game and both teams' features. */
public record GameFeatures(
    String homeTeam, String awayTeam, LocalDate gameDate, TeamFeatures home, TeamFeatures away) {

  public GameKey key() {
    return new GameKey(homeTeam, awayTeam, gameDate);
  }
}
