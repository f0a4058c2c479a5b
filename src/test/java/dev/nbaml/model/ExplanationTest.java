package dev.nbaml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nbaml.core.Explanation;
import dev.nbaml.core.FeatureCatalog;
import dev.nbaml.core.GameFeatures;
import dev.nbaml.core.RowValidator;
import dev.nbaml.testing.TestGames;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log-odds decomposition of a prediction: what it is made of, and that it gives the probability
 * back.
 */
class ExplanationTest {
  static final Instant AT = Instant.parse("2024-01-01T00:00:00Z");

  @Test
  void baseIsTheInterceptPlusWeightTimesMeanAndEachContributionIsWeightTimesValueMinusMean() {
    Explanation e =
        Explanation.of(
            "m@1.0.0",
            -0.3,
            List.of("a", "b", "c"),
            new double[] {0.8, -0.25, 0.5},
            new double[] {3, 2, 7},
            Map.of("a", 1.0, "b", 4.0)); // c has no mean: counted from 0

    assertThat(e.base()).isCloseTo(-0.3 + 0.8 * 1.0 - 0.25 * 4.0, within(1e-15));
    assertThat(e.contributions())
        .containsExactly(
            Map.entry("a", 0.8 * (3 - 1.0)),
            Map.entry("b", -0.25 * (2 - 4.0)),
            Map.entry("c", 0.5 * 7));
    assertThat(e.probability())
        .isCloseTo(1 / (1 + Math.exp(-(-0.3 + 0.8 * 3 - 0.25 * 2 + 0.5 * 7))), within(1e-15));
    assertThat(e.largest(2)).extracting(Map.Entry::getKey).containsExactly("c", "a");
  }

  /**
   * A two-label Tribuo model scores with a softmax over both weight rows: the away row counts,
   * negated.
   */
  @Test
  void theAwayLabelsWeightRowIsSubtractedFromTheHomeRows(@TempDir Path dir) throws Exception {
    List<String> names = FeatureCatalog.TABLE_FEATURES.subList(0, 2);
    var features = new org.tribuo.MutableFeatureMap();
    var domain =
        new org.tribuo.MutableDataset<org.tribuo.classification.Label>(
            new org.tribuo.provenance.impl.EmptyDatasetProvenance(),
            new org.tribuo.classification.LabelFactory());
    String[] n = names.toArray(String[]::new);
    domain.add(
        new org.tribuo.impl.ArrayExample<>(
            new org.tribuo.classification.Label(ModelCard.HOME_WIN), n, new double[] {1, 1}));
    domain.add(
        new org.tribuo.impl.ArrayExample<>(
            new org.tribuo.classification.Label(ModelCard.AWAY_WIN), n, new double[] {1, 1}));
    var fmap = new org.tribuo.ImmutableFeatureMap(domain.getFeatureMap());
    var labels = domain.getOutputIDInfo();
    var w = new org.tribuo.math.la.DenseMatrix(2, 3);
    int home = labels.getID(new org.tribuo.classification.Label(ModelCard.HOME_WIN));
    int away = 1 - home;
    w.set(home, fmap.getID(n[0]), 0.4);
    w.set(home, fmap.getID(n[1]), -0.1);
    w.set(home, 2, 0.2);
    w.set(away, fmap.getID(n[0]), -0.3);
    w.set(away, fmap.getID(n[1]), 0.15);
    w.set(away, 2, -0.05);
    var provenance =
        ReproducibleModels.provenance(
            java.time.OffsetDateTime.parse("2024-01-01T00:00:00Z"),
            new org.tribuo.provenance.impl.EmptyDatasetProvenance(),
            new org.tribuo.provenance.impl.EmptyTrainerProvenance(),
            Map.of());
    ModelArtifacts.write(
        dir,
        ReproducibleModels.fromWeights("two-rows", provenance, fmap, labels, w),
        ModelCard.builder("two-rows", "1.0.0", AT).features(names).build());
    TribuoWinModel model = ModelArtifacts.read(dir);

    double[] x = {3, 2};
    Explanation e = model.explain(x);
    assertThat(e.base())
        .isCloseTo(0.2 - -0.05, within(1e-12)); // no distributions in the card: means 0
    assertThat(e.contributions())
        .containsEntry(n[0], (0.4 - -0.3) * 3)
        .containsEntry(n[1], (-0.1 - 0.15) * 2);
    assertThat(model.homeWinProbability(x))
        .isCloseTo(1 / (1 + Math.exp(-(0.25 + 0.7 * 3 - 0.25 * 2))), within(1e-12))
        .isCloseTo(e.probability(), within(1e-12));
  }

  /**
   * Every committed model, on generated games with and without lines: the explanation is the
   * probability.
   */
  @Test
  void everyCommittedModelsExplanationGivesItsProbabilityBack() {
    List<GameFeatures> games =
        new RowValidator().validate(TestGames.slate(7, LocalDate.of(2024, 1, 15), 15)).accepted();
    assertThat(games).hasSizeGreaterThan(10);
    for (Path dir :
        List.of(
            Path.of("model-artifacts/nba-winner/1.1.0"),
            Path.of("model-artifacts/nba-winner/1.0.0"),
            Path.of("model-artifacts/legacy-logistic-regression/1.0.0"),
            TribuoWinModelTest.GOLDEN)) {
      TribuoWinModel model = ModelArtifacts.read(dir);
      for (GameFeatures g : games) {
        Explanation e = model.explain(g);
        assertThat(e.modelVersion()).isEqualTo(model.version());
        assertThat(e.contributions().keySet()).containsExactlyElementsOf(model.featureNames());
        assertThat(e.probability())
            .as(dir + " " + g.key())
            .isCloseTo(model.homeWinProbability(g), within(1e-12));
        assertThat(model.predict(g).explanation()).isEqualTo(e);
      }
    }
  }

  /**
   * With the card's training means, a game at the means has no contributions: the base is its
   * log-odds.
   */
  @Test
  void aTrainedModelsBaseIsTheLogOddsOfTheAverageGame() {
    TribuoWinModel model = ModelArtifacts.read(Path.of("model-artifacts/nba-winner/1.1.0"));
    double[] means =
        model.featureNames().stream()
            .mapToDouble(f -> model.trainingDistributions().get(f).mean())
            .toArray();
    Explanation e = model.explain(means);

    assertThat(e.contributions().values())
        .allSatisfy(c -> assertThat(c).isCloseTo(0.0, within(1e-15)));
    assertThat(e.probability()).isCloseTo(model.homeWinProbability(means), within(1e-12));
  }
}
