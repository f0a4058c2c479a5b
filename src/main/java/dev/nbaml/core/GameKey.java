package dev.nbaml.core;

import java.time.LocalDate;

/** Identifies one game as the pipeline's tables do: home team, away team and date. */
public record GameKey(String homeTeam, String awayTeam, LocalDate gameDate) {

  @Override
  public String toString() {
    return awayTeam + " @ " + homeTeam + " on " + gameDate;
  }
}
