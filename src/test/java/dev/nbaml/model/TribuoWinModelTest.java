package dev.nbaml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nbaml.core.FeatureCatalog;
import dev.nbaml.core.ModelUnavailableException;
import dev.nbaml.util.Hashing;
import dev.nbaml.util.Json;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TribuoWinModelTest {
  static final Path GOLDEN = Path.of("src/test/resources/models/legacy-logistic-regression/1.0.0");
  static final Instant AT = Instant.parse("2024-01-01T00:00:00Z");

  /** One row of the legacy 2022-23 record and the probability the Python job wrote for it. */
  static final double[] DENVER_MIAMI = {
    4, 2, 115.6, 111.3, 0.646, 0.5, 2, 13, 2, 109.3, 109.2, 0.537, 0.6, 2
  };

  static LegacyImport.Coefficients coefficients(double intercept, double... coef) throws Exception {
    List<String> names = FeatureCatalog.TABLE_FEATURES.subList(0, coef.length);
    String json =
        "{\"features\": "
            + Json.MAPPER.writeValueAsString(names)
            + ", \"coef\": "
            + Arrays.toString(coef)
            + ", \"intercept\": "
            + intercept
            + "}";
    return LegacyImport.Coefficients.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theGoldenLegacyArtifactStillLoadsAndGivesTheLegacyProbability() {
    TribuoWinModel model = ModelArtifacts.read(GOLDEN);

    assertThat(model.version()).isEqualTo("legacy-logistic-regression@1.0.0");
    assertThat(model.featureNames()).isEqualTo(FeatureCatalog.TABLE_FEATURES);
    assertThat(model.homeWinProbability(DENVER_MIAMI)).isCloseTo(0.671, within(0.0005));
  }

  @Test
  void anImportedModelIsExactlyTheLogisticFunctionOfItsCoefficients(@TempDir Path dir)
      throws Exception {
    LegacyImport.Coefficients c = coefficients(-0.3, 0.8, -0.25, 0.01);
    ModelArtifacts.write(dir, LegacyImport.model(c, AT), LegacyImport.card(c, "t", "1.0.0", AT));
    TribuoWinModel model = ModelArtifacts.read(dir);

    double[] x = {3, 2, 110};
    double expected = 1 / (1 + Math.exp(-(-0.3 + 0.8 * 3 - 0.25 * 2 + 0.01 * 110)));
    assertThat(model.homeWinProbability(x)).isCloseTo(expected, within(1e-12));
  }

  @Test
  void importingTwiceGivesTheSameBytes(@TempDir Path dir) throws Exception {
    LegacyImport.Coefficients c = coefficients(0.1, 0.2, 0.3);
    ModelCard a =
        ModelArtifacts.write(
            dir.resolve("a"), LegacyImport.model(c, AT), LegacyImport.card(c, "t", "1.0.0", AT));
    ModelCard b =
        ModelArtifacts.write(
            dir.resolve("b"), LegacyImport.model(c, AT), LegacyImport.card(c, "t", "1.0.0", AT));
    assertThat(a.modelSha256()).isEqualTo(b.modelSha256());
  }

  @Test
  void aModelFileThatDoesNotMatchTheCardsChecksumIsRefused() throws Exception {
    ModelCard card =
        ModelArtifacts.parseCard(Files.readAllBytes(GOLDEN.resolve("model-card.json")), "golden");
    byte[] bytes = Files.readAllBytes(GOLDEN.resolve("model.tribuo"));
    byte[] truncated = Arrays.copyOf(bytes, bytes.length / 2);

    assertThatThrownBy(() -> TribuoWinModel.load(card, truncated))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("does not match its card: SHA-256 is " + Hashing.sha256(truncated));
  }

  @Test
  void bytesThatAreNotATribuoProtobufModelAreRefusedEvenWithAMatchingChecksum() throws Exception {
    ModelCard card =
        ModelArtifacts.parseCard(Files.readAllBytes(GOLDEN.resolve("model-card.json")), "golden");
    ByteArrayOutputStream javaSerialized = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(javaSerialized)) {
      out.writeObject(new ArrayList<>(List.of("not", "a", "model")));
    }
    for (byte[] bytes :
        List.of(
            javaSerialized.toByteArray(),
            "{\"weights\": [1, 2]}".getBytes(StandardCharsets.UTF_8))) {
      assertThatThrownBy(
              () -> TribuoWinModel.load(card.withModelSha256(Hashing.sha256(bytes)), bytes))
          .isInstanceOf(ModelUnavailableException.class)
          .hasMessageContaining("is not a Tribuo protobuf model");
    }
  }

  @Test
  void aCardThatListsOtherFeaturesThanTheModelReadsIsRefused() throws Exception {
    ModelCard card =
        ModelArtifacts.parseCard(Files.readAllBytes(GOLDEN.resolve("model-card.json")), "golden");
    List<String> fewer = card.features().subList(0, 13);
    ModelCard wrong =
        ModelCard.builder(card.name(), card.version(), card.createdAt())
            .modelSha256(card.modelSha256())
            .features(fewer)
            .build();

    assertThatThrownBy(
            () -> TribuoWinModel.load(wrong, Files.readAllBytes(GOLDEN.resolve("model.tribuo"))))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("does not read the features its card lists")
        .hasMessageContaining("only in the model [away_is_top_players]");
  }

  @Test
  void aCardWithAFeatureTheTableCannotGiveOrBadFieldsIsRefusedNamingTheField() {
    String valid =
        """
        {"schema_version": 1, "name": "m", "version": "1.0.0", "created_at": "2024-01-01T00:00:00Z",
         "model_file": "model.tribuo", "model_sha256": "%s", "format": "tribuo-protobuf",
         "features": %s, "positive_label": "home_win"}""";
    String sha = "a".repeat(64);
    assertThatThrownBy(
            () ->
                ModelArtifacts.parseCard(
                    valid
                        .formatted(sha, "[\"home_team_rank\", \"home_team_elo\"]")
                        .getBytes(StandardCharsets.UTF_8),
                    "card"))
        .hasMessageContaining(
            "needs features that silver.ml_game_features does not provide: [home_team_elo]");
    assertThatThrownBy(
            () ->
                ModelArtifacts.parseCard(
                    valid.formatted("xyz", "[\"home_team_rank\"]").getBytes(StandardCharsets.UTF_8),
                    "card"))
        .hasMessageContaining("model_sha256 must be 64 lower-case hex digits");
    assertThatThrownBy(
            () ->
                ModelArtifacts.parseCard(
                    valid
                        .formatted(sha, "[\"home_team_rank\"]")
                        .replace("1.0.0", "one")
                        .getBytes(StandardCharsets.UTF_8),
                    "card"))
        .hasMessageContaining("version must be a semantic version");
    assertThatThrownBy(
            () ->
                ModelArtifacts.parseCard(
                    valid
                        .formatted(sha, "[\"home_team_rank\"]")
                        .replace("model.tribuo", "../etc/passwd")
                        .getBytes(StandardCharsets.UTF_8),
                    "card"))
        .hasMessageContaining("model_file must be a plain file name");
    assertThatThrownBy(
            () -> ModelArtifacts.parseCard("not json".getBytes(StandardCharsets.UTF_8), "card"))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("The model card card is not valid");
  }

  @Test
  void theCoefficientsFileIsChecked() {
    assertThatThrownBy(
            () ->
                LegacyImport.Coefficients.parse(
                    "{\"features\": [\"a\"], \"coef\": [1, 2], \"intercept\": 0}"
                        .getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("'coef' must be an array with one number per feature (1)");
    assertThatThrownBy(
            () ->
                LegacyImport.Coefficients.parse(
                    "{\"features\": [\"a\"], \"coef\": [1]}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("'intercept' must be a number");
  }

  /** The committed model versions, which every change to the card checks must keep loading. */
  static final List<Path> COMMITTED =
      List.of(
          GOLDEN,
          Path.of("model-artifacts/legacy-logistic-regression/1.0.0"),
          Path.of("model-artifacts/nba-winner/1.0.0"));

  @Test
  void everyCommittedVersionStillLoadsWithItsCardVerified() {
    for (Path dir : COMMITTED) {
      TribuoWinModel model = ModelArtifacts.read(dir);
      assertThat(model.card().positiveLabel()).as(dir.toString()).isEqualTo(ModelCard.HOME_WIN);
      assertThat(model.featureNames())
          .as(dir.toString())
          .isEqualTo(ModelCard.productOrder(model.featureNames()));
    }
  }

  @Test
  void aCardEditedInAnythingThatChangesWhatAPredictionMeansIsRefusedNamingIt(@TempDir Path tmp)
      throws Exception {
    for (Path dir : COMMITTED) {
      String card = Files.readString(dir.resolve(ModelCard.FILE_NAME));
      List<String> features = ModelArtifacts.read(dir).featureNames();
      String firstTwo = "\"" + features.get(0) + "\", \"" + features.get(1) + "\"";
      String swapped = "\"" + features.get(1) + "\", \"" + features.get(0) + "\"";
      Map<String, String> tampered =
          Map.of(
              "positive_label must be home_win",
              card.replace(
                  "\"positive_label\" : \"home_win\"", "\"positive_label\" : \"away_win\""),
              "features are not in the product's order",
              card.replace(firstTwo, swapped),
              "has a field this product does not know, 'transform'",
              card.replace("\"format\" :", "\"transform\" : {\"scale\": 2.0}, \"format\" :"),
              "has a field this product does not know, 'threshold'",
              card.replace("\"format\" :", "\"threshold\" : 0.6, \"format\" :"),
              "does not read the features its card lists",
              card.replace("[ \"" + features.get(0) + "\", ", "[ "));
      for (Map.Entry<String, String> t : tampered.entrySet()) {
        assertThat(t.getValue())
            .as("the edit applies to " + dir + ": " + t.getKey())
            .isNotEqualTo(card);
        Path copy = Files.createTempDirectory(tmp, "tampered-");
        Files.copy(dir.resolve(ModelArtifacts.MODEL_FILE), copy.resolve(ModelArtifacts.MODEL_FILE));
        Files.writeString(copy.resolve(ModelCard.FILE_NAME), t.getValue());
        assertThatThrownBy(() -> ModelArtifacts.read(copy))
            .as(dir + ": " + t.getKey())
            .isInstanceOf(ModelUnavailableException.class)
            .hasMessageContaining(t.getKey());
      }
    }
  }

  @Test
  void theFeatureOrderOfACardChangesNoProbabilityBecauseValuesArePairedByName(@TempDir Path dir)
      throws Exception {
    // coefficients listed in another order than the product's: imported into the product's order
    List<String> names = new ArrayList<>(FeatureCatalog.TABLE_FEATURES.subList(0, 3));
    Collections.reverse(names);
    LegacyImport.Coefficients c =
        LegacyImport.Coefficients.parse(
            ("{\"features\": "
                    + Json.MAPPER.writeValueAsString(names)
                    + ", \"coef\": [0.01, -0.25, 0.8], \"intercept\": -0.3}")
                .getBytes(StandardCharsets.UTF_8));
    ModelArtifacts.write(dir, LegacyImport.model(c, AT), LegacyImport.card(c, "t", "1.0.0", AT));
    TribuoWinModel model = ModelArtifacts.read(dir);

    assertThat(model.featureNames()).isEqualTo(FeatureCatalog.TABLE_FEATURES.subList(0, 3));
    double[] x = {3, 2, 110};
    double expected = 1 / (1 + Math.exp(-(-0.3 + 0.8 * 3 - 0.25 * 2 + 0.01 * 110)));
    assertThat(model.homeWinProbability(x)).isCloseTo(expected, within(1e-12));
  }

  @Test
  void aModelFileOverTheLimitIsRefusedWithoutBeingRead() {
    assertThatThrownBy(() -> ModelArtifacts.read(GOLDEN, 1024))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining(
            "is too large: 5476 bytes, the limit is 1024 bytes (MODEL_MAX_BYTES)");
  }
}
