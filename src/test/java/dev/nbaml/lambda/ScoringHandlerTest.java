package dev.nbaml.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nbaml.core.AllGamesRejectedException;
import dev.nbaml.core.BackfillRequest;
import dev.nbaml.core.BackfillRun;
import dev.nbaml.core.GameKey;
import dev.nbaml.core.Rejection;
import dev.nbaml.core.RunRequest;
import dev.nbaml.core.RunSummary;
import dev.nbaml.core.TransientException;
import dev.nbaml.training.Retrainer;
import dev.nbaml.util.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The handler driven with fakes: every kind of invocation goes through the same path (the
 * environment checked first, the logging context, metrics, errors thrown by name), without AWS or a
 * database.
 */
class ScoringHandlerTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-15T22:00:00Z"), ZoneOffset.UTC);

  /** What the fakes saw, in order. */
  final List<String> calls = new ArrayList<>();

  final List<Map<String, String>> contexts = new ArrayList<>();
  RuntimeException failure;

  final RunMetrics metrics =
      new RunMetrics() {
        @Override
        public void publish(RunSummary s) {
          calls.add("metrics score " + s.status());
        }

        @Override
        public void publish(BackfillRun.Summary s) {
          calls.add("metrics backfill " + s.gamesScored());
        }

        @Override
        public void publish(Migrator.Result r) {
          calls.add("metrics migrate " + r.migrationsApplied());
        }

        @Override
        public void failed(String kind, String errorType) {
          calls.add("failed " + kind + " " + errorType);
        }
      };

  final ExecutionEnvironment environment =
      new ExecutionEnvironment() {
        @Override
        public void beforeInvocation() {
          calls.add("checked");
        }

        @Override
        public void prime() {
          calls.add("primed");
        }

        @Override
        public void forgetConnectionsAndCredentials() {
          calls.add("forgot");
        }

        @Override
        public void close() {
          calls.add("closed");
        }
      };

  final ScoringHandler handler =
      new ScoringHandler(
          new EventParser(CLOCK, ZoneId.of("America/New_York")),
          new Invocation.Services(
              this::score, this::backfill, this::migrate, this::retrain, metrics),
          environment);

  private RunSummary score(RunRequest request) {
    contexts.add(MDC.getCopyOfContextMap());
    calls.add("score " + request.runDate() + " " + request.trigger());
    if (failure != null) {
      throw failure;
    }
    return RunSummary.of(request, RunSummary.Status.NO_GAMES).modelVersion("fake@1.0.0").build();
  }

  private BackfillRun.Summary backfill(BackfillRequest request) {
    contexts.add(MDC.getCopyOfContextMap());
    calls.add("backfill " + request.from() + ".." + request.to());
    return new BackfillRun.Summary(
        "BACKFILLED",
        request.runId(),
        request.from(),
        request.to(),
        "fake@1.0.0",
        null,
        7,
        0,
        Map.of(),
        List.of(),
        0,
        Map.of(),
        1,
        5,
        1400);
  }

  private Migrator.Result migrate(boolean keepNewest) {
    contexts.add(MDC.getCopyOfContextMap());
    calls.add("migrate " + keepNewest);
    return new Migrator.Result("MIGRATED", 2, "3", 0);
  }

  private Retrainer.Result retrain(String runId) {
    contexts.add(MDC.getCopyOfContextMap());
    calls.add("retrain");
    return new Retrainer.Result(
        Retrainer.Status.GATE_FAILED,
        runId,
        "fake@1.2.0",
        "fake@1.1.0",
        "candidate",
        "2022-23",
        null,
        0,
        null,
        List.of("Brier score 0.23 is worse than the current model fake@1.1.0's 0.22"),
        9);
  }

  private JsonNode invoke(String event) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
    return Json.MAPPER.readTree(out.toByteArray());
  }

  @Test
  void aScoringEventChecksTheEnvironmentScoresWithItsContextPublishesAndAnswers()
      throws IOException {
    JsonNode summary = invoke("{\"run_date\": \"2024-01-20\"}");

    assertThat(summary.get("status").asText()).isEqualTo("NO_GAMES");
    assertThat(calls)
        .containsExactly("checked", "score 2024-01-20 step-functions", "metrics score NO_GAMES");
    assertThat(contexts).hasSize(1);
    assertThat(MDC.getCopyOfContextMap())
        .as("the context ends with the invocation")
        .isNullOrEmpty();
  }

  @Test
  void aBackfillAndAMigrationTakeTheSamePath() throws IOException {
    JsonNode backfilled =
        invoke("{\"backfill\": {\"from\": \"2023-01-01\", \"to\": \"2023-01-31\"}}");
    JsonNode migrated = invoke("{\"action\": \"migrate\", \"keep_newest_duplicates\": true}");

    assertThat(backfilled.get("games_scored").asInt()).isEqualTo(7);
    assertThat(migrated.get("migrations_applied").asInt()).isEqualTo(2);
    assertThat(calls)
        .containsExactly(
            "checked",
            "backfill 2023-01-01..2023-01-31",
            "metrics backfill 7",
            "checked",
            "migrate true",
            "metrics migrate 2");
    assertThat(contexts).hasSize(2);
  }

  @Test
  void aRetrainTakesTheSamePathAndAnswersWhyNothingWasPublished() throws IOException {
    JsonNode retrained = invoke("{\"action\": \"retrain\"}");

    assertThat(retrained.get("status").asText()).isEqualTo("GATE_FAILED");
    assertThat(retrained.get("failures").get(0).asText())
        .contains("is worse than the current model");
    assertThat(retrained.get("shadow_alias").asText()).isEqualTo("candidate");
    assertThat(calls).containsExactly("checked", "retrain");
    assertThat(contexts).hasSize(1);
  }

  @Test
  void aFailureIsCountedByKindAndThrownByName() {
    failure = new TransientException("database unreachable", null);

    assertThatThrownBy(() -> invoke("{}")).isSameAs(failure);
    assertThat(calls)
        .containsExactly(
            "checked", "score 2024-01-15 manual", "failed score dev.nbaml.core.TransientException");
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
  }

  @Test
  void aRunWhoseEveryGameIsRejectedPublishesItsSummaryAndFails() {
    RunRequest request = new RunRequest("r", LocalDate.of(2024, 1, 15), "manual");
    failure =
        new AllGamesRejectedException(
            RunSummary.of(request, RunSummary.Status.FAILED)
                .rejected(
                    List.of(
                        new Rejection(
                            new GameKey("Utah Jazz", "Utah Jazz", request.runDate()),
                            Rejection.Reason.SAME_TEAM,
                            "Utah Jazz cannot play itself")))
                .build());

    assertThatThrownBy(() -> invoke("{}")).isSameAs(failure);
    assertThat(calls).containsExactly("checked", "score 2024-01-15 manual", "metrics score FAILED");
  }

  @Test
  void aBadEventReachesNoService() {
    assertThatThrownBy(() -> invoke("{\"action\": \"train\"}"))
        .isInstanceOf(InvalidEventException.class);
    assertThat(calls)
        .as("counted, and nothing else")
        .containsExactly("failed event dev.nbaml.lambda.InvalidEventException");
  }

  @Test
  void eachKindNamesItselfAndWhatItsLogLinesCarry() {
    EventParser parser = new EventParser(CLOCK, ZoneId.of("America/New_York"));
    Invocation<?> score =
        parser.parse("{\"run_date\": \"2024-01-20\"}".getBytes(StandardCharsets.UTF_8), "r");
    Invocation<?> backfill =
        parser.parse(
            "{\"backfill\": {\"from\": \"2023-01-01\", \"to\": \"2023-01-31\"}}"
                .getBytes(StandardCharsets.UTF_8),
            "r");

    assertThat(score.kind()).isEqualTo("score");
    assertThat(score.logContext())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("run_date", "2024-01-20", "trigger", "step-functions"));
    assertThat(backfill.kind()).isEqualTo("backfill");
    assertThat(backfill.logContext())
        .containsEntry("backfill_from", "2023-01-01")
        .containsEntry("backfill_to", "2023-01-31");
  }

  @Test
  void theSnapStartHooksPrimeAndForgetThroughTheEnvironment() {
    handler.priming().beforeCheckpoint(null);
    handler.priming().afterRestore(null);
    handler.close();

    assertThat(calls).containsExactly("primed", "forgot", "forgot", "closed");
  }
}
