package dev.nbaml.core;

import java.util.Locale;
import java.util.Optional;

/**
 * The one home of the moneyline rules: what a valid American price is, the probability it implies,
 * how the bookmaker's margin (vig) is removed, and whether a pair of prices is a real market at
 * all. Validation, the model's features, training and evaluation from the history, and the
 * monitoring baseline (whose SQL is generated here, {@link #sqlMarketProbability}) all use these
 * rules.
 *
 * <p>A pair that no bookmaker would post is treated as no line: the game is scored on team form, as
 * a game without odds, and the run names it in a warning. Measured on the 20,475 priced games of
 * 2007-08 to 2022-23 in the shared history, a real line's margin (the implied probabilities' sum
 * minus 1) lies between 0.35% and 6.6% (median 3.8%, 99.9th percentile 6.2%); the only rows outside
 * that range are 8 pairs with the same negative price on both sides (-180/-180 to -650/-650,
 * margins of 29% to 73%: data errors) and one pair with a negative margin (+240/-200). Hence:
 *
 * <ul>
 *   <li>a margin of {@link #MIN_MARGIN} (0.1%) or less is no market: dbt's {@code
 *       coalesce(moneyline, 100)} placeholder (+100/+100, margin exactly 0), prices that would let
 *       a bettor win on both sides, and pairs whose margin is 0 but for rounding;
 *   <li>a margin above {@link #MAX_MARGIN} (10%, half as much again as the largest real one) is not
 *       a bookmaker's price either.
 * </ul>
 */
public final class Moneyline {

  /** dbt's stand-in for a missing price: {@code coalesce(moneyline, 100)}. */
  public static final double PLACEHOLDER = 100;

  /**
   * The smallest margin a real line carries is above this; real NBA closing lines have 0.35% or
   * more.
   */
  public static final double MIN_MARGIN = 0.001;

  /** The largest margin a real line may carry; real NBA closing lines reach 6.6%. */
  public static final double MAX_MARGIN = 0.10;

  /** No bookmaker prices beyond this (real NBA lines reach about -10,000 / +5,000). */
  public static final double MAX_PRICE = 1_000_000;

  /** Why a pair of prices is, or is not, a market. */
  public enum Status {
    /** Both prices valid, margin within (0, {@link #MAX_MARGIN}]: the market's view is used. */
    REAL,
    /** Neither side has a price. */
    ABSENT,
    /** Only one side has a price. */
    ONE_SIDED,
    /** +100 / +100: dbt's placeholder for a game without a line. */
    PLACEHOLDER,
    /**
     * The implied probabilities sum to 1 or less (within {@link #MIN_MARGIN}): no bookmaker posts
     * that.
     */
    NO_MARGIN,
    /** The margin is beyond any bookmaker's. */
    EXCESS_MARGIN,
    /** A price is not American odds at all (not finite, or between -100 and +100). */
    INVALID
  }

  /**
   * What a pair of prices says.
   *
   * @param status whether this is a real market, and if not why
   * @param homeProbability the de-vigged P(home win) for a real market, NaN otherwise
   * @param margin the implied probabilities' sum minus 1, NaN where a price is missing or invalid
   */
  public record Line(Status status, double homeProbability, double margin) {
    public boolean isReal() {
      return status == Status.REAL;
    }

    /** Why the game is scored without the market, for a warning; empty for a real line. */
    public String explanation(Double home, Double away) {
      String pair = price(home) + " / " + price(away);
      return switch (status) {
        case REAL -> "";
        case ABSENT -> "no moneyline: scored on team form";
        case ONE_SIDED -> "only one side has a moneyline (" + pair + "): scored on team form";
        case PLACEHOLDER ->
            "moneylines " + pair + " are dbt's placeholder for a missing line: scored on team form";
        case NO_MARGIN ->
            "moneylines "
                + pair
                + " imply probabilities summing to "
                + percent(1 + margin)
                + " (no bookmaker's margin): treated as no line, scored on team form";
        case EXCESS_MARGIN ->
            "moneylines "
                + pair
                + " carry a margin of "
                + percent(margin)
                + ", above the "
                + percent(MAX_MARGIN)
                + " any bookmaker charges: treated as no line, scored on team form";
        case INVALID ->
            "moneylines "
                + pair
                + " are not both American odds (at most -100 or at least +100,"
                + " within "
                + (long) MAX_PRICE
                + "): treated as no line, scored on team form";
      };
    }
  }

