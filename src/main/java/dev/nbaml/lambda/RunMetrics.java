package dev.nbaml.lambda;

import dev.nbaml.core.Monitoring;
import dev.nbaml.core.RunSummary;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/** Run figures as CloudWatch metrics. */
interface RunMetrics {

  /** Publishes what a run did (also a failed run whose summary is known). */
  void publish(RunSummary summary);

  /** Counts a run that failed without a summary. */
  void failed(String errorType);

  /** Outside Lambda (the command line, tests): nothing. */
  RunMetrics NONE = new RunMetrics() {
    @Override
    public void publish(RunSummary summary) {}

    @Override
    public void failed(String errorType) {}
  };

  /**
   * CloudWatch Embedded Metric Format through Powertools: one JSON line per run in the function's log,
   * namespace {@code POWERTOOLS_METRICS_NAMESPACE} (default {@value #NAMESPACE}), dimension
   * {@code Service} = {@code POWERTOOLS_SERVICE_NAME}.
   */
  final class Emf implements RunMetrics {
    static final String NAMESPACE = "NbaMl";
    private final Metrics metrics;

    Emf(String namespace) {
      this.metrics = MetricsFactory.getMetricsInstance();
      metrics.setNamespace(namespace == null || namespace.isBlank() ? NAMESPACE : namespace);
    }

    @Override
    public void publish(RunSummary s) {
      metrics.addMetric("GamesScored", s.gamesScored(), MetricUnit.COUNT);
      metrics.addMetric("GamesRejected", s.gamesRejected(), MetricUnit.COUNT);
      metrics.addMetric("GamesSkipped", s.gamesSkipped(), MetricUnit.COUNT);
      metrics.addMetric("RunDuration", s.durationMs(), MetricUnit.MILLISECONDS);
      metrics.addMetric("RunFailed", s.status() == RunSummary.Status.FAILED ? 1 : 0, MetricUnit.COUNT);
      metrics.addMetric("Warnings", s.warnings().size(), MetricUnit.COUNT);
      Monitoring m = s.monitoring();
      if (m != null && m.rolling() != null && m.rolling().games() > 0) {
        metrics.addMetric("RollingAccuracy", m.rolling().accuracy(), MetricUnit.NONE);
        metrics.addMetric("RollingBrier", m.rolling().brier(), MetricUnit.NONE);
        metrics.addMetric("RollingGames", m.rolling().games(), MetricUnit.COUNT);
        if (m.rolling().marketAccuracy() != null) {
          metrics.addMetric("MarketRollingAccuracy", m.rolling().marketAccuracy(), MetricUnit.NONE);
          metrics.addMetric("MarketRollingBrier", m.rolling().marketBrier(), MetricUnit.NONE);
        }
      }
      if (m != null && m.drift() != null) {
        metrics.addMetric("DriftFlags", m.drift().flagged().size(), MetricUnit.COUNT);
      }
      if (s.modelVersion() != null) {
        metrics.addMetadata("model_version", s.modelVersion());
      }
      metrics.addMetadata("run_id", s.runId());
      metrics.addMetadata("run_date", s.runDate().toString());
      metrics.flush();
    }

    @Override
    public void failed(String errorType) {
      metrics.addMetric("RunFailed", 1, MetricUnit.COUNT);
      metrics.addMetadata("error_type", errorType);
      metrics.flush();
    }
  }
}
