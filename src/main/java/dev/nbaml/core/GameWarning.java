package dev.nbaml.core;

/**
 * A game that was scored, but not as its row reads: the run names it and says why. Not a rejection.
 *
 * @param game the game
 * @param kind a stable code a state machine or a query can match on
 * @param detail what exactly was found, naming the values
 */
public record GameWarning(GameKey game, Kind kind, String detail) {

  /** Why a game was flagged. */
  public enum Kind {
    /** No moneyline at all: scored on team form. */
    NO_LINE,
    /** A moneyline on one side only: scored on team form. */
    ONE_SIDED_LINE,
    /** dbt's +100/+100 placeholder for a missing line: scored on team form. */
    PLACEHOLDER_LINE,
    /** Prices no bookmaker would post (no margin, too large a margin, not American odds). */
    IMPLAUSIBLE_LINE,
    /** A valid team name that is not one of the league's franchises. */
    UNKNOWN_TEAM;

    /** The warning for a line that is not a real market; null for a real one. */
    static Kind of(Moneyline.Status status) {
      return switch (status) {
        case REAL -> null;
        case ABSENT -> NO_LINE;
        case ONE_SIDED -> ONE_SIDED_LINE;
        case PLACEHOLDER -> PLACEHOLDER_LINE;
        case NO_MARGIN, EXCESS_MARGIN, INVALID -> IMPLAUSIBLE_LINE;
      };
    }
  }
}
