package dev.nbaml.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nbaml.config.MetricsSettings;
import dev.nbaml.core.BackfillRun;
import dev.nbaml.core.Monitoring;
import dev.nbaml.core.RunSummary;
import dev.nbaml.util.Json;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** What each invocation did, as CloudWatch metrics. */
interface RunMetrics {

  /** Publishes what a run did (also a failed run whose summary is known). */
  void publish(RunSummary summary);

  /** Publishes what a backfill did. */
  void publish(BackfillRun.Summary summary);

  /** Publishes what a migration did. */
  void publish(Migrator.Result result);

  /**
   * Counts an invocation of a kind ({@code score}, {@code backfill}, ...) that failed without a
   * result.
   */
  void failed(String kind, String errorType);

  /** Outside Lambda (the command line, tests): nothing. */
  RunMetrics NONE =
      new RunMetrics() {
        @Override
        public void publish(RunSummary summary) {}

        @Override
        public void publish(BackfillRun.Summary summary) {}

        @Override
        public void publish(Migrator.Result result) {}

        @Override
        public void failed(String kind, String errorType) {}
      };

  /**
   * CloudWatch Embedded Metric Format: one JSON line per run on stdout (the function's log, where
   * CloudWatch turns it into metrics), namespace {@code POWERTOOLS_METRICS_NAMESPACE} (default
   * {@value MetricsSettings#DEFAULT_NAMESPACE}), dimension {@code Service} = {@code
   * POWERTOOLS_SERVICE_NAME}, the run's id, date and model version as properties. Written here
   * rather than by Powertools Metrics, whose SnapStart hook needs AspectJ at run time and stops the
   * runtime before its first invocation (LambdaRuntimeIT).
   */
  final class Emf implements RunMetrics {
    private final String namespace;
    private final String service;
    private final PrintStream out;

    Emf(MetricsSettings settings, PrintStream out) {
      this.namespace = settings.namespace();
      this.service = settings.service();
      this.out = out;
    }

    @Override
    public void publish(RunSummary s) {
      Line line = new Line();
      line.metric("GamesScored", s.gamesScored(), COUNT);
      line.metric("GamesRejected", s.gamesRejected(), COUNT);
      line.metric("GamesSkipped", s.gamesSkipped(), COUNT);
      line.metric("RunDuration", s.durationMs(), MILLISECONDS);
      line.metric("RunFailed", s.status() == RunSummary.Status.FAILED ? 1 : 0, COUNT);
      line.metric("Warnings", s.warnings().size(), COUNT);
      Monitoring m = s.monitoring();
      if (m != null && m.rolling() != null && m.rolling().games() > 0) {
        line.metric("RollingAccuracy", m.rolling().accuracy(), NONE_UNIT);
        line.metric("RollingBrier", m.rolling().brier(), NONE_UNIT);
        line.metric("RollingGames", m.rolling().games(), COUNT);
        if (m.rolling().marketAccuracy() != null) {
          line.metric("MarketRollingAccuracy", m.rolling().marketAccuracy(), NONE_UNIT);
          line.metric("MarketRollingBrier", m.rolling().marketBrier(), NONE_UNIT);
        }
      }
      if (m != null && m.drift() != null) {
        line.metric("DriftFlags", m.drift().flagged().size(), COUNT);
      }
      if (s.modelVersion() != null) {
        line.property("model_version", s.modelVersion());
      }
      line.property("run_id", s.runId());
      line.property("run_date", s.runDate().toString());
      write(line);
    }

    @Override
    public void publish(BackfillRun.Summary s) {
      Line line = new Line();
      line.metric("BackfillGamesScored", s.gamesScored(), COUNT);
      line.metric("BackfillGamesRejected", s.gamesRejected(), COUNT);
      line.metric("BackfillDuration", s.durationMs(), MILLISECONDS);
      line.property("model_version", s.modelVersion());
      line.property("run_id", s.runId());
      write(line);
    }

    @Override
    public void publish(Migrator.Result result) {
      Line line = new Line();
      line.metric("MigrationsApplied", result.migrationsApplied(), COUNT);
      line.metric("DuplicatesRemoved", result.duplicatesRemoved(), COUNT);
      write(line);
    }

    @Override
    public void failed(String kind, String errorType) {
      Line line = new Line();
      line.metric(kind.equals("score") ? "RunFailed" : "InvocationFailed", 1, COUNT);
      line.property("invocation", kind);
      line.property("error_type", errorType);
      write(line);
    }

    private static final String COUNT = "Count";
    private static final String MILLISECONDS = "Milliseconds";
    private static final String NONE_UNIT = "None";

    /** The metrics (name to value, in order), their units and the extra properties of one line. */
    private static final class Line {
      final Map<String, Double> values = new LinkedHashMap<>();
      final Map<String, String> units = new LinkedHashMap<>();
      final Map<String, String> properties = new LinkedHashMap<>();

      void metric(String name, double value, String unit) {
        values.put(name, value);
        units.put(name, unit);
      }

      void property(String name, String value) {
        properties.put(name, value);
      }
    }

    private void write(Line line) {
      ObjectNode root = Json.MAPPER.createObjectNode();
      ObjectNode aws = root.putObject("_aws");
      aws.put("Timestamp", System.currentTimeMillis());
      ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
      directive.put("Namespace", namespace);
      directive.putArray("Dimensions").addArray().add("Service");
      ArrayNode metrics = directive.putArray("Metrics");
      line.units.forEach((name, unit) -> metrics.addObject().put("Name", name).put("Unit", unit));
      root.put("Service", service);
      line.values.forEach(root::put);
      line.properties.forEach(root::put);
      try {
        String json = Json.MAPPER.writeValueAsString(root);
        synchronized (out) {
          out.println(json);
          out.flush();
        }
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("Cannot write the metrics line", e);
      }
    }
  }
}
