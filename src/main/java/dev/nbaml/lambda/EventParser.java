package dev.nbaml.lambda;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nbaml.core.BackfillRequest;
import dev.nbaml.core.RunRequest;
import dev.nbaml.util.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns an invocation event into what it asks for, strictly: an event the function does not
 * understand is an {@link InvalidEventException} naming the problem, never a run for today.
 * Accepted:
 *
 * <ul>
 *   <li>an EventBridge scheduled event ({@code "detail-type": "Scheduled Event"}, with all its
 *       other keys): the run date is the date of its {@code time} in the configured zone, so a
 *       retried event scores the same day;
 *   <li>a Step Functions input with {@code "run_date": "YYYY-MM-DD"}; any other key is the
 *       pipeline's and is ignored, except the function's own keys {@code action} and {@code
 *       backfill};
 *   <li>{@code {}}, an empty body or an input without {@code run_date}: today in the configured
 *       zone;
 *   <li>{@code {"action": "migrate"}} and {@code {"action": "retrain"}} (exactly those strings,
 *       lower case) and {@code {"backfill": {"from": "YYYY-MM-DD", "to": "YYYY-MM-DD"}}} (no other
 *       key in it).
 * </ul>
 *
 * <p>Refused: more than {@value #MAX_EVENT_BYTES} bytes, nesting deeper than {@value #MAX_DEPTH}, a
 * key given twice, anything after the JSON value, a value that is not an object, an unknown or
 * wrongly typed {@code action}, and an event asking for two things at once (say {@code action} and
 * {@code run_date}).
 */
public final class EventParser {
  /**
   * The largest event read: 256 KiB, the payload limit of Step Functions (a state's input) and of
   * an EventBridge event, the two senders. Lambda itself would pass up to 6 MB.
   */
  public static final int MAX_EVENT_BYTES = 256 * 1024;

  /**
   * The deepest nesting accepted. A scheduled event is 2 levels deep, a Step Functions input with
   * an ECS task's result about 6; 64 leaves room for any pipeline state and stops a hostile one
   * early.
   */
  public static final int MAX_DEPTH = 64;

  /** The actions; matched exactly (see the README's event table). */
  static final String MIGRATE = "migrate";

  static final String RETRAIN = "retrain";

  private static final String ACTIONS = "\"" + MIGRATE + "\" or \"" + RETRAIN + "\"";

  private static final Set<String> BACKFILL_KEYS = Set.of("from", "to");

  private static final ObjectMapper EVENTS =
      Json.untrusted(
          StreamReadConstraints.builder()
              .maxDocumentLength(MAX_EVENT_BYTES)
              .maxStringLength(MAX_EVENT_BYTES)
              .maxNameLength(MAX_EVENT_BYTES)
              .maxNestingDepth(MAX_DEPTH)
              .build());

  private final Clock clock;
  private final ZoneId zone;

  public EventParser(Clock clock, ZoneId zone) {
    this.clock = clock;
    this.zone = zone;
  }

  /**
   * Reads an event from the stream, at most {@value #MAX_EVENT_BYTES} bytes of it: a larger event
   * is refused after reading one byte more, never read whole.
   *
   * @throws InvalidEventException when the event is larger than the limit
   */
  public static byte[] read(InputStream input) throws IOException {
    byte[] event = input.readNBytes(MAX_EVENT_BYTES + 1);
    if (event.length > MAX_EVENT_BYTES) {
      throw tooLarge();
    }
    return event;
  }

  private static InvalidEventException tooLarge() {
    return new InvalidEventException(
        "The event is larger than "
            + MAX_EVENT_BYTES
            + " bytes (256 KiB, the payload limit of Step Functions and EventBridge)");
  }

  /** {@code {"backfill": {"from": "YYYY-MM-DD", "to": "YYYY-MM-DD"}}}. */
  private static BackfillRequest backfill(JsonNode range, String runId) {
    if (!range.isObject()) {
      throw new InvalidEventException("'backfill' must be an object with 'from' and 'to' dates");
    }
    for (Iterator<String> names = range.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!BACKFILL_KEYS.contains(name)) {
        throw new InvalidEventException(
            "'backfill' has an unknown key " + quote(name) + "; it takes only 'from' and 'to'");
      }
    }
    LocalDate from = date(range.path("from"), "backfill.from");
    LocalDate to = date(range.path("to"), "backfill.to");
    try {
      return new BackfillRequest(runId, from, to, "backfill");
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
      throw new InvalidEventException(
          "'" + field + "' must be a real date YYYY-MM-DD, was " + quote(node.asText()));
    }
  }

  /**
   * Parses an event, once, into what it asks for.
   *
   * @throws InvalidEventException naming what is wrong
   */
  Invocation<?> parse(byte[] event, String runId) {
    if (event.length > MAX_EVENT_BYTES) {
      throw tooLarge();
    }
    String text = new String(event, StandardCharsets.UTF_8).strip();
    if (text.startsWith("\uFEFF")) {
      throw new InvalidEventException(
          "The event starts with a byte-order mark (U+FEFF): send plain UTF-8 JSON");
    }
    if (text.indexOf('\u0000') >= 0) {
      throw new InvalidEventException(
          "The event holds NUL bytes (UTF-16 or binary?): send UTF-8 JSON");
    }
    if (text.isEmpty()) {
      text = "{}";
    }
    JsonNode root;
    try {
      root = EVENTS.readTree(text);
    } catch (JsonProcessingException e) {
      throw notReadable(e);
    }
    if (root == null || !root.isObject()) {
      throw new InvalidEventException(
          "The event must be a JSON object, was " + (root == null ? "empty" : root.getNodeType()));
    }
    List<String> asks = new ArrayList<>();
    for (String key : List.of("action", "backfill", "run_date")) {
      if (root.has(key) && !(key.equals("run_date") && root.get(key).isNull())) {
        asks.add("'" + key + "'");
      }
    }
    if (isScheduledEvent(root)) {
      asks.add("a scheduled event");
    }
    if (asks.size() > 1) {
      throw new InvalidEventException(
          "The event asks for more than one thing ("
              + String.join(" and ", asks)
              + "); send one of them");
    }
    if (asks.isEmpty()) {
      refuseLookAlikes(root); // it would become a run for today
    }
    if (root.has("keep_newest_duplicates") && !MIGRATE.equals(root.path("action").asText(null))) {
      throw new InvalidEventException(
          "'keep_newest_duplicates' belongs to {\"action\": \"" + MIGRATE + "\"} only");
    }
    if (root.has("action")) {
      return action(root.get("action"), root.path("keep_newest_duplicates"), runId);
    }
    if (root.has("backfill")) {
      return new Invocation.Backfill(backfill(root.get("backfill"), runId));
    }
    return new Invocation.Score(score(root, runId));
  }

  private static Invocation<?> action(JsonNode action, JsonNode keepNewest, String runId) {
    if (!action.isTextual()) {
      throw new InvalidEventException(
          "'action' must be the string " + ACTIONS + ", was " + type(action));
    }
    if (action.asText().equals(RETRAIN)) {
      return new Invocation.Retrain(runId);
    }
    if (action.asText().equals(MIGRATE)) {
      if (!keepNewest.isMissingNode() && !keepNewest.isBoolean()) {
        throw new InvalidEventException(
            "'keep_newest_duplicates' must be true or false, was " + type(keepNewest));
      }
      return new Invocation.Migrate(keepNewest.asBoolean(false));
    }
    String hint =
        action.asText().equalsIgnoreCase(MIGRATE) || action.asText().equalsIgnoreCase(RETRAIN)
            ? " (actions are lower case)"
            : "";
    throw new InvalidEventException(
        "Unknown action " + quote(action.asText()) + ": the actions are " + ACTIONS + hint);
  }

  private static boolean isScheduledEvent(JsonNode root) {
    return SCHEDULED_EVENT.equals(root.path("detail-type").asText(null));
  }

  /** The detail type of an EventBridge scheduled event, matched exactly. */
  static final String SCHEDULED_EVENT = "Scheduled Event";

  /** The function's own top-level keys, by their spelling folded (lower case, no '_' or '-'). */
  private static final Map<String, String> OWN_KEYS =
      Map.of(
          "action",
          "action",
          "backfill",
          "backfill",
          "rundate",
          "run_date",
          "detailtype",
          "detail-type",
          "keepnewestduplicates",
          "keep_newest_duplicates");

  /**
   * For an event that asks for nothing the function knows (it would be a run for today): refuses
   * keys that are one of the function's own but for case or separators ({@code Action}, {@code
   * Run_Date}, {@code rundate}), which would turn a migration or a chosen date into a run for
   * today, and an EventBridge event that is not a scheduled one. Beside a request the function
   * understands, such keys are the pipeline's and are ignored.
   */
  private static void refuseLookAlikes(JsonNode root) {
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      String own = OWN_KEYS.get(name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", ""));
      if (own != null && !own.equals(name)) {
        throw new InvalidEventException(
            "Unknown key "
                + quote(name)
                + ": did you mean '"
                + own
                + "'?"
                + " (the function's keys are matched exactly)");
      }
    }
    JsonNode detailType = root.get("detail-type");
    if (detailType != null && !SCHEDULED_EVENT.equals(detailType.asText(null))) {
      throw new InvalidEventException(
          "An EventBridge event of detail-type "
              + (detailType.isTextual() ? quote(detailType.asText()) : type(detailType))
              + ": only \""
              + SCHEDULED_EVENT
              + "\" events are handled");
    }
  }

  /** What Jackson refused, said without echoing the event. */
  private static InvalidEventException notReadable(JsonProcessingException e) {
    String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    if (e instanceof StreamConstraintsException) {
      if (original.contains("nesting depth")) {
        return new InvalidEventException(
            "The event is nested more than " + MAX_DEPTH + " levels deep");
      }
      if (original.contains("String value length") || original.contains("Name length")) {
        return new InvalidEventException(
            "The event holds a string or key longer than " + MAX_EVENT_BYTES + " characters");
      }
      if (original.contains("Document length")) {
        return tooLarge();
      }
      return new InvalidEventException(
          "The event exceeds a limit of the parser" + at(e.getLocation()));
    }
    if (original.startsWith("Duplicate field ")) {
      String name = original.substring("Duplicate field ".length());
      return new InvalidEventException(
          "The event has the key " + quote(name.replace("'", "")) + " twice" + at(e.getLocation()));
    }
    if (original.startsWith("Trailing token")) {
      return new InvalidEventException(
          "The event has more after its JSON object" + at(e.getLocation()));
    }
    return new InvalidEventException("The event is not JSON" + at(e.getLocation()));
  }

  private static String at(JsonLocation location) {
    return location == null || location.getLineNr() < 1
        ? ""
        : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  private static String type(JsonNode node) {
    String name = node.getNodeType().toString().toLowerCase(Locale.ROOT);
    return (name.startsWith("a") || name.startsWith("o") ? "an " : "a ") + name;
  }

  private RunRequest score(JsonNode root, String runId) {
    if (isScheduledEvent(root)) {
      JsonNode time = root.path("time");
      if (!time.isTextual()) {
        throw new InvalidEventException("Scheduled event: 'time' is missing or not a string");
      }
      try {
        return new RunRequest(
            runId, LocalDate.ofInstant(Instant.parse(time.asText()), zone), "schedule");
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
          "'run_date' must be a date string YYYY-MM-DD, was " + type(runDate));
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
