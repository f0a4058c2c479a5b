package dev.nbaml.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nbaml.core.FeatureCatalog;
import dev.nbaml.core.GameFeatures;
import dev.nbaml.history.FeatureBuilder;
import dev.nbaml.history.GameResult;
import dev.nbaml.history.LabeledGame;
import dev.nbaml.model.LegacyImport;
import dev.nbaml.model.ModelArtifacts;
import dev.nbaml.model.TribuoWinModel;
import dev.nbaml.testing.SyntheticSeasons;
import dev.nbaml.util.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retraining with a fake registry and history: which season validates, what is written, and when
 * not.
 */
class RetrainingRunTest {
  static final List<LabeledGame> HISTORY = new ArrayList<>();

  /** What the fake registry was asked to write, and what it holds. */
  final List<String> writes = new ArrayList<>();

  final List<String> published = new ArrayList<>(List.of("1.0.0", "1.1.0"));
  final List<Path> publishedFolders = new ArrayList<>();

  @BeforeAll
  static void generate() {
    List<GameResult> games = SyntheticSeasons.generate(7, 2015, 4, 8);
    List<GameFeatures> rows = FeatureBuilder.pointInTime(games);
    for (int i = 0; i < games.size(); i++) {
      HISTORY.add(
          new LabeledGame(
              rows.get(i),
              games.get(i).homeWon() ? 1 : 0,
              games.get(i).season(),
              games.get(i).type()));
    }
  }

  static TribuoWinModel constant(Path dir, double intercept) throws Exception {
    String json =
        "{\"features\": "
            + Json.MAPPER.writeValueAsString(FeatureCatalog.TABLE_FEATURES)
            + ", \"coef\": [0,0,0,0,0,0,0,0,0,0,0,0,0,0], \"intercept\": "
            + intercept
            + "}";
    LegacyImport.Coefficients c =
        LegacyImport.Coefficients.parse(json.getBytes(StandardCharsets.UTF_8));
    Instant at = Instant.parse("2019-01-01T00:00:00Z");
    ModelArtifacts.write(
        dir, LegacyImport.model(c, at), LegacyImport.card(c, "nba-winner", "1.1.0", at));
    return ModelArtifacts.read(dir);
  }

  RetrainingRun run(List<LabeledGame> history, TribuoWinModel current, String today) {
    RetrainingRun.HistorySource source =
        new RetrainingRun.HistorySource() {
          @Override
          public List<LabeledGame> games() {
            return history;
          }

          @Override
          public String description() {
            return "generated seasons";
          }
        };
    RetrainingRun.Registry registry =
        new RetrainingRun.Registry() {
          @Override
          public List<String> versions() {
            return published;
          }

          @Override
          public Optional<String> aliasVersion(String alias) {
            return Optional.empty();
          }

          @Override
          public String modelSha256(String version) {
            throw new AssertionError("no alias to read");
          }

          @Override
          public void publish(Path dir) {
            assertThat(dir.resolve("model-card.json")).isRegularFile();
            publishedFolders.add(dir);
            writes.add("publish " + ModelArtifacts.read(dir).version());
          }

          @Override
          public void pointAlias(String alias, String version) {
            writes.add("alias " + alias + " " + version);
          }
        };
    return new RetrainingRun(
        source,
        () -> current,
        registry,
        "nba-winner",
        "candidate",
        Clock.fixed(Instant.parse(today + "T12:00:00Z"), ZoneOffset.UTC));
  }

  @Test
  void aSeasonStillBeingPlayedNeverValidatesAndAPassingModelIsPublishedAsTheNextVersion(
      @TempDir Path dir) throws Exception {
    // March 2019: 2018-19 is being played, so 2017-18 validates and 2016-17 trains
    Retrainer.Result result =
        run(HISTORY, constant(dir.resolve("current"), 0.0), "2019-03-01").run("r1");

    assertThat(result.status()).isEqualTo(Retrainer.Status.PUBLISHED);
    assertThat(result.validationSeason()).isEqualTo("2017-18");
    assertThat(result.trainingSeasons()).isEqualTo("2016-17 to 2016-17");
    assertThat(result.modelVersion()).isEqualTo("nba-winner@1.2.0");
    assertThat(writes).containsExactly("publish nba-winner@1.2.0", "alias candidate 1.2.0");
    assertThat(publishedFolders.get(0)).as("the temporary folder is removed").doesNotExist();
  }

  @Test
  void aFailedGateWritesNothingAndItsResultIsBounded(@TempDir Path dir) throws Exception {
    // a current model that the history's validation season makes perfect: the home team always lost
    List<LabeledGame> history =
        HISTORY.stream()
            .map(
                g ->
                    g.season().equals("2018-19")
                        ? new LabeledGame(g.features(), 0, g.season(), g.type())
                        : g)
            .toList();

    Retrainer.Result result =
        run(history, constant(dir.resolve("current"), -5.0), "2019-08-01").run("r2");

    assertThat(result.status()).isEqualTo(Retrainer.Status.GATE_FAILED);
    assertThat(result.failures())
        .hasSizeLessThanOrEqualTo(RetrainingRun.MAX_FAILURES)
        .allMatch(f -> f.length() <= RetrainingRun.MAX_FAILURE_CHARS + 3)
        .anyMatch(f -> f.contains("is worse than the current model nba-winner@1.1.0's"));
    assertThat(writes).isEmpty();
  }

  @Test
  void aHistoryWithoutACompleteSeasonIsRefusedSayingSo(@TempDir Path dir) throws Exception {
    List<LabeledGame> firstSeason =
        HISTORY.stream().filter(g -> g.season().equals("2015-16")).toList();

    assertThatThrownBy(
            () -> run(firstSeason, constant(dir.resolve("current"), 0.0), "2016-03-01").run("r3"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("generated seasons holds no complete regular season to validate on");
    assertThatThrownBy(
            () -> run(firstSeason, constant(dir.resolve("current2"), 0.0), "2016-08-01").run("r4"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Cannot retrain on generated seasons: No training games");
    assertThat(writes).isEmpty();
  }
}
