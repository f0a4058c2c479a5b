package dev.nbaml.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nbaml.core.Rejection.Reason;
import java.time.LocalDate;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class RowValidatorTest {
  static final LocalDate DAY = LocalDate.of(2024, 1, 15);
  static final TeamFeatures HOME = new TeamFeatures(3.0, 1.0, 115.2, 110.4, 0.625, 0.7, 2.0, -160.0);
  static final TeamFeatures AWAY = new TeamFeatures(18.0, 0.0, 108.9, 112.3, 0.45, 0.4, 1.0, 140.0);

  private final RowValidator validator = new RowValidator();

  static GameFeatures game(String home, String away, TeamFeatures h, TeamFeatures a) {
    return new GameFeatures(home, away, DAY, h, a);
  }

  static GameFeatures valid() {
    return game("Boston Celtics", "Miami Heat", HOME, AWAY);
  }

  static TeamFeatures with(TeamFeatures t, String field, Double v) {
    return new TeamFeatures(
        field.equals("rank") ? v : t.rank(),
        field.equals("daysRest") ? v : t.daysRest(),
        field.equals("avgPtsScored") ? v : t.avgPtsScored(),
        field.equals("avgPtsAllowed") ? v : t.avgPtsAllowed(),
        field.equals("winPct") ? v : t.winPct(),
        field.equals("winPctLast10") ? v : t.winPctLast10(),
        field.equals("topPlayers") ? v : t.topPlayers(),
        field.equals("moneyline") ? v : t.moneyline());
  }

  static Arguments homeCase(String field, Double value, Reason reason, String detail) {
    return Arguments.of(field + "=" + value, (UnaryOperator<GameFeatures>) g ->
        game(g.homeTeam(), g.awayTeam(), with(g.home(), field, value), g.away()), reason, detail);
  }

  static List<Arguments> invalidRows() {
    return List.of(
        homeCase("rank", null, Reason.MISSING_VALUE, "home_team_rank is missing"),
        homeCase("rank", 0.0, Reason.OUT_OF_RANGE, "home_team_rank = 0 is not between 1 and 30"),
        homeCase("rank", 31.0, Reason.OUT_OF_RANGE, "home_team_rank = 31 is not between 1 and 30"),
        homeCase("rank", 2.5, Reason.OUT_OF_RANGE, "home_team_rank = 2.5 is not a whole number"),
        homeCase("daysRest", -1.0, Reason.OUT_OF_RANGE, "home_days_rest = -1 is not at least 0"),
        homeCase("daysRest", null, Reason.MISSING_VALUE, "home_days_rest is missing"),
        homeCase("avgPtsScored", Double.NaN, Reason.NOT_FINITE, "home_team_avg_pts_scored = NaN is not a finite number"),
        homeCase("avgPtsAllowed", Double.POSITIVE_INFINITY, Reason.NOT_FINITE, "home_team_avg_pts_scored_opp = Infinity"),
        homeCase("avgPtsScored", -3.0, Reason.OUT_OF_RANGE, "home_team_avg_pts_scored = -3 is not between 0 and 250"),
        homeCase("winPct", 1.2, Reason.OUT_OF_RANGE, "home_team_win_pct = 1.2 is not between 0 and 1"),
        homeCase("winPctLast10", -0.1, Reason.OUT_OF_RANGE, "home_team_win_pct_last10 = -0.1 is not between 0 and 1"),
        homeCase("topPlayers", -1.0, Reason.OUT_OF_RANGE, "home_is_top_players = -1 is not between 0 and 2"),
        homeCase("topPlayers", 3.0, Reason.OUT_OF_RANGE, "home_is_top_players = 3 is not between 0 and 2"),
        homeCase("moneyline", 50.0, Reason.INVALID_ODDS, "home_moneyline = 50.0 is not American odds"),
        homeCase("moneyline", Double.NaN, Reason.NOT_FINITE, "home_moneyline = NaN"),
        Arguments.of("no home team", (UnaryOperator<GameFeatures>) g -> game(null, g.awayTeam(), g.home(), g.away()),
            Reason.MISSING_VALUE, "home_team is missing"),
        Arguments.of("blank away team", (UnaryOperator<GameFeatures>) g -> game(g.homeTeam(), " ", g.home(), g.away()),
            Reason.MISSING_VALUE, "away_team is missing"),
        Arguments.of("no date", (UnaryOperator<GameFeatures>) g -> new GameFeatures(g.homeTeam(), g.awayTeam(), null, g.home(), g.away()),
            Reason.MISSING_VALUE, "game_date is missing"),
        Arguments.of("same team", (UnaryOperator<GameFeatures>) g -> game(g.homeTeam(), g.homeTeam(), g.home(), g.away()),
            Reason.SAME_TEAM, "Boston Celtics cannot play itself"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidRows")
  void rejectsAnInvalidRowWithItsReasonAndKeepsTheValidOnes(
      String name, UnaryOperator<GameFeatures> change, Reason reason, String detail) {
    GameFeatures bad = change.apply(valid());
    GameFeatures other = game("Denver Nuggets", "Utah Jazz", HOME, AWAY);

    RowValidator.Result result = validator.validate(List.of(bad, other));

    assertThat(result.accepted()).containsExactly(other);
    assertThat(result.rejected()).singleElement().satisfies(r -> {
      assertThat(r.reason()).isEqualTo(reason);
      assertThat(r.detail()).contains(detail);
      assertThat(r.game()).isEqualTo(bad.key());
    });
  }

  @Test
  void acceptsAValidRowAGameWithoutOddsAndExtremeButRealRest() {
    GameFeatures noOdds = game("Denver Nuggets", "Utah Jazz", with(HOME, "moneyline", null), with(AWAY, "moneyline", null));
    GameFeatures opener = game("Chicago Bulls", "Orlando Magic", with(HOME, "daysRest", 133.0), AWAY);
    GameFeatures evenOdds = game("Phoenix Suns", "Dallas Mavericks", with(HOME, "moneyline", -100.0), with(AWAY, "moneyline", 100.0));

    RowValidator.Result result = validator.validate(List.of(valid(), noOdds, opener, evenOdds));

    assertThat(result.rejected()).isEmpty();
    assertThat(result.accepted()).hasSize(4);
  }

  @Test
  void rejectsEveryCopyOfAGameThatAppearsTwice() {
    GameFeatures other = game("Denver Nuggets", "Utah Jazz", HOME, AWAY);

    RowValidator.Result result = validator.validate(List.of(valid(), other, valid()));

    assertThat(result.accepted()).containsExactly(other);
    assertThat(result.rejected()).hasSize(2).allSatisfy(r -> {
      assertThat(r.reason()).isEqualTo(Reason.DUPLICATE_GAME);
      assertThat(r.detail()).contains("appears in more than one row on 2024-01-15");
    });
  }

  @Test
  void rejectsATeamThatPlaysTwoGamesOnOneDate() {
    GameFeatures second = game("Chicago Bulls", "Boston Celtics", HOME, AWAY);

    RowValidator.Result result = validator.validate(List.of(valid(), second));

    assertThat(result.accepted()).isEmpty();
    assertThat(result.rejected()).extracting(Rejection::reason).containsOnly(Reason.DUPLICATE_GAME);
  }

  @Test
  void listsEveryProblemOfARowButReportsTheFirstReason() {
    GameFeatures bad = game("Boston Celtics", "Miami Heat", with(HOME, "rank", null), with(AWAY, "winPct", 7.0));

    Rejection r = validator.validate(List.of(bad)).rejected().get(0);

    assertThat(r.reason()).isEqualTo(Reason.MISSING_VALUE);
    assertThat(r.detail()).isEqualTo("home_team_rank is missing; away_team_win_pct = 7 is not between 0 and 1");
  }
}
