package dev.nbaml.core;

/**
 * One team's side of a row of {@code silver.ml_game_features}, as read: any value may be null or
 * not finite until {@link RowValidator} has accepted the row.
 *
 * @param rank league rank 1-30 by season win %
 * @param daysRest days since the previous game minus one
 * @param avgPtsScored average points scored over recent games
 * @param avgPtsAllowed average points allowed over recent games
 * @param winPct season win %
 * @param winPctLast10 win % over the last 10 games
 * @param topPlayers how many of the team's two best players are available (0-2)
 * @param moneyline American moneyline odds, null when there is no line
 */
public record TeamFeatures(
    Double rank,
    Double daysRest,
    Double avgPtsScored,
    Double avgPtsAllowed,
    Double winPct,
    Double winPctLast10,
    Double topPlayers,
    Double moneyline) {

  /** The same side with another moneyline (null: no line). */
  public TeamFeatures withMoneyline(Double price) {
    return new TeamFeatures(
        rank, daysRest, avgPtsScored, avgPtsAllowed, winPct, winPctLast10, topPlayers, price);
  }
}
