package dev.nbaml.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QualityGateTest {
  static EvaluationReport report(double accuracy, double brier, double legacyAccuracy) {
    return new EvaluationReport(
        "test",
        new Metrics(100, accuracy, brier, 0.6, 0.7),
        Map.of(EvaluationReport.LEGACY, new Metrics(100, legacyAccuracy, 0.24, 0.67, 0.62)),
        List.of());
  }

  @Test
  void passesAModelThatMeetsEveryThreshold() {
    assertThat(TrainingDefaults.GATE.failures(report(0.66, 0.216, 0.61))).isEmpty();
  }

  @Test
  void namesEachThresholdTheModelMisses() {
    assertThat(TrainingDefaults.GATE.failures(report(0.60, 0.26, 0.61)))
        .containsExactly(
            "Brier score 0.26 is above the maximum 0.25",
            "accuracy 0.6 is not above the legacy model's 0.61");
    assertThat(new QualityGate(0.65, 0.25, false).failures(report(0.64, 0.22, 0.7)))
        .containsExactly("accuracy 0.64 is below the minimum 0.65");
  }
}
