package dev.nbaml.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The run's rules, with plain fakes for the model, the reader and the writer. */
class ScoringRunTest {
  static final LocalDate DAY = LocalDate.of(2024, 1, 15);
  static final RunRequest REQUEST = new RunRequest("run-1", DAY, "manual");
  static final Explanation EXPLAINED = new Explanation("fake@1.0.0", 0.0, Map.of());

  /** P(home win) = 0.1 * home rank, whatever else. */
  static final class FakeModel implements WinProbabilityModel {
    @Override
    public String version() {
      return "fake@1.0.0";
    }

    @Override
    public List<String> featureNames() {
      return List.of("home_team_rank");
    }

    @Override
    public double homeWinProbability(double[] f) {
      return f[0] / 10.0;
    }

    @Override
    public Explanation explain(GameFeatures game) {
      double p = homeWinProbability(game);
      return new Explanation(version(), Math.log(p / (1 - p)), Map.of());
    }
  }

  static final class FakeReader implements GameFeatureReader {
    Optional<Boolean> season = Optional.empty();
    List<GameFeatures> games = List.of();
    int stale;
    LocalDate askedFor;

    @Override
    public Optional<Boolean> seasonEnabled() {
      return season;
    }

    @Override
    public List<GameFeatures> upcomingGames(LocalDate runDate) {
      askedFor = runDate;
      return games;
    }

    @Override
    public int countStaleGames(LocalDate runDate) {
      return stale;
    }
  }

  static final class FakeWriter implements PredictionWriter {
    final List<List<GamePrediction>> writes = new ArrayList<>();

    @Override
    public void requireReady() {}

    @Override
    public int write(List<GamePrediction> p, String modelVersion) {
      writes.add(p);
      return p.size();
    }
  }

  final FakeReader reader = new FakeReader();
  final FakeWriter writer = new FakeWriter();
  Optional<String> modelWarning = Optional.empty();
  final ScoringRun run =
      new ScoringRun(
          () -> new ModelProvider.Selection(new FakeModel(), modelWarning),
          reader,
          writer,
          RunMonitor.NONE);

  static GameFeatures game(String home, String away, double homeRank) {
    return new GameFeatures(
        home,
        away,
        DAY,
        new TeamFeatures(homeRank, 1.0, 110.0, 108.0, 0.5, 0.5, 2.0, null),
        RowValidatorTest.AWAY);
  }

