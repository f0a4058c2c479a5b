package dev.nbaml.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nbaml.testing.PipelineFixture;
import dev.nbaml.testing.TestGames;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Events the function does not understand, through the real handler (PostgreSQL and the S3 +
 * Secrets Manager emulator behind it): refused by name, and nothing is scored or written for today.
 */
class InvalidEventsIT {
  private static final LocalDate TODAY = LocalDate.of(2024, 1, 15);

  /** 2024-01-15 17:00 in New York. */
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2024-01-15T22:00:00Z"), ZoneOffset.UTC);

  private PipelineFixture pipeline;
  private ScoringHandler function;

  @BeforeEach
  void setUp() {
    pipeline = new PipelineFixture().migrate().publishModel(PipelineFixture.LEGACY_MODEL);
    function = ScoringHandler.create(pipeline.env(), CLOCK);
    pipeline.insertGames(TestGames.slate(21, TODAY, 3));
  }

  @AfterEach
  void tearDown() {
    function.close();
    pipeline.close();
  }

  @Test
  void anUnknownOrWrongCaseActionIsRefusedAndScoresNothingForToday() {
    for (String event :
        new String[] {
          "{\"action\": \"MIGRATE\"}",
          "{\"action\": \"rescore\"}",
          "{\"run_date\": \"2024-01-15\", \"run_date\": \"2024-01-15\"}"
        }) {
      assertThatThrownBy(() -> dev.nbaml.testing.Invoke.handler(function, event))
          .as(event)
          .isExactlyInstanceOf(InvalidEventException.class);
    }
    assertThat(InvalidEventException.class.getName())
        .isEqualTo("dev.nbaml.lambda.InvalidEventException");
    assertThat(pipeline.predictions()).isEmpty();
  }

  @Test
  void anEndlessEventIsRefusedAfterReadingOneByteMoreThanTheLimit() {
    long[] served = {0};
    InputStream endless =
        new InputStream() {
          @Override
          public int read() {
            served[0]++;
            return ' ';
          }

          @Override
          public int read(byte[] b, int off, int len) {
            Arrays.fill(b, off, off + len, (byte) ' ');
            served[0] += len;
            return len;
          }
        };

    assertThatThrownBy(() -> function.handleRequest(endless, new ByteArrayOutputStream(), null))
        .isExactlyInstanceOf(InvalidEventException.class)
        .hasMessageStartingWith(
            "The event is larger than " + EventParser.MAX_EVENT_BYTES + " bytes");
    assertThat(served[0]).isEqualTo(EventParser.MAX_EVENT_BYTES + 1L);
    assertThat(pipeline.predictions()).isEmpty();
  }

  @Test
  void theScheduledEventWithAllItsKeysStillScoresToday() throws Exception {
    String event =
        java.nio.file.Files.readString(java.nio.file.Path.of("events", "scheduled.json"));
    assertThat(dev.nbaml.testing.Invoke.handler(function, event).get("games_scored").asInt())
        .isEqualTo(3);
  }
}
