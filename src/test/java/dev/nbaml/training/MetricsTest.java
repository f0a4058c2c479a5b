package dev.nbaml.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nbaml.core.FeatureDistribution;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {
  @Test
  void accuracyBrierLogLossAndAucOnAKnownExample() {
    double[] p = {0.9, 0.6, 0.4, 0.2};
    int[] y = {1, 0, 1, 0};

    Metrics m = Metrics.of(p, y);

    assertThat(m.games()).isEqualTo(4);
    assertThat(m.accuracy()).isEqualTo(0.5);
    assertThat(m.brier()).isCloseTo((0.01 + 0.36 + 0.36 + 0.04) / 4, within(1e-4));
    assertThat(m.logLoss())
        .isCloseTo(
            -(Math.log(0.9) + Math.log(0.4) + Math.log(0.4) + Math.log(0.8)) / 4, within(1e-4));
    assertThat(m.rocAuc()).isEqualTo(0.75); // of the 4 (win, loss) pairs, 3 are ordered right
  }

  @Test
  void tiedScoresCountHalfInTheAucAndAPickAtExactlyHalfIsHome() {
    Metrics m = Metrics.of(new double[] {0.5, 0.5}, new int[] {1, 0});
    assertThat(m.rocAuc()).isEqualTo(0.5);
    assertThat(m.accuracy()).isEqualTo(0.5);
    assertThat(Metrics.ofPicks(new boolean[] {true, true, false}, new int[] {1, 0, 0}).accuracy())
        .isEqualTo(0.6667);
  }

  @Test
  void calibrationBinsCountMeanAndObservedRate() {
    List<Calibration.Bin> bins =
        Calibration.table(new double[] {0.05, 0.62, 0.68, 1.0}, new int[] {0, 1, 0, 1});
    assertThat(bins).hasSize(10);
    assertThat(bins.get(0).games()).isEqualTo(1);
    assertThat(bins.get(6)).isEqualTo(new Calibration.Bin(0.6, 0.7, 2, 0.65, 0.5));
    assertThat(bins.get(9).games()).isEqualTo(1);
    assertThat(bins.get(3).observed()).isNull();
  }

  @Test
  void featureDistributionsKeepDecileBinsForDrift() {
    double[] values = new double[100];
    for (int i = 0; i < 100; i++) {
      values[i] = i;
    }
    FeatureDistribution d = FeatureDistribution.of(values);
    assertThat(d.mean()).isEqualTo(49.5);
    assertThat(d.binEdges()).hasSize(9);
    assertThat(d.binShares()).allSatisfy(s -> assertThat(s).isCloseTo(0.1, within(0.011)));
    FeatureDistribution flag = FeatureDistribution.of(new double[] {1, 1, 1, 0});
    assertThat(flag.binEdges()).containsExactly(0.3, 0.6, 0.9, 1.0); // interpolated deciles
    assertThat(FeatureDistribution.bin(flag.binEdges(), 1.0)).isEqualTo(4);
    assertThat(FeatureDistribution.bin(flag.binEdges(), 0.0)).isZero();
  }
}
