package dev.nbaml.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nbaml.lambda.ScoringHandler;
import dev.nbaml.testing.AdversarialRows;
import dev.nbaml.testing.AdversarialRows.Expect;
import dev.nbaml.testing.AdversarialRows.Kind;
import dev.nbaml.testing.AdversarialRows.Row;
import dev.nbaml.testing.Invoke;
import dev.nbaml.testing.PipelineFixture;
import dev.nbaml.util.Json;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A generated corpus of more than 1,000 rows (fixed seed), as dbt writes them and hostile, mixed
 * with valid rows, through the real path (Secrets Manager, S3, PostgreSQL) by a scoring run and by
 * a backfill: every valid row is written, every invalid one is counted and named with its reason,
 * the summary stays bounded, and no row fails a run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdversarialCorpusIT {
  static final LocalDate FIRST = LocalDate.of(2024, 1, 15);
  static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-15T22:00:00Z"), ZoneOffset.UTC);
  static final List<Row> CORPUS = AdversarialRows.generate(20240115L, FIRST, 1_200);

  PipelineFixture pipeline;

  @BeforeAll
  void createPipeline() {
    pipeline =
        new PipelineFixture().migrate().publishModel(Path.of("model-artifacts/nba-winner/1.1.0"));
  }

  @AfterAll
  void dropPipeline() {
    pipeline.close();
  }

  @BeforeEach
  void emptyTables() {
    pipeline
        .database()
        .execute(
            "TRUNCATE silver.ml_game_features, silver.ml_game_features_audit, gold.ml_game_predictions");
  }

  @Test
  void theCorpusCoversEveryClassWithValidRowsAmongThem() {
    assertThat(CORPUS).hasSizeGreaterThanOrEqualTo(1_000);
    assertThat(AdversarialRows.byKind(CORPUS).keySet()).containsExactlyInAnyOrder(Kind.values());
    assertThat(AdversarialRows.byKind(CORPUS).get(Kind.VALID)).isGreaterThan(200);
  }

  @Test
  void aScoringRunWritesEveryValidRowNamesEveryInvalidOneAndARerunChangesNothing()
      throws Exception {
    try (Connection c = pipeline.database().connect()) {
      AdversarialRows.insert(c, "silver.ml_game_features", CORPUS);
    }
    Map<String, String> env = new HashMap<>(pipeline.env());
    env.put("SUMMARY_MAX_GAMES", "100");
    JsonNode summary;
    try (ScoringHandler function = ScoringHandler.create(env, CLOCK)) {
      summary =
          Invoke.handler(function, "{\"run_date\": \"" + FIRST + "\", \"execution\": \"corpus\"}");
      List<Map<String, Object>> first = pipeline.predictions();
      JsonNode again = Invoke.handler(function, "{\"run_date\": \"" + FIRST + "\"}");
      assertThat(again.get("games_scored")).isEqualTo(summary.get("games_scored"));
      assertThat(pipeline.predictions())
          .as("a rerun changes nothing but modified_at")
          .hasSameSizeAs(first)
          .extracting(
              r ->
                  List.of(
                      r.get("home_team"), r.get("game_date"), r.get("home_team_predicted_win_pct")))
          .containsExactlyElementsOf(
              first.stream()
                  .map(
                      r ->
                          List.of(
                              r.get("home_team"),
                              r.get("game_date"),
                              r.get("home_team_predicted_win_pct")))
                  .toList());
    }

    assertThat(summary.get("status").asText()).isEqualTo("SCORED");
    long valid = CORPUS.stream().filter(r -> r.kind().expect == Expect.SCORED).count();
    assertThat(summary.get("games_scored").asLong()).isEqualTo(valid);
    assertThat(summary.get("games_rejected").asLong()).isEqualTo(CORPUS.size() - valid);
    assertThat(counts(summary.get("rejected_by_reason")))
        .isEqualTo(AdversarialRows.expectedRejections(CORPUS));
    assertThat(counts(summary.get("warned_by_reason"))).isEqualTo(expectedWarnings());
    assertListedAsExpected(summary);
    assertThat(Json.MAPPER.writeValueAsBytes(summary).length)
        .as("bytes of the summary")
        .isLessThan(256 * 1024);

    List<Map<String, Object>> written = pipeline.predictions();
    Set<List<Object>> writtenKeys = new HashSet<>();
    written.forEach(
        r ->
            writtenKeys.add(
                List.of(r.get("home_team"), ((java.sql.Date) r.get("game_date")).toLocalDate())));
    assertThat(written).hasSize((int) valid);
    for (Row row : CORPUS) {
      List<Object> key = List.of(row.homeTeam(), row.gameDate());
      assertThat(writtenKeys.contains(key))
          .as("%s %s on %s", row.kind(), row.homeTeam(), row.gameDate())
          .isEqualTo(row.kind().expect == Expect.SCORED);
    }
    assertThat(written)
        .allSatisfy(
            r -> assertThat((Double) r.get("home_team_predicted_win_pct")).isBetween(0.0, 1.0));
  }

  @Test
  void aBackfillOverTheSameRowsInTheHistoryTableCountsAndNamesTheBadOnesAndFinishes()
      throws Exception {
    try (Connection c = pipeline.database().connect()) {
      AdversarialRows.insert(c, "silver.ml_game_features_audit", CORPUS);
    }
    LocalDate last = CORPUS.get(CORPUS.size() - 1).gameDate();
    JsonNode summary;
    try (ScoringHandler function = ScoringHandler.create(pipeline.env(), CLOCK)) {
      summary =
          Invoke.handler(
              function, "{\"backfill\": {\"from\": \"" + FIRST + "\", \"to\": \"" + last + "\"}}");
    }
    // The history keeps several copies of a game and the backfill takes the latest one of each: the
    // two
    // copies of a doubled game are one game there, scored once.
    long copies = CORPUS.stream().filter(r -> r.kind() == Kind.DUPLICATE).count();
    long valid = CORPUS.stream().filter(r -> r.kind().expect == Expect.SCORED).count() + copies / 2;
    Map<String, Integer> rejections = new TreeMap<>(AdversarialRows.expectedRejections(CORPUS));
    rejections.remove("DUPLICATE_GAME");
    assertThat(summary.get("status").asText()).isEqualTo("BACKFILLED");
    assertThat(summary.get("games_scored").asLong()).isEqualTo(valid);
    assertThat(summary.get("games_rejected").asLong())
        .isEqualTo(CORPUS.size() - copies - (valid - copies / 2));
    assertThat(counts(summary.get("rejected_by_reason"))).isEqualTo(rejections);
    assertThat(summary.get("rejected")).as("a bounded list of the bad rows").hasSize(50);
    assertThat(pipeline.predictions()).hasSize((int) valid);
  }

  /** Every listed game is listed with the reason its row must have. */
  private static void assertListedAsExpected(JsonNode summary) {
    Map<List<String>, Kind> kinds = new HashMap<>();
    CORPUS.forEach(r -> kinds.put(List.of(shown(r.homeTeam()), r.gameDate().toString()), r.kind()));
    assertThat(summary.get("rejected")).hasSize(100);
    for (JsonNode listed : summary.get("rejected")) {
      Kind kind =
          kinds.get(List.of(listed.get("home_team").asText(), listed.get("game_date").asText()));
      assertThat(kind).as("listed %s", listed).isNotNull();
      assertThat(listed.get("reason").asText()).as("%s", listed).isEqualTo(kind.reason);
      assertThat(listed.get("detail").asText()).isNotBlank();
    }
    assertThat(summary.get("warned")).hasSize(100);
    for (JsonNode listed : summary.get("warned")) {
      Kind kind =
          kinds.get(List.of(listed.get("home_team").asText(), listed.get("game_date").asText()));
      assertThat(listed.get("reason").asText()).as("%s", listed).isEqualTo(kind.warning);
    }
  }

  private static String shown(String name) {
    return dev.nbaml.core.TeamNames.forLog(name);
  }

  private static Map<String, Integer> expectedWarnings() {
    Map<String, Integer> counts = new TreeMap<>();
    CORPUS.stream()
        .filter(r -> r.kind().warning != null)
        .forEach(r -> counts.merge(r.kind().warning, 1, Integer::sum));
    return counts;
  }

  private static Map<String, Integer> counts(JsonNode node) {
    Map<String, Integer> counts = new TreeMap<>();
    node.properties().forEach(e -> counts.put(e.getKey(), e.getValue().asInt()));
    return counts;
  }
}
