package dev.nbaml.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nbaml.core.FeatureCatalog;
import dev.nbaml.core.GameFeatures;
import dev.nbaml.core.TeamFeatures;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each feature pinned on small hand-made schedules. */
class FeatureBuilderTest {

  static GameResult game(String date, String home, String away, int hs, int as) {
    LocalDate d = LocalDate.parse(date);
    return new GameResult(
        d, GameResult.seasonOf(d), GameType.REGULAR, home, away, hs, as, -150.0, 130.0);
  }

  static GameFeatures row(List<GameResult> games, int index) {
    return FeatureBuilder.pointInTime(games).get(index);
  }

  final List<GameResult> schedule =
      List.of(
          game("2023-10-24", "A", "B", 110, 100), // 0: A beats B
          game("2023-10-24", "C", "D", 90, 95), // 1: D beats C, same day
          game("2023-10-26", "A", "C", 120, 111), // 2
          game("2023-10-27", "D", "A", 101, 99)); // 3: A on a back-to-back

  @Test
  void beforeItsFirstGameATeamIsAverageAndRested() {
    TeamFeatures c = row(schedule, 1).home();
    assertThat(c.winPct()).isEqualTo(0.5);
    assertThat(c.winPctLast10()).isEqualTo(0.5);
    assertThat(c.avgPtsScored()).isEqualTo(110.0);
    assertThat(c.avgPtsAllowed()).isEqualTo(110.0);
    assertThat(c.daysRest()).isEqualTo((double) FeatureBuilder.HISTORY_DAYS_REST_CAP);
    assertThat(c.topPlayers()).isEqualTo(2.0);
  }

  @Test
  void gamesOfTheSameDateDoNotSeeEachOthersResults() {
    GameFeatures cd = row(schedule, 1);
    assertThat(cd.home().winPct()).isEqualTo(0.5);
    assertThat(cd.away().winPct()).isEqualTo(0.5);
    assertThat(cd.home().rank()).isEqualTo(1.0);
  }

  @Test
  void winPctPointsRestAndRankComeOnlyFromEarlierGames() {
    GameFeatures ac = row(schedule, 2);
    assertThat(ac.home().winPct()).isEqualTo(1.0);
    assertThat(ac.home().winPctLast10()).isEqualTo(1.0);
    assertThat(ac.home().avgPtsScored()).isEqualTo(110.0);
    assertThat(ac.home().avgPtsAllowed()).isEqualTo(100.0);
    assertThat(ac.home().daysRest()).isEqualTo(1.0); // played on the 24th, rested the 25th
    assertThat(ac.home().rank()).isEqualTo(1.0); // A and D at 1.000 share the first place
    assertThat(ac.away().winPct()).isEqualTo(0.0);
    assertThat(ac.away().rank()).isEqualTo(3.0); // two teams above C
    assertThat(ac.away().avgPtsScored()).isEqualTo(90.0);
    assertThat(ac.home().moneyline()).isEqualTo(-150.0);
    assertThat(ac.away().moneyline()).isEqualTo(130.0);
  }

  @Test
  void theNextDayIsABackToBackWithZeroDaysRest() {
    GameFeatures da = row(schedule, 3);
    assertThat(da.away().daysRest()).isEqualTo(0.0);
    assertThat(da.away().avgPtsScored()).isEqualTo(115.0);
    assertThat(da.away().avgPtsAllowed()).isEqualTo(105.5);
  }

  @Test
  void lastTenIsAWindowWhileSeasonWinPctCountsEveryGame() {
    List<GameResult> games = new ArrayList<>();
    LocalDate d = LocalDate.of(2023, 11, 1);
    for (int i = 0; i < 12; i++) {
      boolean win = i < 2;
      games.add(
          new GameResult(
              d.plusDays(2L * i),
              "2023-24",
              GameType.REGULAR,
              "A",
              "B",
              win ? 100 : 90,
              win ? 90 : 100,
              null,
              null));
    }
    games.add(
        new GameResult(d.plusDays(30), "2023-24", GameType.REGULAR, "A", "B", 1, 0, null, null));

    TeamFeatures a = row(games, 12).home();
    assertThat(a.winPct()).isEqualTo(0.167); // 2 of 12, rounded to 3 decimals
    assertThat(a.winPctLast10()).isEqualTo(0.0); // the last 10 were all lost
    assertThat(a.avgPtsScored()).isEqualTo(90.0); // the last 10 games' points
  }

