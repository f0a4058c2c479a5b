package dev.nbaml.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nbaml.core.FeatureCatalog;
import dev.nbaml.core.GameFeatures;
import dev.nbaml.core.TeamFeatures;
import dev.nbaml.history.FeatureBuilder;
import dev.nbaml.history.GameResult;
import dev.nbaml.history.LabeledGame;
import dev.nbaml.model.ModelArtifacts;
import dev.nbaml.model.ModelCard;
import dev.nbaml.model.TribuoWinModel;
import dev.nbaml.testing.SyntheticSeasons;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelTrainerTest {
  static List<LabeledGame> history = new ArrayList<>();

  @BeforeAll
  static void generate() {
    List<GameResult> games = SyntheticSeasons.generate(7, 2015, 4, 8);
    List<GameFeatures> rows = FeatureBuilder.pointInTime(games);
    for (int i = 0; i < games.size(); i++) {
      history.add(
          new LabeledGame(
              rows.get(i),
              games.get(i).homeWon() ? 1 : 0,
              games.get(i).season(),
              games.get(i).type()));
    }
  }

  static ModelTrainer.Options options(QualityGate gate) {
    return new ModelTrainer.Options(
        "nba-winner",
        "1.2.0",
        "2018-19",
        null,
        TrainingDefaults.FEATURES,
        5,
        TrainingDefaults.LEARNING_RATE,
        TrainingDefaults.SEED,
        gate);
  }

  @Test
  void trainsOnEarlierSeasonsValidatesOnTheLaterOneAndWritesAVerifiableVersion(@TempDir Path dir) {
    ModelTrainer.Result result =
        ModelTrainer.train(
            history,
            "abc",
            "synthetic",
            options(TrainingDefaults.GATE),
            Optional.empty(),
            dir,
            Instant.parse("2024-01-01T00:00:00Z"));

    ModelCard card = result.card();
    assertThat(card.id()).isEqualTo("nba-winner@1.2.0");
    assertThat(card.training().get("seasons").asText()).isEqualTo("2016-17 to 2017-18");
    assertThat(card.training().get("validation").asText()).startsWith("2018-19 regular season");
    assertThat(card.evaluation().get("model").get("accuracy").asDouble()).isGreaterThan(0.6);
    assertThat(card.evaluation().get("baselines").has("moneyline_favourite")).isTrue();
    assertThat(card.gate().get("passed").asBoolean()).isTrue();
    assertThat(card.featureDistributions().fieldNames())
        .toIterable()
        .containsExactlyElementsOf(FeatureCatalog.MODEL_FEATURES);
    assertThat(card.provenance()).contains("LinearSGDModel");
    TribuoWinModel loaded = ModelArtifacts.read(dir);
    assertThat(loaded.card().id()).isEqualTo(card.id());
    assertThat(loaded.card().modelSha256()).isEqualTo(card.modelSha256());
    assertThat(loaded.card().evaluation()).isEqualTo(card.evaluation());
  }

  @Test
  void theSameInputGivesAByteIdenticalModel(@TempDir Path dir) throws Exception {
    ModelTrainer.train(
        history,
        "abc",
        "synthetic",
        options(TrainingDefaults.GATE),
        Optional.empty(),
        dir.resolve("a"),
        Instant.parse("2024-01-01T00:00:00Z"));
    ModelTrainer.train(
        history,
        "abc",
        "synthetic",
        options(TrainingDefaults.GATE),
        Optional.empty(),
        dir.resolve("b"),
        Instant.parse("2025-06-01T00:00:00Z"));

    assertThat(Files.readAllBytes(dir.resolve("a/model.tribuo")))
        .isEqualTo(Files.readAllBytes(dir.resolve("b/model.tribuo")));
  }

  @Test
  void aModelThatMissesTheGateIsNotWrittenAndTheErrorNamesTheThreshold(@TempDir Path dir) {
    assertThatThrownBy(
            () ->
                ModelTrainer.train(
                    history,
                    "abc",
                    "synthetic",
                    options(new QualityGate(0.99, 0.25, true)),
                    Optional.empty(),
                    dir.resolve("m"),
                    Instant.now()))
        .isInstanceOf(QualityGateException.class)
        .hasMessageContaining("accuracy")
        .hasMessageContaining("is below the minimum 0.99");
    assertThat(dir.resolve("m")).doesNotExist();
  }

  @Test
  void aGameWithoutOddsIsStillScoredSensibly(@TempDir Path dir) {
    ModelTrainer.train(
        history,
        "abc",
        "synthetic",
        options(TrainingDefaults.GATE),
        Optional.empty(),
        dir,
        Instant.now());
    TribuoWinModel model = ModelArtifacts.read(dir);
    GameFeatures strongHome = history.get(history.size() - 1).features();
    GameFeatures noOdds = ModelTrainer.withoutOdds(strongHome);

    double p = model.homeWinProbability(FeatureCatalog.values(noOdds, model.featureNames()));
    assertThat(p).isBetween(0.05, 0.95);
    double better =
        model.homeWinProbability(
            FeatureCatalog.values(
                new GameFeatures(
                    noOdds.homeTeam(),
                    noOdds.awayTeam(),
                    noOdds.gameDate(),
                    new TeamFeatures(1.0, 2.0, 120.0, 100.0, 0.9, 1.0, 2.0, null),
                    new TeamFeatures(30.0, 0.0, 100.0, 120.0, 0.1, 0.0, 2.0, null)),
                model.featureNames()));
    assertThat(better).isGreaterThan(0.75);
  }
}
