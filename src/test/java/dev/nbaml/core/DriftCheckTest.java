package dev.nbaml.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DriftCheckTest {
  /**
   * Each test has its own instance, so its own seeded generator: no test sees what another drew.
   */
  final Random random = new Random(3);

  double[] normal(int n, double mean) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = mean + random.nextGaussian();
    }
    return v;
  }

  static List<double[]> rows(double[] values) {
    List<double[]> rows = new ArrayList<>();
    for (double v : values) {
      rows.add(new double[] {v});
    }
    return rows;
  }

  final Map<String, FeatureDistribution> training =
      Map.of("x", FeatureDistribution.of(normal(20_000, 0)));

  @Test
  void theSameDistributionIsStableAndAShiftedOneIsFlagged() {
    Monitoring.Drift same =
        DriftCheck.check(training, List.of("x"), rows(normal(400, 0)), 0.5, 100);
    Monitoring.Drift shifted =
        DriftCheck.check(training, List.of("x"), rows(normal(400, 1.5)), 0.5, 100);

    assertThat(same.psi().get("x")).isLessThan(0.1);
    assertThat(same.flagged()).isEmpty();
    assertThat(shifted.psi().get("x")).isGreaterThan(1.0);
    assertThat(shifted.flagged()).containsExactly("x");
  }

  @Test
  void tooFewGamesAreMeasuredButNeverFlagged() {
    Monitoring.Drift few = DriftCheck.check(training, List.of("x"), rows(normal(30, 3)), 0.5, 100);
    assertThat(few.psi().get("x")).isGreaterThan(1.0);
    assertThat(few.flagged()).isEmpty();
    assertThat(few.games()).isEqualTo(30);
  }

  @Test
  void psiIsTheSumOverBinsOfTheShareDifferenceTimesTheLogRatio() {
    FeatureDistribution flag =
        new FeatureDistribution(4, 0.5, 0.5, 0, 1, List.of(), List.of(1.0), List.of(0.5, 0.5));
    Monitoring.Drift d =
        DriftCheck.check(Map.of("f", flag), List.of("f"), rows(new double[] {0, 1, 1, 1}), 0.5, 1);
    double expected = (0.25 - 0.5) * Math.log(0.25 / 0.5) + (0.75 - 0.5) * Math.log(0.75 / 0.5);
    assertThat(d.psi().get("f")).isCloseTo(expected, within(1e-4));
  }
}
