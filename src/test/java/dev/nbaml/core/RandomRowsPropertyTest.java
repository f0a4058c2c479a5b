package dev.nbaml.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nbaml.model.ModelArtifacts;
import dev.nbaml.model.TribuoWinModel;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random feature rows (nulls, NaN, infinities, huge and negative numbers, unknown teams, the same
 * game twice, a team playing itself) through validation and the real trained model: every row is
 * either scored with a probability in [0, 1] or rejected with a reason, and every valid row is
 * written.
 */
class RandomRowsPropertyTest {
  static final TribuoWinModel MODEL =
      ModelArtifacts.read(Path.of("model-artifacts/nba-winner/1.1.0"));

  @Provide
  Arbitrary<Double> number() {
    return Arbitraries.oneOf(
        Arbitraries.doubles().between(-5, 300),
        Arbitraries.of(
            0.0,
            1.0,
            2.0,
            30.0,
            -1.0,
            1e300,
            -1e300,
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE),
        Arbitraries.just(null));
  }

  @Provide
  Arbitrary<Double> odds() {
    return Arbitraries.oneOf(
        Arbitraries.doubles().between(-3000, 3000),
        Arbitraries.of(-100.0, 100.0, 99.0, -99.5, Double.NaN, 1e12),
        Arbitraries.just(null));
  }

  @Provide
  Arbitrary<TeamFeatures> team() {
    Arbitrary<Double> n = number();
    return Combinators.combine(n, n, n, n, n, n, n, odds()).as(TeamFeatures::new);
  }

  @Provide
  Arbitrary<GameFeatures> game() {
    Arbitrary<String> names =
        Arbitraries.oneOf(
            Arbitraries.of(
                "Boston Celtics",
                "Miami Heat",
                "Utah Jazz",
                "Denver Nuggets",
                "Springfield Isotopes"),
            Arbitraries.strings().alpha().ofMinLength(0).ofMaxLength(12),
            Arbitraries.just(null));
    Arbitrary<LocalDate> dates =
        Arbitraries.oneOf(
            Arbitraries.of(LocalDate.of(2024, 1, 15), LocalDate.of(2024, 1, 16)),
            Arbitraries.just(null));
    return Combinators.combine(names, names, dates, team(), team()).as(GameFeatures::new);
  }

  @Provide
  Arbitrary<GameFeatures> validGame() {
    Arbitrary<TeamFeatures> t =
        Combinators.combine(
                Arbitraries.integers().between(1, 30).map(Double::valueOf),
                Arbitraries.integers().between(0, 200).map(Double::valueOf),
                Arbitraries.doubles().between(0, 250),
                Arbitraries.doubles().between(0, 250),
                Arbitraries.doubles().between(0, 1),
                Arbitraries.doubles().between(0, 1),
                Arbitraries.integers().between(0, 2).map(Double::valueOf),
                Arbitraries.oneOf(
                    Arbitraries.doubles().between(100, 5000),
                    Arbitraries.doubles().between(-5000, -100),
                    Arbitraries.just(null)))
            .as(TeamFeatures::new);
    return Combinators.combine(Arbitraries.strings().alpha().ofLength(8), t, t)
        .as(
            (name, h, a) ->
                new GameFeatures("Home " + name, "Away " + name, LocalDate.of(2024, 1, 15), h, a));
  }

  /**
   * Whether a game involves the team, with names compared as the duplicate check does (ignoring
   * case).
   */
  static boolean shares(GameFeatures game, String team) {
    return team != null
        && (team.equalsIgnoreCase(game.homeTeam()) || team.equalsIgnoreCase(game.awayTeam()));
  }

  /** Random rows and, among them, valid rows of distinct teams. */
  record Batch(List<GameFeatures> noise, List<GameFeatures> valid) {}

  @Provide
  Arbitrary<Batch> batch() {
    return Combinators.combine(game().list().ofMaxSize(20), validGame().list().ofMaxSize(5))
        .as(Batch::new);
  }

  @Property(tries = 300, seed = "20240115") // a fixed seed: the same 300 batches every run
  void everyRowIsScoredInZeroToOneOrRejectedWithAReasonAndValidRowsAreAlwaysWritten(
      @ForAll("batch") Batch generated) {
    List<GameFeatures> noise = generated.noise();
    List<GameFeatures> valid = generated.valid();
    List<GameFeatures> batch = new ArrayList<>(noise);
    Set<String> validTeams = new HashSet<>();
    for (GameFeatures g : valid) {
      if (validTeams.add(TeamNames.sameTeamKey(g.homeTeam()))
          && validTeams.add(TeamNames.sameTeamKey(g.awayTeam()))) {
        batch.add(g);
      }
    }
    List<List<GamePrediction>> written = new ArrayList<>();
    PredictionWriter writer =
        new PredictionWriter() {
          @Override
          public void requireReady() {}

          @Override
          public int write(List<GamePrediction> p, String version) {
            written.add(p);
            return p.size();
          }
        };
    GameFeatureReader reader =
        new GameFeatureReader() {
          @Override
          public Optional<Boolean> seasonEnabled() {
            return Optional.empty();
          }

          @Override
          public List<GameFeatures> upcomingGames(LocalDate d) {
            return batch;
          }

          @Override
          public int countStaleGames(LocalDate d) {
            return 0;
          }
        };
    ScoringRun run =
        new ScoringRun(
            () -> new ModelProvider.Selection(MODEL, Optional.empty()),
            reader,
            writer,
            RunMonitor.NONE);

    RunSummary summary;
    try {
      summary = run.run(new RunRequest("p", LocalDate.of(2024, 1, 15), "manual"));
    } catch (AllGamesRejectedException e) {
      summary = e.summary();
      assertThat(written).isEmpty();
    }

    assertThat(summary.gamesScored() + summary.gamesRejected()).isEqualTo(batch.size());
    assertThat(summary.rejected())
        .allSatisfy(
            r -> {
              assertThat(r.reason()).isNotNull();
              assertThat(r.detail()).isNotBlank();
            });
    List<GamePrediction> predictions = written.isEmpty() ? List.of() : written.get(0);
    assertThat(predictions).hasSize(summary.gamesScored());
    assertThat(predictions)
        .allSatisfy(
            p -> {
              assertThat(p.homeTeamPredictedWinPct()).isBetween(0.0, 1.0);
              assertThat(p.awayTeamPredictedWinPct()).isBetween(0.0, 1.0);
            });
    Set<GameFeatures> scored = new HashSet<>();
    predictions.forEach(p -> scored.add(p.game()));
    for (GameFeatures g : batch) {
      boolean clashes =
          batch.stream()
              .anyMatch(
                  o ->
                      o != g
                          && java.util.Objects.equals(o.gameDate(), g.gameDate())
                          && (shares(o, g.homeTeam()) || shares(o, g.awayTeam())));
      if (valid.contains(g) && !clashes) {
        assertThat(scored).as("valid game %s", g.key()).contains(g);
      }
    }
  }
}
