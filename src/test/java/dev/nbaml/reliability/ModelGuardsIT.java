package dev.nbaml.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nbaml.core.ModelUnavailableException;
import dev.nbaml.lambda.ScoringHandler;
import dev.nbaml.model.ModelCard;
import dev.nbaml.testing.Invoke;
import dev.nbaml.testing.PipelineFixture;
import dev.nbaml.testing.TestGames;
import dev.nbaml.util.Hashing;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The model is never trusted or loaded blindly, against the real S3 emulator: a model file over
 * {@code MODEL_MAX_BYTES} is refused from its size before its content is read, a file under the
 * limit is streamed (never whole in memory) while its SHA-256 is computed, and a card edited in
 * what a prediction means is refused; nothing is written, and the committed version still scores.
 *
 * <p>"Memory stays flat" is measured as the bytes the JVM's threads allocate during the invocation:
 * reading a 32 MiB file into a byte[] would allocate at least 32 MiB (measured with the old
 * whole-object read: 75 MB; streamed: 8 MB of short-lived pieces; refused from its size: 0.6 MB).
 */
class ModelGuardsIT {
  static final LocalDate DAY = LocalDate.of(2024, 1, 15);
  static final String EVENT = "{\"run_date\": \"2024-01-15\"}";
  static final int BIG = 32 * 1024 * 1024;

  PipelineFixture pipeline;
  byte[] model;
  String card;

  @BeforeEach
  void setUp() throws Exception {
    pipeline = new PipelineFixture().migrate().publishModel(PipelineFixture.LEGACY_MODEL);
    pipeline.insertGames(TestGames.slate(41, DAY, 6));
    model = Files.readAllBytes(PipelineFixture.LEGACY_MODEL.resolve("model.tribuo"));
    card = Files.readString(PipelineFixture.LEGACY_MODEL.resolve(ModelCard.FILE_NAME));
  }

  @AfterEach
  void tearDown() {
    pipeline.close();
  }

  static byte[] bigFile() {
    byte[] bytes = new byte[BIG];
    new Random(42).nextBytes(bytes);
    return bytes;
  }

  /**
   * Bytes that the JVM's threads allocated while running {@code action}, which must throw: the
   * model is loaded on a thread of its own, beside the database work, so every live thread is
   * counted.
   */
  static long allocatedWhileFailing(Executable action, String expectedMessage) {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long[] ids = threads.getAllThreadIds();
    long[] before = threads.getThreadAllocatedBytes(ids);
    assertThatThrownBy(action::execute)
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining(expectedMessage);
    long[] afterIds = threads.getAllThreadIds();
    long[] after = threads.getThreadAllocatedBytes(afterIds);
    Map<Long, Long> start = new HashMap<>();
    for (int i = 0; i < ids.length; i++) {
      start.put(ids[i], Math.max(before[i], 0));
    }
    long allocated = 0;
    for (int i = 0; i < afterIds.length; i++) {
      allocated += Math.max(after[i], 0) - start.getOrDefault(afterIds[i], 0L);
    }
    return allocated;
  }

  @Test
  void aModelFileOverTheLimitIsRefusedFromItsSizeBeforeItsContentIsRead() {
    byte[] big = bigFile();
    pipeline.putModelFile("model.tribuo", big);
    pipeline.putModelFile(
        ModelCard.FILE_NAME,
        card.replace(Hashing.sha256(model), Hashing.sha256(big)).getBytes(StandardCharsets.UTF_8));
    Map<String, String> env = new HashMap<>(pipeline.env());
    env.put("MODEL_MAX_BYTES", Integer.toString(1024 * 1024));
    try (ScoringHandler function = ScoringHandler.create(env, Clock.systemUTC())) {
      long allocated =
          allocatedWhileFailing(
              () -> Invoke.handler(function, EVENT),
              "model.tribuo is too large: "
                  + BIG
                  + " bytes, the limit is 1048576 bytes (MODEL_MAX_BYTES)");
      assertThat(allocated).as("bytes allocated while refusing a 32 MiB file").isLessThan(BIG / 16);
    }
    assertThat(pipeline.predictions()).isEmpty();
  }

  @Test
  void aModelFileUnderTheLimitIsHashedWhileStreamedAndAMismatchIsRefusedWithFlatMemory() {
    byte[] big = bigFile();
    pipeline.putModelFile("model.tribuo", big);
    try (ScoringHandler function = ScoringHandler.create(pipeline.env(), Clock.systemUTC())) {
      // the default limit (64 MiB) lets it through: the whole file is streamed, and its digest is
      // in the error
      long allocated =
          allocatedWhileFailing(
              () -> Invoke.handler(function, EVENT),
              "does not match its card: SHA-256 is "
                  + Hashing.sha256(big)
                  + ", the card says "
                  + Hashing.sha256(model));
      // streaming allocates short-lived pieces (about a quarter of the file, in the SDK's stream
      // wrappers), a whole-file byte[] at least the file and in practice more than twice it
      // (measured: 75 MB)
      assertThat(allocated).as("bytes allocated while streaming a 32 MiB file").isLessThan(BIG / 2);
    }
    assertThat(pipeline.predictions()).isEmpty();
  }

