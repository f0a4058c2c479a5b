package dev.nbaml.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nbaml.core.RunRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventParserTest {
  /** 02:30 UTC on 16 January is still 15 January in New York. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-16T02:30:00Z"), ZoneOffset.UTC);

  final EventParser parser = new EventParser(CLOCK, ZoneId.of("America/New_York"));

  RunRequest parse(String json) {
    return ((Invocation.Score) parser.parse(json.getBytes(StandardCharsets.UTF_8), "id-1"))
        .request();
  }

  RunRequest parseFile(String name) throws IOException {
    return ((Invocation.Score) parser.parse(Files.readAllBytes(Path.of("events", name)), "id-1"))
        .request();
  }

  @Test
  void migrationAndBackfillEventsAreRecognisedFromTheSameParse() {
    assertThat(parser.parse("{\"action\": \"migrate\"}".getBytes(StandardCharsets.UTF_8), "id"))
        .isEqualTo(new Invocation.Migrate(false));
    assertThat(
            parser.parse(
                "{\"action\": \"migrate\", \"keep_newest_duplicates\": true}"
                    .getBytes(StandardCharsets.UTF_8),
                "id"))
        .isEqualTo(new Invocation.Migrate(true));
    assertThat(parser.parse("{\"action\": \"retrain\"}".getBytes(StandardCharsets.UTF_8), "id"))
        .isEqualTo(new Invocation.Retrain("id"));
    assertThat(
            parser.parse(
                "{\"backfill\": {\"from\": \"2023-01-01\", \"to\": \"2023-01-31\"}}"
                    .getBytes(StandardCharsets.UTF_8),
                "id"))
        .isEqualTo(
            new Invocation.Backfill(
                new dev.nbaml.core.BackfillRequest(
                    "id", LocalDate.of(2023, 1, 1), LocalDate.of(2023, 1, 31), "backfill")));
  }

  @Test
  void theEventFilesGiveTheirRunDates() throws IOException {
    assertThat(parseFile("scheduled.json"))
        .isEqualTo(new RunRequest("id-1", LocalDate.of(2024, 1, 15), "schedule"));
    assertThat(parseFile("step-functions.json"))
        .isEqualTo(new RunRequest("id-1", LocalDate.of(2024, 1, 15), "step-functions"));
    assertThat(parseFile("empty.json"))
        .isEqualTo(new RunRequest("id-1", LocalDate.of(2024, 1, 15), "manual"));
  }

  @Test
  void aScheduledEventUsesTheDateOfItsTimeInTheZoneNotUtc() {
    RunRequest r =
        parse("{\"detail-type\": \"Scheduled Event\", \"time\": \"2024-03-02T03:00:00Z\"}");
    assertThat(r.runDate()).isEqualTo(LocalDate.of(2024, 3, 1));
  }

  @Test
  void anInputWithoutRunDateOrAnEmptyBodyMeansTodayInTheZone() {
    assertThat(parse("{\"foo\": 1}").runDate()).isEqualTo(LocalDate.of(2024, 1, 15));
    assertThat(parse("{\"run_date\": null}").runDate()).isEqualTo(LocalDate.of(2024, 1, 15));
    assertThat(parse("  ").runDate()).isEqualTo(LocalDate.of(2024, 1, 15));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "not json                                             | The event is not JSON",
        "[1, 2]                                               | The event must be a JSON object, was ARRAY",
        "\"2024-01-15\"                                       | The event must be a JSON object, was STRING",
        "{\"run_date\": 20240115}                             | 'run_date' must be a date string YYYY-MM-DD, was a number",
        "{\"run_date\": \"2024-02-30\"}                       | 'run_date' must be a real date YYYY-MM-DD, was \"2024-02-30\"",
        "{\"run_date\": \"15/01/2024\"}                       | 'run_date' must be a real date YYYY-MM-DD",
        "{\"detail-type\": \"Scheduled Event\"}               | Scheduled event: 'time' is missing or not a string",
        "{\"detail-type\": \"Scheduled Event\", \"time\": \"yesterday\"} | Scheduled event: 'time' must be an ISO-8601 instant",
        "{\"action\": \"MIGRATE\"}                           | Unknown action \"MIGRATE\": the actions are \"migrate\" or \"retrain\" (actions are lower case)",
        "{\"action\": \"Retrain\"}                           | Unknown action \"Retrain\": the actions are \"migrate\" or \"retrain\" (actions are lower case)",
        "{\"action\": \"retrain \"}                          | Unknown action \"retrain \"",
        "{\"action\": \"retrain\", \"keep_newest_duplicates\": true} | 'keep_newest_duplicates' belongs to {\"action\": \"migrate\"} only",
        "{\"action\": \"retrain\", \"run_date\": \"2024-01-15\"} | The event asks for more than one thing ('action' and 'run_date')",
        "{\"action\": \"Migrate\"}                           | Unknown action \"Migrate\"",
        "{\"action\": \"score\"}                             | Unknown action \"score\": the actions are \"migrate\" or \"retrain\"",
        "{\"action\": \"\"}                                  | Unknown action \"\"",
        "{\"action\": 1}                                     | 'action' must be the string \"migrate\" or \"retrain\", was a number",
        "{\"action\": null}                                  | 'action' must be the string \"migrate\" or \"retrain\", was a null",
        "{\"action\": [\"migrate\"]}                         | 'action' must be the string \"migrate\" or \"retrain\", was an array",
        "{\"action\": \"migrate\", \"run_date\": \"2024-01-15\"} | The event asks for more than one thing ('action' and 'run_date'); send one of them",
        "{\"backfill\": {\"from\": \"2023-01-01\", \"to\": \"2023-01-31\"}, \"action\": \"migrate\"} | more than one thing ('action' and 'backfill')",
        "{\"detail-type\": \"Scheduled Event\", \"time\": \"2024-01-15T16:00:00Z\", \"run_date\": \"2024-01-14\"} | more than one thing ('run_date' and a scheduled event)",
        "{\"backfill\": {\"from\": \"2023-01-01\", \"to\": \"2023-01-31\", \"dry_run\": true}} | 'backfill' has an unknown key \"dry_run\"; it takes only 'from' and 'to'",
        "{\"backfill\": [\"2023-01-01\", \"2023-01-31\"]}     | 'backfill' must be an object with 'from' and 'to' dates",
        "{\"run_date\": \"2024-01-15\", \"run_date\": \"2024-01-16\"} | The event has the key \"run_date\" twice (line 1, column",
        "{\"dbt\": {\"a\": 1, \"a\": 2}}                      | The event has the key \"a\" twice",
        "{\"run_date\": \"2024-01-15\"} {\"run_date\": \"2024-01-16\"} | The event has more after its JSON object",
        "{\"run_date\": \"2024-01-15\"                        | The event is not JSON",
        "null                                                 | The event must be a JSON object, was NULL",
        "42                                                   | The event must be a JSON object, was NUMBER",
        "{\"Action\": \"migrate\"}                           | Unknown key \"Action\": did you mean 'action'?",
        "{\"Run_Date\": \"2024-01-15\"}                      | Unknown key \"Run_Date\": did you mean 'run_date'?",
        "{\"rundate\": \"2024-01-15\"}                       | Unknown key \"rundate\": did you mean 'run_date'?",
        "{\"run-date\": \"2024-01-15\"}                      | Unknown key \"run-date\": did you mean 'run_date'?",
        "{\"Backfill\": {\"from\": \"2023-01-01\", \"to\": \"2023-01-31\"}} | did you mean 'backfill'?",
        "{\"detail_type\": \"Scheduled Event\", \"time\": \"2024-01-15T16:00:00Z\"} | did you mean 'detail-type'?",
        "{\"detail-type\": \"scheduled event\", \"time\": \"2024-01-15T16:00:00Z\"} | An EventBridge event of detail-type \"scheduled event\": only \"Scheduled Event\" events are handled",
        "{\"detail-type\": \"Object Created\", \"source\": \"aws.s3\"} | only \"Scheduled Event\" events are handled",
        "{\"run_date\": \"2024-01-15\", \"keep_newest_duplicates\": true} | 'keep_newest_duplicates' belongs to {\"action\": \"migrate\"} only",
        "\uFEFF{\"run_date\": \"2024-01-15\"}                | The event starts with a byte-order mark",
      })
  void aMalformedEventIsRefusedNamingTheField(String event, String message) {
    assertThatThrownBy(() -> parse(event))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining(message);
  }

  @Test
  void theEventFilesAndTheirRequestsAreAllAccepted() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("events"))) {
      List<Path> all = files.sorted().toList();
      assertThat(all)
          .extracting(p -> p.getFileName().toString())
          .contains(
              "backfill.json",
              "empty.json",
              "migrate.json",
              "retrain.json",
              "scheduled.json",
              "step-functions.json");
      for (Path file : all) {
        assertThat(parser.parse(Files.readAllBytes(file), "id")).as(file.toString()).isNotNull();
      }
    }
    assertThat(parser.parse(Files.readAllBytes(Path.of("events", "migrate.json")), "id"))
        .isInstanceOf(Invocation.Migrate.class);
    assertThat(parser.parse(Files.readAllBytes(Path.of("events", "backfill.json")), "id"))
        .isInstanceOf(Invocation.Backfill.class);
    assertThat(parser.parse(Files.readAllBytes(Path.of("events", "retrain.json")), "id"))
        .isEqualTo(new Invocation.Retrain("id"));
  }

  @Test
  void aRealScheduledEventWithAllItsKeysAndAStepFunctionsInputWithExtraKeysStayAccepted() {
    String eventBridge =
        """
        {"version": "0", "id": "89d1a02d-5ec7-412e-82f5-13505f849b41", "detail-type": "Scheduled Event",
         "source": "aws.events", "account": "123456789012", "time": "2024-01-15T17:00:00Z",
         "region": "us-east-1", "resources": ["arn:aws:events:us-east-1:123456789012:rule/nba-ml-daily"],
         "detail": {}}""";
    assertThat(parse(eventBridge))
        .isEqualTo(new RunRequest("id-1", LocalDate.of(2024, 1, 15), "schedule"));
    String stepFunctions =
        """
        {"run_date": "2024-01-14", "execution": {"name": "nightly", "start": "2024-01-15T06:00:00Z"},
         "dbt": {"Containers": [{"ExitCode": 0, "NetworkInterfaces": [{"PrivateIpv4Address": "10.0.0.1"}]}]},
         "Action": "MIGRATE", "ACTION": 1, "backfill_note": null, "detail-type": "Manual"}""";
    assertThat(parse(stepFunctions))
        .isEqualTo(new RunRequest("id-1", LocalDate.of(2024, 1, 14), "step-functions"));
  }

  @Test
  void nestingOfAThousandLevelsOrMoreIsRefusedNamingTheLimit() {
    for (int depth : new int[] {EventParser.MAX_DEPTH + 1, 1_000, 20_000}) {
      String deep =
          "{\"run_date\": \"2024-01-15\", \"x\": " + "[".repeat(depth) + "]".repeat(depth) + "}";
      String deepObjects = "{\"a\": ".repeat(depth) + "1" + "}".repeat(depth);
      for (String event : List.of(deep, deepObjects)) {
        assertThatThrownBy(() -> parse(event))
            .as("depth " + depth)
            .isInstanceOf(InvalidEventException.class)
            .hasMessage("The event is nested more than " + EventParser.MAX_DEPTH + " levels deep");
      }
    }
    String justDeepEnough =
        "{\"x\": "
            + "[".repeat(EventParser.MAX_DEPTH - 1)
            + "]".repeat(EventParser.MAX_DEPTH - 1)
            + "}";
    assertThat(parse(justDeepEnough).runDate()).isEqualTo(LocalDate.of(2024, 1, 15));
  }

  @Test
  void anEventAtTheSizeLimitIsAcceptedAndOneByteMoreIsRefused() {
    String head = "{\"run_date\": \"2024-01-15\", \"pad\": \"";
    String atLimit = head + "x".repeat(EventParser.MAX_EVENT_BYTES - head.length() - 2) + "\"}";
    assertThat(atLimit.getBytes(StandardCharsets.UTF_8)).hasSize(EventParser.MAX_EVENT_BYTES);
    assertThat(parse(atLimit).runDate()).isEqualTo(LocalDate.of(2024, 1, 15));

    String over = head + "x".repeat(EventParser.MAX_EVENT_BYTES - head.length() - 1) + "\"}";
    assertThatThrownBy(() -> parse(over))
        .isInstanceOf(InvalidEventException.class)
        .hasMessage(
            "The event is larger than 262144 bytes (256 KiB, the payload limit of Step Functions and EventBridge)");
  }

  @Test
  void readingAnEndlessEventStopsOneByteAfterTheLimit() {
    long[] served = {0};
    java.io.InputStream endless =
        new java.io.InputStream() {
          @Override
          public int read() {
            served[0]++;
            return ' ';
          }

          @Override
          public int read(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, (byte) ' ');
            served[0] += len;
            return len;
          }
        };
    assertThatThrownBy(() -> EventParser.read(endless))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageStartingWith("The event is larger than 262144 bytes");
    assertThat(served[0]).isEqualTo(EventParser.MAX_EVENT_BYTES + 1L);
  }

  @Test
  void readingAnEventWithinTheLimitReturnsItWhole() throws IOException {
    byte[] event = "{\"run_date\": \"2024-01-15\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(EventParser.read(new java.io.ByteArrayInputStream(event))).isEqualTo(event);
  }
}
