package dev.nbaml.core;

import java.util.List;
import java.util.Locale;

/**
 * Two models on the same settled games: each one's accuracy, Brier score and log loss, and the
 * paired Brier difference (candidate minus live, game by game: negative means the candidate is
 * better) with its 95% interval (mean ± 1.96 standard errors of the per-game differences, the
 * normal approximation, sound from a few dozen games on). The one home of this comparison: the
 * report shows it, and {@code promote --if-better} decides by {@link #verdict}.
 *
 * @param games how many games both scored
 * @param live the live model's figures (null without games)
 * @param candidate the candidate's figures (null without games)
 * @param brierDifference mean of candidate's minus live's Brier score per game (NaN without games)
 * @param low lower end of its 95% interval (NaN with fewer than 2 games)
 * @param high upper end of its 95% interval (NaN with fewer than 2 games)
 */
public record PairedComparison(
    int games, Side live, Side candidate, double brierDifference, double low, double high) {

  /** The two-sided 95% quantile of the standard normal distribution. */
  public static final double Z_95 = 1.959963984540054;

  /** One settled game: both models' P(home win) and the result (1 home win, 0 away win). */
  public record Pair(double live, double candidate, int homeWin) {}

  /** One model's figures on the paired games. */
  public record Side(double accuracy, double brier, double logLoss) {}

  /** Whether the candidate is proven better, or the first condition that fails. */
  public enum Verdict {
    /** Fewer paired settled games than asked for. */
    TOO_FEW_GAMES,
    /** The candidate's Brier score is not lower than the live model's. */
    NOT_BETTER,
    /** Lower, but the 95% interval of the paired difference includes 0: it may be chance. */
    INTERVAL_INCLUDES_ZERO,
    /** Enough games, a lower Brier score, and an interval below 0. */
    BETTER
  }

  /** The comparison of the pairs. */
  public static PairedComparison of(List<Pair> pairs) {
    int n = pairs.size();
    if (n == 0) {
      return new PairedComparison(0, null, null, Double.NaN, Double.NaN, Double.NaN);
    }
    double[] live = new double[3];
    double[] candidate = new double[3];
    double sum = 0;
    for (Pair p : pairs) {
      add(live, p.live(), p.homeWin());
      add(candidate, p.candidate(), p.homeWin());
      sum += difference(p);
    }
    double mean = sum / n;
    double low = Double.NaN;
    double high = Double.NaN;
    if (n >= 2) {
      double squares = 0;
      for (Pair p : pairs) {
        double d = difference(p) - mean;
        squares += d * d;
      }
      double standardError = Math.sqrt(squares / (n - 1)) / Math.sqrt(n);
      low = mean - Z_95 * standardError;
      high = mean + Z_95 * standardError;
    }
    return new PairedComparison(n, side(live, n), side(candidate, n), mean, low, high);
  }

  private static double difference(Pair p) {
    return ProbabilityScores.brier(p.candidate(), p.homeWin())
        - ProbabilityScores.brier(p.live(), p.homeWin());
  }

  private static void add(double[] sums, double p, int y) {
    sums[0] += ProbabilityScores.hit(p, y) ? 1 : 0;
    sums[1] += ProbabilityScores.brier(p, y);
    sums[2] += ProbabilityScores.logLoss(p, y);
  }

  private static Side side(double[] sums, int n) {
    return new Side(sums[0] / n, sums[1] / n, sums[2] / n);
  }

  /**
   * Whether the candidate may replace the live model: at least {@code minGames} paired games, a
   * lower Brier score, and a 95% interval of the paired difference that excludes 0.
   */
  public Verdict verdict(int minGames) {
    if (games < minGames || games < 2) {
      return Verdict.TOO_FEW_GAMES;
    }
    if (!(brierDifference < 0)) {
      return Verdict.NOT_BETTER;
    }
    if (!(high < 0)) {
      return Verdict.INTERVAL_INCLUDES_ZERO;
    }
    return Verdict.BETTER;
  }

  /** The verdict in words, with the figures it rests on. */
  public String explain(int minGames) {
    return switch (verdict(minGames)) {
      case TOO_FEW_GAMES ->
          "too few games: "
              + games
              + " settled games were scored by both, at least "
              + minGames
              + " are needed";
      case NOT_BETTER ->
          "not better: the candidate's Brier score "
              + f(candidate.brier())
              + " is not lower than "
              + f(live.brier())
              + " on "
              + games
              + " games";
      case INTERVAL_INCLUDES_ZERO ->
          "interval includes 0: the candidate's Brier score "
              + f(candidate.brier())
              + " is lower than "
              + f(live.brier())
              + " on "
              + games
              + " games, but the 95% interval of the paired"
              + " difference "
              + interval()
              + " includes 0";
      case BETTER ->
          "better: Brier "
              + f(candidate.brier())
              + " against "
              + f(live.brier())
              + " on "
              + games
              + " games, paired difference "
              + f(brierDifference)
              + " with 95% interval "
              + interval();
    };
  }

  /** The 95% interval, as [low, high]. */
  public String interval() {
    return "[" + f(low) + ", " + f(high) + "]";
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
