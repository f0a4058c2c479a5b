package dev.nbaml.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nbaml.config.Config;
import dev.nbaml.config.MetricsSettings;
import dev.nbaml.core.Monitoring;
import dev.nbaml.core.RunSummary;
import dev.nbaml.util.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunMetricsTest {

  @Test
  void aRunIsOneEmbeddedMetricFormatLineWithItsCountsRollingFiguresAndDriftFlags()
      throws Exception {
    RunSummary summary =
        new RunSummary(
            RunSummary.Status.SCORED,
            "run-7",
            LocalDate.of(2024, 1, 15),
            "schedule",
            "nba-winner@1.0.0",
            8,
            1,
            Map.of("OUT_OF_RANGE", 1),
            List.of(),
            0,
            Map.of(),
            List.of(),
            2,
            List.of(),
            List.of("drift: feature x"),
            new Monitoring(
                new Monitoring.Rolling(100, 87, 0.667, 0.214, 0.62, 87, 0.655, 0.215),
                new Monitoring.Drift(
                    200, 50, 0.25, Map.of("market_logit", 0.4), List.of("market_logit"))),
            null,
            412);
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    new RunMetrics.Emf(
            new MetricsSettings("NbaMlTest", "nba-ml-scoring-test"),
            new PrintStream(captured, true, StandardCharsets.UTF_8))
        .publish(summary);

    List<JsonNode> emf = new ArrayList<>();
    for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
      if (line.startsWith("{") && line.contains("\"_aws\"")) {
        emf.add(Json.MAPPER.readTree(line));
      }
    }
    assertThat(emf).hasSize(1);
    JsonNode line = emf.get(0);
    JsonNode directive = line.get("_aws").get("CloudWatchMetrics").get(0);
    assertThat(directive.get("Namespace").asText()).isEqualTo("NbaMlTest");
    assertThat(directive.get("Dimensions").get(0).get(0).asText()).isEqualTo("Service");
    assertThat(line.get("Service").asText()).isEqualTo("nba-ml-scoring-test");
    assertThat(line.get("_aws").get("Timestamp").asLong()).isPositive();
    List<String> names = new ArrayList<>();
    directive.get("Metrics").forEach(m -> names.add(m.get("Name").asText()));
    assertThat(names)
        .contains(
            "GamesScored",
            "GamesRejected",
            "GamesSkipped",
            "RunDuration",
            "RollingAccuracy",
            "RollingBrier",
            "MarketRollingAccuracy",
            "DriftFlags");
    assertThat(line.get("GamesScored").asDouble()).isEqualTo(8);
    assertThat(line.get("GamesRejected").asDouble()).isEqualTo(1);
    assertThat(line.get("RollingAccuracy").asDouble()).isEqualTo(0.667);
    assertThat(line.get("DriftFlags").asDouble()).isEqualTo(1);
    assertThat(line.get("model_version").asText()).isEqualTo("nba-winner@1.0.0");
    assertThat(line.get("run_id").asText()).isEqualTo("run-7");
    directive.get("Metrics").forEach(m -> assertThat(line.has(m.get("Name").asText())).isTrue());
    assertThat(directive.get("Metrics").get(3).get("Unit").asText()).isEqualTo("Milliseconds");
  }

  @Test
  void aFailedRunIsCountedWithItsErrorTypeUnderTheDefaultNamespace() throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    new RunMetrics.Emf(
            Config.metrics(Map.of()), new PrintStream(captured, true, StandardCharsets.UTF_8))
        .failed("score", "dev.nbaml.db.DatabaseException");

    JsonNode line = Json.MAPPER.readTree(captured.toString(StandardCharsets.UTF_8).strip());
    JsonNode directive = line.get("_aws").get("CloudWatchMetrics").get(0);
    assertThat(directive.get("Namespace").asText()).isEqualTo("NbaMl");
    assertThat(line.get("Service").asText()).isEqualTo("service_undefined");
    assertThat(line.get("RunFailed").asDouble()).isEqualTo(1);
    assertThat(line.get("error_type").asText()).isEqualTo("dev.nbaml.db.DatabaseException");
  }
}
