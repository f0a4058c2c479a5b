package dev.nbaml.core;

/**
 * A row that was not scored, and why.
 *
 * @param game the game as read (its team names or date may be missing)
 * @param reason a stable code a state machine or a query can match on
 * @param detail what exactly is wrong, naming the column and value
 */
public record Rejection(GameKey game, Reason reason, String detail) {

  /** Why a row was rejected. */
  public enum Reason {
    /** A value is NULL (or a name is empty). */
    MISSING_VALUE,
    /** A number is NaN or infinite. */
    NOT_FINITE,
    /** A numeric value lies beyond what a double can hold (such as 1e400 or 1e-400). */
    NOT_REPRESENTABLE,
    /** A value is outside its range (a rank of 31, a win % above 1, a date that is infinity). */
    OUT_OF_RANGE,
    /**
     * A team name that cannot be a team's name (white space at an end, control characters, length).
     */
    INVALID_NAME,
    /** A team plays itself. */
    SAME_TEAM,
    /** The game, or one of its teams, appears more than once on the date. */
    DUPLICATE_GAME
  }
}
