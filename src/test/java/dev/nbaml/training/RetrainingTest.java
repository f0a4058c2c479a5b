package dev.nbaml.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nbaml.core.GameFeatures;
import dev.nbaml.core.TeamFeatures;
import dev.nbaml.history.GameResult;
import dev.nbaml.history.GameType;
import dev.nbaml.history.LabeledGame;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetrainingTest {

  static LabeledGame game(LocalDate date) {
    TeamFeatures t = new TeamFeatures(10.0, 1.0, 110.0, 108.0, 0.5, 0.5, 2.0, -120.0);
    return new LabeledGame(
        new GameFeatures("Boston Celtics", "Miami Heat", date, t, t),
        1,
        GameResult.seasonOf(date),
        GameType.REGULAR);
  }

  @Test
  void aSeasonIsCompleteOnceTheHistoryGoesPastItOrItsJulyFirstHasCome() {
    List<LabeledGame> history =
        List.of(
            game(LocalDate.of(2021, 11, 1)),
            game(LocalDate.of(2022, 11, 1)),
            game(LocalDate.of(2023, 1, 15)));

    // 2022-23 is being played: the latest season the history goes past validates
    assertThat(Retraining.latestCompleteSeason(history, LocalDate.of(2023, 2, 1)))
        .contains("2021-22");
    assertThat(Retraining.latestCompleteSeason(history, LocalDate.of(2023, 6, 30)))
        .contains("2021-22");
    // from July 1 its regular season and playoffs are over, with or without a later game
    assertThat(Retraining.latestCompleteSeason(history, LocalDate.of(2023, 7, 1)))
        .contains("2022-23");
    assertThat(
            Retraining.latestCompleteSeason(
                List.of(game(LocalDate.of(2023, 1, 15))), LocalDate.of(2023, 3, 1)))
        .isEmpty();
    assertThat(Retraining.latestCompleteSeason(List.of(), LocalDate.of(2023, 3, 1))).isEmpty();
  }

  @Test
  void notWorseMeansABrierScoreNotHigherOnTheSameGames() {
    Metrics current = new Metrics(1230, 0.667, 0.2159, 0.6221, 0.698);

    assertThat(
            Retraining.notWorse(
                new Metrics(1230, 0.66, 0.2159, 0.63, 0.69), current, "nba-winner@1.1.0"))
        .as("a tie passes, whatever the accuracy")
        .isEmpty();
    assertThat(
            Retraining.notWorse(
                new Metrics(1230, 0.67, 0.2150, 0.62, 0.70), current, "nba-winner@1.1.0"))
        .isEmpty();
    assertThat(
            Retraining.notWorse(
                new Metrics(1230, 0.70, 0.2160, 0.62, 0.70), current, "nba-winner@1.1.0"))
        .contains(
            "Brier score 0.216 is worse than the current model nba-winner@1.1.0's 0.2159 on the same 1230"
                + " validation games");
  }

  @Test
  void theNextVersionIsTheNextMinorAfterTheHighestPublished() {
    assertThat(Retraining.nextVersion(List.of())).isEqualTo("1.0.0");
    assertThat(Retraining.nextVersion(List.of("1.0.0", "1.1.0"))).isEqualTo("1.2.0");
    assertThat(Retraining.nextVersion(List.of("1.10.0", "1.9.3", "1.2.0")))
        .as("numbers, not text")
        .isEqualTo("1.11.0");
    assertThat(Retraining.nextVersion(List.of("1.2.3"))).isEqualTo("1.3.0");
    assertThat(Retraining.nextVersion(List.of("1.1.0", "2.0.0-rc.1"))).isEqualTo("2.1.0");
    assertThat(Retraining.nextVersion(List.of("1.1.0", "aliases", "99999999999.0.0")))
        .isEqualTo("1.2.0");
  }
}