  @Test
  void scoresTheValidGamesWritesThemOnceAndReportsTheRest() {
    reader.games =
        List.of(
            game("Boston Celtics", "Miami Heat", 3),
            game("Utah Jazz", "Utah Jazz", 4),
            game("Denver Nuggets", "Chicago Bulls", 7));
    reader.stale = 2;
    modelWarning = Optional.of("kept the old model");

    RunSummary s = run.run(REQUEST);

    assertThat(reader.askedFor).isEqualTo(DAY);
    assertThat(s.status()).isEqualTo(RunSummary.Status.SCORED);
    assertThat(s.modelVersion()).isEqualTo("fake@1.0.0");
    assertThat(s.gamesScored()).isEqualTo(2);
    assertThat(s.gamesRejected()).isEqualTo(1);
    assertThat(s.rejected().get(0).reason()).isEqualTo(Rejection.Reason.SAME_TEAM.name());
    assertThat(s.gamesSkipped()).isEqualTo(2);
    assertThat(s.skipped())
        .singleElement()
        .satisfies(k -> assertThat(k.reason()).isEqualTo("stale"));
    assertThat(s.warnings())
        .containsExactly(
            "kept the old model", "games scored with a warning (see warned): {ONE_SIDED_LINE=2}");
    assertThat(s.gamesWarned()).isEqualTo(2);
    assertThat(s.warnedByReason()).containsExactly(Map.entry("ONE_SIDED_LINE", 2));
    assertThat(s.warned())
        .extracting(RunSummary.FlaggedGame::homeTeam)
        .containsExactly("Boston Celtics", "Denver Nuggets");
    assertThat(writer.writes)
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w)
                  .extracting(p -> p.game().homeTeam())
                  .containsExactly("Boston Celtics", "Denver Nuggets");
              assertThat(w)
                  .extracting(GamePrediction::homeTeamPredictedWinPct)
                  .containsExactly(0.3, 0.7);
              assertThat(w)
                  .extracting(GamePrediction::awayTeamPredictedWinPct)
                  .containsExactly(0.7, 0.3);
            });
  }

  @Test
  void everyGameInvalidFailsWithTheSummaryAndWritesNothing() {
    reader.games = List.of(game("Utah Jazz", "Utah Jazz", 4));

    assertThatThrownBy(() -> run.run(REQUEST))
        .isInstanceOfSatisfying(
            AllGamesRejectedException.class,
            e -> {
              assertThat(e.summary().status()).isEqualTo(RunSummary.Status.FAILED);
              assertThat(e.summary().gamesRejected()).isEqualTo(1);
            });
    assertThat(writer.writes).isEmpty();
  }

  @Test
  void noGamesWritesNothing() {
    RunSummary s = run.run(REQUEST);

    assertThat(s.status()).isEqualTo(RunSummary.Status.NO_GAMES);
    assertThat(writer.writes).isEmpty();
  }

  @Test
  void seasonOffReadsAndWritesNothing() {
    reader.season = Optional.of(false);
    reader.games = List.of(game("Boston Celtics", "Miami Heat", 3));

    RunSummary s = run.run(REQUEST);

    assertThat(s.status()).isEqualTo(RunSummary.Status.SEASON_OFF);
    assertThat(s.modelVersion())
        .as("the model is still loaded and verified")
        .isEqualTo("fake@1.0.0");
    assertThat(reader.askedFor).isNull();
    assertThat(writer.writes).isEmpty();
  }

  @Test
  void seasonOffWithABrokenModelFails() {
    reader.season = Optional.of(false);
    ScoringRun broken =
        new ScoringRun(
            () -> {
              throw new ModelUnavailableException("the model file does not match its card", null);
            },
            reader,
            writer,
            RunMonitor.NONE);

    assertThatThrownBy(() -> broken.run(REQUEST)).isInstanceOf(ModelUnavailableException.class);
  }

  @Test
  void roundsAsTheLegacyJobDid() {
    GamePrediction p =
        GamePrediction.of(game("Boston Celtics", "Miami Heat", 3), 0.6714999, EXPLAINED);
    assertThat(p.homeTeamPredictedWinPct()).isEqualTo(0.671);
    assertThat(p.awayTeamPredictedWinPct()).isEqualTo(0.329);
    assertThatThrownBy(
            () -> GamePrediction.of(game("Boston Celtics", "Miami Heat", 3), Double.NaN, EXPLAINED))
        .hasMessageContaining("must be in [0, 1]");
  }

  @Test
  void theShadowModelScoresTheSameValidGamesAfterTheLiveWriteIntoItsOwnWriter() {
    reader.games =
        List.of(game("Boston Celtics", "Miami Heat", 3), game("Utah Jazz", "Utah Jazz", 4));
    FakeWriter shadowWriter = new FakeWriter();
    WinProbabilityModel candidate =
        new WinProbabilityModel() {
          @Override
          public String version() {
            return "fake@2.0.0";
          }

          @Override
          public List<String> featureNames() {
            return List.of("home_team_rank");
          }

          @Override
          public double homeWinProbability(double[] f) {
            return 0.5;
          }

          @Override
          public Explanation explain(GameFeatures game) {
            return new Explanation(version(), 0, Map.of());
          }
        };
    ScoringRun shadowed =
        new ScoringRun(
            () -> new ModelProvider.Selection(new FakeModel(), Optional.empty()),
            reader,
            writer,
            RunMonitor.NONE,
            50,
            Optional.of(
                new Shadow(
                    () -> new ModelProvider.Selection(candidate, Optional.empty()), shadowWriter)));

    RunSummary s = shadowed.run(REQUEST);

    assertThat(s.status()).isEqualTo(RunSummary.Status.SCORED);
    assertThat(s.modelVersion()).isEqualTo("fake@1.0.0");
    assertThat(writer.writes).hasSize(1);
    assertThat(shadowWriter.writes).hasSize(1);
    assertThat(shadowWriter.writes.get(0))
        .extracting(p -> p.game().homeTeam())
        .containsExactly("Boston Celtics");
    assertThat(s.warnings()).noneMatch(w -> w.startsWith("shadow"));
  }

  @Test
  void aShadowFailureIsAWarningAndTheLiveRunSucceeds() {
    reader.games = List.of(game("Boston Celtics", "Miami Heat", 3));
    FakeWriter shadowWriter = new FakeWriter();
    ScoringRun brokenModel =
        new ScoringRun(
            () -> new ModelProvider.Selection(new FakeModel(), Optional.empty()),
            reader,
            writer,
            RunMonitor.NONE,
            50,
            Optional.of(
                new Shadow(
                    () -> {
                      throw new ModelUnavailableException(
                          "the candidate's model file has another SHA-256");
                    },
                    shadowWriter)));
    PredictionWriter failing =
        new PredictionWriter() {
          @Override
          public void requireReady() {}

          @Override
          public int write(List<GamePrediction> p, String modelVersion) {
            throw new TransientException("connection reset", null);
          }
        };
    ScoringRun brokenWrite =
        new ScoringRun(
            () -> new ModelProvider.Selection(new FakeModel(), Optional.empty()),
            reader,
            writer,
            RunMonitor.NONE,
            50,
            Optional.of(
                new Shadow(
                    () -> new ModelProvider.Selection(new FakeModel(), Optional.empty()),
                    failing)));

    RunSummary model = brokenModel.run(REQUEST);
    RunSummary write = brokenWrite.run(REQUEST);

    assertThat(model.status()).isEqualTo(RunSummary.Status.SCORED);
    assertThat(model.warnings())
        .anyMatch(
            w ->
                w.startsWith("shadow: the shadow model did not score")
                    && w.contains("another SHA-256"));
    assertThat(write.status()).isEqualTo(RunSummary.Status.SCORED);
    assertThat(write.warnings())
        .anyMatch(
            w ->
                w.startsWith("shadow: fake@1.0.0 did not score") && w.contains("connection reset"));
    assertThat(writer.writes).hasSize(2);
    assertThat(shadowWriter.writes).isEmpty();
  }

  @Test
  void noShadowAliasMeansNoShadowAndNoWarning() {
    reader.games = List.of(game("Boston Celtics", "Miami Heat", 3));
    FakeWriter shadowWriter = new FakeWriter();
    ModelProvider missing =
        new ModelProvider() {
          @Override
          public Selection current() {
            throw new ModelUnavailableException("alias missing");
          }

          @Override
          public Optional<Selection> ifPresent() {
            return Optional.empty();
          }
        };
    RunSummary s =
        new ScoringRun(
                () -> new ModelProvider.Selection(new FakeModel(), Optional.empty()),
                reader,
                writer,
                RunMonitor.NONE,
                50,
                Optional.of(new Shadow(missing, shadowWriter)))
            .run(REQUEST);

    assertThat(s.status()).isEqualTo(RunSummary.Status.SCORED);
    assertThat(s.warnings()).noneMatch(w -> w.contains("shadow"));
    assertThat(shadowWriter.writes).isEmpty();
  }
}
