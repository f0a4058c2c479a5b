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
    MISSING_VALUE,
    NOT_FINITE,
    OUT_OF_RANGE,
    INVALID_ODDS,
    SAME_TEAM,
    DUPLICATE_GAME
  }
}