  private Moneyline() {}

  /**
   * A price a bookmaker can post in American odds: -100 or below, +100 or above, within {@link
   * #MAX_PRICE}.
   */
  public static boolean isAmericanOdds(double odds) {
    return Math.abs(odds) >= 100 && Math.abs(odds) <= MAX_PRICE; // false for NaN
  }

  /**
   * The probability American odds imply, margin included: -160 gives 160/260, +140 gives 100/240.
   */
  public static double impliedProbability(double americanOdds) {
    return americanOdds < 0 ? -americanOdds / (-americanOdds + 100) : 100 / (americanOdds + 100);
  }

  /** Judges a pair of prices (either may be null). */
  public static Line assess(Double home, Double away) {
    if (home == null && away == null) {
      return new Line(Status.ABSENT, Double.NaN, Double.NaN);
    }
    if (home == null || away == null) {
      return new Line(Status.ONE_SIDED, Double.NaN, Double.NaN);
    }
    if (!isAmericanOdds(home) || !isAmericanOdds(away)) {
      return new Line(Status.INVALID, Double.NaN, Double.NaN);
    }
    double h = impliedProbability(home);
    double a = impliedProbability(away);
    double margin = h + a - 1;
    if (home == PLACEHOLDER && away == PLACEHOLDER) {
      return new Line(Status.PLACEHOLDER, Double.NaN, margin);
    }
    if (margin <= MIN_MARGIN) {
      return new Line(Status.NO_MARGIN, Double.NaN, margin);
    }
    if (margin > MAX_MARGIN) {
      return new Line(Status.EXCESS_MARGIN, Double.NaN, margin);
    }
    return new Line(Status.REAL, h / (h + a), margin);
  }

  /** The market's de-vigged P(home win), present only for a real line. */
  public static Optional<Double> marketProbability(Double home, Double away) {
    Line line = assess(home, away);
    return line.isReal() ? Optional.of(line.homeProbability()) : Optional.empty();
  }

  /**
   * The same figure as {@link #marketProbability} in PostgreSQL, for two numeric columns: NULL
   * where the pair is not a real line. Tested against the Java rules on a grid of prices.
   */
  public static String sqlMarketProbability(String home, String away) {
    String h = sqlImplied(home);
    String a = sqlImplied(away);
    // One guard a WHEN: PostgreSQL evaluates CASE branches in order, so no cast sees a value it
    // rejects.
    return "(CASE WHEN "
        + home
        + " IS NULL OR "
        + away
        + " IS NULL THEN NULL"
        + " WHEN NOT (abs("
        + home
        + ") BETWEEN 100 AND "
        + (long) MAX_PRICE
        + " AND abs("
        + away
        + ") BETWEEN 100 AND "
        + (long) MAX_PRICE
        + ") THEN NULL"
        + " WHEN "
        + home
        + " = "
        + (long) PLACEHOLDER
        + " AND "
        + away
        + " = "
        + (long) PLACEHOLDER
        + " THEN NULL"
        + " WHEN "
        + h
        + " + "
        + a
        + " - 1 <= "
        + MIN_MARGIN
        + " THEN NULL"
        + " WHEN "
        + h
        + " + "
        + a
        + " - 1 > "
        + MAX_MARGIN
        + " THEN NULL"
        + " ELSE "
        + h
        + " / ("
        + h
        + " + "
        + a
        + ") END)";
  }

  private static String sqlImplied(String column) {
    String c = column + "::float8";
    return "(CASE WHEN "
        + c
        + " < 0 THEN -"
        + c
        + " / (-"
        + c
        + " + 100) ELSE 100 / ("
        + c
        + " + 100) END)";
  }

  private static String price(Double odds) {
    if (odds == null) {
      return "none";
    }
    String text =
        odds == Math.rint(odds) && Math.abs(odds) < 1e15
            ? Long.toString(odds.longValue())
            : Double.toString(odds);
    return odds > 0 && !text.startsWith("+") ? "+" + text : text;
  }

  private static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
  }
}