  @Test
  void aCardEditedInWhatAPredictionMeansIsRefusedNamingItAndTheCommittedVersionStillScores()
      throws Exception {
    Map<String, String> tampered =
        Map.of(
            "positive_label must be home_win",
                card.replace(
                    "\"positive_label\" : \"home_win\"", "\"positive_label\" : \"away_win\""),
            "features are not in the product's order",
                card.replace(
                    "\"home_team_rank\", \"home_days_rest\"",
                    "\"home_days_rest\", \"home_team_rank\""),
            "has a field this product does not know, 'transform'",
                card.replace("\"format\" :", "\"transform\" : {\"scale\" : 2.0}, \"format\" :"));
    for (Map.Entry<String, String> t : tampered.entrySet()) {
      assertThat(t.getValue()).isNotEqualTo(card);
      pipeline.putModelFile(ModelCard.FILE_NAME, t.getValue().getBytes(StandardCharsets.UTF_8));
      try (ScoringHandler function = ScoringHandler.create(pipeline.env(), Clock.systemUTC())) {
        assertThatThrownBy(() -> Invoke.handler(function, EVENT))
            .as(t.getKey())
            .isInstanceOf(ModelUnavailableException.class)
            .hasMessageContaining(t.getKey());
      }
    }
    assertThat(pipeline.predictions()).isEmpty();

    pipeline.publishModel(PipelineFixture.LEGACY_MODEL);
    try (ScoringHandler function = ScoringHandler.create(pipeline.env(), Clock.systemUTC())) {
      assertThat(Invoke.handler(function, EVENT).get("games_scored").asInt()).isEqualTo(6);
    }
    assertThat(pipeline.predictions()).hasSize(6);
  }

  @Test
  void aCardInTheFolderOfAnotherVersionIsRefused() {
    String registry = "registry/legacy-logistic-regression/";
    put(
        registry + "aliases/current.json",
        "{\"version\": \"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
    put(registry + "1.0.0/model.tribuo", model);
    put(
        registry + "1.0.0/" + ModelCard.FILE_NAME,
        card.replace("\"version\" : \"1.0.0\"", "\"version\" : \"1.0.1\"")
            .getBytes(StandardCharsets.UTF_8));
    Map<String, String> env = new HashMap<>(pipeline.env());
    env.put("MODEL_URI", "s3://" + pipeline.bucket() + "/" + registry);
    env.put("MODEL_ALIAS", "current");
    try (ScoringHandler function = ScoringHandler.create(env, Clock.systemUTC())) {
      assertThatThrownBy(() -> Invoke.handler(function, EVENT))
          .isInstanceOf(ModelUnavailableException.class)
          .hasMessageContaining("says version 1.0.1, but it is in the folder of version 1.0.0");
    }
    put(registry + "1.0.0/" + ModelCard.FILE_NAME, card.getBytes(StandardCharsets.UTF_8));
    try (ScoringHandler function = ScoringHandler.create(env, Clock.systemUTC())) {
      assertThat(Invoke.handler(function, EVENT).get("model_version").asText())
          .isEqualTo("legacy-logistic-regression@1.0.0");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aCardOfAnotherModelOrOneThatFailedItsGateOrWithAKeyTwiceIsRefused() throws Exception {
    String registry = "registry/legacy-logistic-regression/";
    put(
        registry + "aliases/current.json",
        "{\"version\": \"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
    put(registry + "1.0.0/model.tribuo", model);
    Map<String, String> env = new HashMap<>(pipeline.env());
    env.put("MODEL_URI", "s3://" + pipeline.bucket() + "/" + registry);
    env.put("MODEL_ALIAS", "current");
    Map<String, String> tampered =
        Map.of(
            "says model other-model, but it is in the registry folder of model legacy-logistic-regression",
            card.replace("\"name\" : \"legacy-logistic-regression\"", "\"name\" : \"other-model\""),
            "failed its quality gate",
            card.replaceFirst("\\{", "{\"gate\": {\"passed\": false},"),
            "Duplicate field 'version'",
            card.replaceFirst("\\{", "{\"version\": \"1.0.0\","));
    for (Map.Entry<String, String> edit : tampered.entrySet()) {
      assertThat(edit.getValue()).as("the edit applies").isNotEqualTo(card);
      put(
          registry + "1.0.0/" + ModelCard.FILE_NAME,
          edit.getValue().getBytes(StandardCharsets.UTF_8));
      try (ScoringHandler function = ScoringHandler.create(env, Clock.systemUTC())) {
        assertThatThrownBy(() -> Invoke.handler(function, EVENT))
            .isInstanceOf(ModelUnavailableException.class)
            .hasMessageContaining(edit.getKey());
      }
    }
    put(
        registry + "aliases/current.json",
        "{\"version\": \"../1.0.0\"}".getBytes(StandardCharsets.UTF_8));
    try (ScoringHandler function = ScoringHandler.create(env, Clock.systemUTC())) {
      assertThatThrownBy(() -> Invoke.handler(function, EVENT))
          .isInstanceOf(ModelUnavailableException.class)
          .hasMessageContaining("names no valid version: \"../1.0.0\"");
    }
    assertThat(pipeline.predictions()).isEmpty();
  }

  private void put(String key, byte[] bytes) {
    pipeline
        .s3()
        .putObject(b -> b.bucket(pipeline.bucket()).key(key), RequestBody.fromBytes(bytes));
  }
}
