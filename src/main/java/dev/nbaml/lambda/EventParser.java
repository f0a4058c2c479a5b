package dev.nbaml.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.nbaml.core.RunRequest;
import dev.nbaml.util.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * Turns an invocation event into a {@link RunRequest}. Accepted:
 *
 * <ul>
 *   <li>an EventBridge scheduled event ({@code "detail-type": "Scheduled Event"}): the run date is the
 *       date of its {@code time} in the configured zone, so a retried event scores the same day;
 *   <li>a Step Functions input with {@code "run_date": "YYYY-MM-DD"} (other keys are ignored);
 *   <li>{@code {}} or an input without {@code run_date}: today in the configured zone.
 * </ul>
 */
public final class EventParser {
  private final Clock clock;
  private final ZoneId zone;

  public EventParser(Clock clock, ZoneId zone) {
    this.clock = clock;
    this.zone = zone;
  }

  /** {@code {"backfill": {"from": "YYYY-MM-DD", "to": "YYYY-MM-DD"}}}. */
  private static dev.nbaml.core.BackfillRequest backfill(JsonNode range, String runId) {
    if (!range.isObject()) {
      throw new InvalidEventException("'backfill' must be an object with 'from' and 'to' dates");
    }
    LocalDate from = date(range.path("from"), "backfill.from");
    LocalDate to = date(range.path("to"), "backfill.to");
    try {
      return new dev.nbaml.core.BackfillRequest(runId, from, to, "backfill");
    } catch (IllegalArgumentException e) {
      throw new InvalidEventException(e.getMessage());
    }
  }

  private static LocalDate date(JsonNode node, String field) {
    if (!node.isTextual()) {
      throw new InvalidEventException("'" + field + "' must be a date string YYYY-MM-DD");
    }
    try {
      return LocalDate.parse(node.asText());
    } catch (DateTimeParseException e) {
      throw new InvalidEventException("'" + field + "' must be a real date YYYY-MM-DD, was " + quote(node.asText()));
    }
  }

  /**
   * Parses an event, once, into what it asks for.
   *
   * @throws InvalidEventException naming the field that is wrong
   */
  Invocation parse(byte[] event, String runId) {
    String text = new String(event, StandardCharsets.UTF_8).strip();
    if (text.isEmpty()) {
      text = "{}";
    }
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InvalidEventException(
          "The event is not JSON (line " + e.getLocation().getLineNr() + ", column "
              + e.getLocation().getColumnNr() + ")");
    }
    if (root == null || !root.isObject()) {
      throw new InvalidEventException("The event must be a JSON object, was " + (root == null ? "empty" : root.getNodeType()));
    }
    if ("migrate".equals(root.path("action").asText(null))) {
      JsonNode keep = root.path("keep_newest_duplicates");
      if (!keep.isMissingNode() && !keep.isBoolean()) {
        throw new InvalidEventException("'keep_newest_duplicates' must be true or false, was " + keep);
      }
      return new Invocation.Migrate(keep.asBoolean(false));
    }
    if (root.has("backfill")) {
      return new Invocation.Backfill(backfill(root.get("backfill"), runId));
    }
    return new Invocation.Score(score(root, runId));
  }

  private RunRequest score(JsonNode root, String runId) {
    if ("Scheduled Event".equals(root.path("detail-type").asText(null))) {
      JsonNode time = root.path("time");
      if (!time.isTextual()) {
        throw new InvalidEventException("Scheduled event: 'time' is missing or not a string");
      }
      try {
        return new RunRequest(runId, LocalDate.ofInstant(Instant.parse(time.asText()), zone), "schedule");
      } catch (DateTimeParseException e) {
        throw new InvalidEventException(
            "Scheduled event: 'time' must be an ISO-8601 instant such as 2024-01-15T16:00:00Z, was "
                + quote(time.asText()));
      }
    }
    JsonNode runDate = root.path("run_date");
    String trigger = root.isEmpty() ? "manual" : "step-functions";
    if (runDate.isMissingNode() || runDate.isNull()) {
      return new RunRequest(runId, LocalDate.now(clock.withZone(zone)), trigger);
    }
    if (!runDate.isTextual()) {
      throw new InvalidEventException(
          "'run_date' must be a date string YYYY-MM-DD, was a " + runDate.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
    }
    try {
      return new RunRequest(runId, LocalDate.parse(runDate.asText()), trigger);
    } catch (DateTimeParseException e) {
      throw new InvalidEventException(
          "'run_date' must be a real date YYYY-MM-DD, was " + quote(runDate.asText()));
    }
  }

  private static String quote(String value) {
    String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
    return "\"" + shown + "\"";
  }
}
