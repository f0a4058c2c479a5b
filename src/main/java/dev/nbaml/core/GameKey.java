package dev.nbaml.core;

import java.time.LocalDate;

/**
 * Identifies one game as the pipeline's tables do: home team, away team and date. Its text form is
 * bounded and escaped (a name of thousands of characters or with control characters stays one short
 * log line).
 */
public record GameKey(String homeTeam, String awayTeam, LocalDate gameDate) {

  @Override
  public String toString() {
    return TeamNames.forLog(awayTeam) + " @ " + TeamNames.forLog(homeTeam) + " on " + gameDate;
  }
}
