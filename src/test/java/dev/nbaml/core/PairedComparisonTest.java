package dev.nbaml.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The paired comparison of two models on the same games, and the promotion verdict built on it. */
class PairedComparisonTest {

  /**
   * Games whose outcome is drawn from a known probability; each model sees it with its own noise.
   */
  static List<PairedComparison.Pair> games(
      long seed, int n, double liveNoise, double candidateNoise) {
    Random r = new Random(seed);
    List<PairedComparison.Pair> pairs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double q = 0.2 + 0.6 * r.nextDouble();
      int y = r.nextDouble() < q ? 1 : 0;
      pairs.add(
          new PairedComparison.Pair(
              clip(q + liveNoise * r.nextGaussian()),
              clip(q + candidateNoise * r.nextGaussian()),
              y));
    }
    return pairs;
  }

  static double clip(double p) {
    return Math.round(Math.min(0.99, Math.max(0.01, p)) * 1000) / 1000.0;
  }

  @Test
  void computesEachSidesFiguresAndThePairedDifferenceByHand() {
    List<PairedComparison.Pair> pairs =
        List.of(
            new PairedComparison.Pair(0.6, 0.7, 1), // Brier 0.16 vs 0.09: -0.07
            new PairedComparison.Pair(0.4, 0.3, 0), // 0.16 vs 0.09: -0.07
            new PairedComparison.Pair(0.5, 0.6, 0)); // 0.25 vs 0.36: +0.11
    PairedComparison c = PairedComparison.of(pairs);

    assertThat(c.games()).isEqualTo(3);
    assertThat(c.live().brier()).isCloseTo((0.16 + 0.16 + 0.25) / 3, within(1e-12));
    assertThat(c.candidate().brier()).isCloseTo((0.09 + 0.09 + 0.36) / 3, within(1e-12));
    assertThat(c.live().accuracy())
        .isCloseTo(2 / 3.0, within(1e-12)); // 0.5 picks home: wrong on the third
    assertThat(c.candidate().accuracy()).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(c.candidate().logLoss())
        .isCloseTo((-Math.log(0.7) - Math.log(0.7) - Math.log(0.4)) / 3, within(1e-12));
    double mean = (-0.07 - 0.07 + 0.11) / 3;
    double sd = Math.sqrt((2 * Math.pow(-0.07 - mean, 2) + Math.pow(0.11 - mean, 2)) / 2);
    assertThat(c.brierDifference()).isCloseTo(mean, within(1e-12));
    assertThat(c.low()).isCloseTo(mean - 1.959963984540054 * sd / Math.sqrt(3), within(1e-12));
    assertThat(c.high()).isCloseTo(mean + 1.959963984540054 * sd / Math.sqrt(3), within(1e-12));
  }

  @Test
  void noGamesAreTooFewAndSaySo() {
    PairedComparison c = PairedComparison.of(List.of());
    assertThat(c.games()).isZero();
    assertThat(c.verdict(200)).isEqualTo(PairedComparison.Verdict.TOO_FEW_GAMES);
    assertThat(c.explain(200))
        .isEqualTo("too few games: 0 settled games were scored by both, at least 200 are needed");
  }

  @Test
  void aTrulyBetterCandidateOnASeasonIsBetter() {
    PairedComparison c = PairedComparison.of(games(7, 1230, 0.15, 0.03));
    assertThat(c.verdict(200)).isEqualTo(PairedComparison.Verdict.BETTER);
    assertThat(c.high()).isNegative();
    assertThat(c.explain(200)).startsWith("better: Brier ");
    assertThat(c.verdict(1231))
        .as("one game short")
        .isEqualTo(PairedComparison.Verdict.TOO_FEW_GAMES);
  }

  @Test
  void aWorseCandidateIsNotBetter() {
    PairedComparison c = PairedComparison.of(games(7, 1230, 0.03, 0.15));
    assertThat(c.verdict(200)).isEqualTo(PairedComparison.Verdict.NOT_BETTER);
    assertThat(c.explain(200)).startsWith("not better: the candidate's Brier score ");
  }

  @Test
  void aLowerBrierWithinNoiseHasAnIntervalIncludingZero() {
    // Both about as noisy: over a few hundred games the candidate may come out a little lower by
    // chance.
    PairedComparison c = null;
    for (long seed = 1; seed < 100; seed++) {
      PairedComparison candidate = PairedComparison.of(games(seed, 300, 0.05, 0.05));
      if (candidate.brierDifference() < 0) {
        c = candidate;
        break;
      }
    }
    assertThat(c).isNotNull();
    assertThat(c.verdict(200)).isEqualTo(PairedComparison.Verdict.INTERVAL_INCLUDES_ZERO);
    assertThat(c.low()).isNegative();
    assertThat(c.high()).isPositive();
    assertThat(c.explain(200))
        .startsWith("interval includes 0: ")
        .contains("95% interval of the paired difference [");
  }
}
