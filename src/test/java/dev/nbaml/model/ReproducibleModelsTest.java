package dev.nbaml.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nbaml.testing.SharedData;
import dev.nbaml.util.Hashing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.impl.EmptyDatasetProvenance;
import org.tribuo.provenance.impl.EmptyTrainerProvenance;

class ReproducibleModelsTest {
  static final Path GOLDEN = Path.of("src/test/resources/models/legacy-logistic-regression/1.0.0");
  static final OffsetDateTime TIME = OffsetDateTime.of(2020, 5, 1, 0, 0, 0, 0, ZoneOffset.UTC);

  @Test
  void aRewrittenProvenanceHoldsOnlyTheGivenTimeAndFactsAndTheModelScoresAsBefore()
      throws Exception {
    Model<Label> golden =
        Model.deserializeFromFile(GOLDEN.resolve("model.tribuo")).castModel(Label.class);
    ModelProvenance provenance =
        ReproducibleModels.provenance(
            TIME,
            new EmptyDatasetProvenance(),
            new EmptyTrainerProvenance(),
            Map.of("b-fact", "2", "a-fact", "1"));

    Model<Label> rewritten = ReproducibleModels.withProvenance(golden, provenance);

    assertThat(rewritten.getProvenance().getTrainingTime()).isEqualTo(TIME);
    assertThat(rewritten.getProvenance().getInstanceProvenance().getMap())
        .containsOnlyKeys("a-fact", "b-fact");
    assertThat(rewritten.getProvenance().toString())
        .doesNotContain(System.getProperty("java.version"))
        .doesNotContain(System.getProperty("os.arch"));
    assertThat(rewritten.getFeatureIDMap().keySet()).isEqualTo(golden.getFeatureIDMap().keySet());
    ModelCard card = ModelArtifacts.read(GOLDEN).card();
    double[] row = {4, 2, 115.6, 111.3, 0.646, 0.5, 2, 13, 2, 109.3, 109.2, 0.537, 0.6, 2};
    byte[] bytes = ModelArtifacts.toBytes(rewritten);
    assertThat(
            TribuoWinModel.load(card.toBuilder().modelSha256(Hashing.sha256(bytes)).build(), bytes)
                .homeWinProbability(row))
        .isEqualTo(ModelArtifacts.read(GOLDEN).homeWinProbability(row));
    assertThat(ModelArtifacts.toBytes(ReproducibleModels.withProvenance(golden, provenance)))
        .isEqualTo(ModelArtifacts.toBytes(rewritten));
  }

  @Test
  @Tag("shared-data")
  void importingTheLegacyCoefficientsAgainGivesTheCommittedModelByteForByte() throws Exception {
    LegacyImport.Coefficients c =
        LegacyImport.Coefficients.parse(
            Files.readAllBytes(SharedData.file("legacy_model_coefficients.json")));
    ModelCard committed = ModelArtifacts.read(GOLDEN).card();

    byte[] imported = ModelArtifacts.toBytes(LegacyImport.model(c, committed.createdAt()));

    assertThat(Hashing.sha256(imported)).isEqualTo(committed.modelSha256());
    assertThat(
            LegacyImport.card(c, committed.name(), committed.version(), committed.createdAt())
                .toBuilder()
                .modelSha256(committed.modelSha256())
                .build())
        .isEqualTo(committed);
    assertThat(committed.createdAt()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
  }
}