  @Test
  void aNewSeasonResetsTheRecordButNotTheRecentPointsAndCapsTheRest() {
    List<GameResult> games = new ArrayList<>(schedule);
    games.add(game("2024-10-22", "A", "B", 100, 99));

    GameFeatures opener = row(games, 4);
    assertThat(opener.home().winPct()).isEqualTo(0.5);
    assertThat(opener.home().winPctLast10()).isEqualTo(0.5);
    assertThat(opener.home().daysRest()).isEqualTo((double) FeatureBuilder.HISTORY_DAYS_REST_CAP);
    assertThat(opener.home().avgPtsScored()).isEqualTo(109.7); // 110, 120, 99 from last season
    assertThat(opener.home().rank()).isEqualTo(1.0);
  }

  @Test
  void seasonsFollowTheNbaCalendar() {
    assertThat(GameResult.seasonOf(LocalDate.of(2023, 10, 24))).isEqualTo("2023-24");
    assertThat(GameResult.seasonOf(LocalDate.of(2024, 6, 17))).isEqualTo("2023-24");
    assertThat(GameResult.seasonOf(LocalDate.of(1999, 11, 2))).isEqualTo("1999-00");
  }

  @Test
  void theCupFinalAndPlayInGamesCountInFormButNotInTheSeasonRecordCupGamesCountInBoth() {
    LocalDate d = LocalDate.of(2023, 12, 1);
    List<GameResult> games = new ArrayList<>();
    games.add(new GameResult(d, "2023-24", GameType.REGULAR, "A", "B", 100, 90, null, null));
    games.add(
        new GameResult(d.plusDays(3), "2023-24", GameType.NBA_CUP, "A", "B", 100, 90, null, null));
    games.add(
        new GameResult(
            d.plusDays(8), "2023-24", GameType.NBA_CUP_FINAL, "B", "A", 130, 90, null, null));
    games.add(
        new GameResult(d.plusDays(10), "2023-24", GameType.PLAY_IN, "B", "A", 130, 90, null, null));
    games.add(
        new GameResult(d.plusDays(12), "2023-24", GameType.REGULAR, "A", "B", 100, 90, null, null));

    List<GameFeatures> rows = FeatureBuilder.pointInTime(games);
    TeamFeatures aLast = rows.get(4).home();
    TeamFeatures bLast = rows.get(4).away();
    // Season record: the regular and the Cup game (2-0 for A), not the final nor the play-in.
    assertThat(aLast.winPct()).isEqualTo(1.0);
    assertThat(bLast.winPct()).isEqualTo(0.0);
    assertThat(aLast.rank()).isEqualTo(1.0);
    // Form: all four games (A won 2 of 4; points scored 100, 100, 90, 90), rest since the play-in.
    assertThat(aLast.winPctLast10()).isEqualTo(0.5);
    assertThat(aLast.avgPtsScored()).isEqualTo(95.0);
    assertThat(bLast.avgPtsScored()).isEqualTo(110.0);
    assertThat(aLast.daysRest()).isEqualTo(1.0);
  }

  @Test
  void theTwoRestCapsKeepTheValuesTheCommittedModelsWereTrainedWith() {
    // Two rules, two names: the history rows' days_rest and the model's rest_diff. Changing either
    // changes what the committed models were trained on (their retrain would no longer be
    // identical).
    assertThat(FeatureBuilder.HISTORY_DAYS_REST_CAP).isEqualTo(7);
    assertThat(FeatureCatalog.REST_DIFF_CAP_DAYS).isEqualTo(3);
  }
}
