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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventParserTest {
  /** 02:30 UTC on 16 January is still 15 January in New York. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-16T02:30:00Z"), ZoneOffset.UTC);
  final EventParser parser = new EventParser(CLOCK, ZoneId.of("America/New_York"));

  RunRequest parse(String json) {
    return ((Invocation.Score) parser.parse(json.getBytes(StandardCharsets.UTF_8), "id-1")).request();
  }

  RunRequest parseFile(String name) throws IOException {
    return ((Invocation.Score) parser.parse(Files.readAllBytes(Path.of("events", name)), "id-1")).request();
  }

  @Test
  void migrationAndBackfillEventsAreRecognisedFromTheSameParse() {
    assertThat(parser.parse("{\"action\": \"migrate\"}".getBytes(StandardCharsets.UTF_8), "id"))
        .isEqualTo(new Invocation.Migrate(false));
    assertThat(parser.parse("{\"action\": \"migrate\", \"keep_newest_duplicates\": true}".getBytes(StandardCharsets.UTF_8), "id"))
        .isEqualTo(new Invocation.Migrate(true));
    assertThat(parser.parse("{\"backfill\": {\"from\": \"2023-01-01\", \"to\": \"2023-01-31\"}}"
        .getBytes(StandardCharsets.UTF_8), "id"))
        .isEqualTo(new Invocation.Backfill(new dev.nbaml.core.BackfillRequest("id", LocalDate.of(2023, 1, 1), LocalDate.of(2023, 1, 31), "backfill")));
  }

  @Test
  void theEventFilesGiveTheirRunDates() throws IOException {
    assertThat(parseFile("scheduled.json")).isEqualTo(new RunRequest("id-1", LocalDate.of(2024, 1, 15), "schedule"));
    assertThat(parseFile("step-functions.json")).isEqualTo(new RunRequest("id-1", LocalDate.of(2024, 1, 15), "step-functions"));
    assertThat(parseFile("empty.json")).isEqualTo(new RunRequest("id-1", LocalDate.of(2024, 1, 15), "manual"));
  }

  @Test
  void aScheduledEventUsesTheDateOfItsTimeInTheZoneNotUtc() {
    RunRequest r = parse("{\"detail-type\": \"Scheduled Event\", \"time\": \"2024-03-02T03:00:00Z\"}");
    assertThat(r.runDate()).isEqualTo(LocalDate.of(2024, 3, 1));
  }

  @Test
  void anInputWithoutRunDateOrAnEmptyBodyMeansTodayInTheZone() {
    assertThat(parse("{\"foo\": 1}").runDate()).isEqualTo(LocalDate.of(2024, 1, 15));
    assertThat(parse("{\"run_date\": null}").runDate()).isEqualTo(LocalDate.of(2024, 1, 15));
    assertThat(parse("  ").runDate()).isEqualTo(LocalDate.of(2024, 1, 15));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "not json                                             | The event is not JSON",
    "[1, 2]                                               | The event must be a JSON object, was ARRAY",
    "\"2024-01-15\"                                       | The event must be a JSON object, was STRING",
    "{\"run_date\": 20240115}                             | 'run_date' must be a date string YYYY-MM-DD, was a number",
    "{\"run_date\": \"2024-02-30\"}                       | 'run_date' must be a real date YYYY-MM-DD, was \"2024-02-30\"",
    "{\"run_date\": \"15/01/2024\"}                       | 'run_date' must be a real date YYYY-MM-DD",
    "{\"detail-type\": \"Scheduled Event\"}               | Scheduled event: 'time' is missing or not a string",
    "{\"detail-type\": \"Scheduled Event\", \"time\": \"yesterday\"} | Scheduled event: 'time' must be an ISO-8601 instant",
  })
  void aMalformedEventIsRefusedNamingTheField(String event, String message) {
    assertThatThrownBy(() -> parse(event))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining(message);
  }
}
