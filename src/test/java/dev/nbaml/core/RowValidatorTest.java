package dev.nbaml.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nbaml.core.Rejection.Reason;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RowValidatorTest {
  static final LocalDate DAY = LocalDate.of(2024, 1, 15);
  static final TeamFeatures HOME =
      new TeamFeatures(3.0, 1.0, 115.2, 110.4, 0.625, 0.7, 2.0, -160.0);
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
    return Arguments.of(
        field + "=" + value,
        (UnaryOperator<GameFeatures>)
            g -> game(g.homeTeam(), g.awayTeam(), with(g.home(), field, value), g.away()),
        reason,
        detail);
  }

  static List<Arguments> invalidRows() {
    return List.of(
        homeCase("rank", null, Reason.MISSING_VALUE, "home_team_rank is missing"),
        homeCase("rank", 0.0, Reason.OUT_OF_RANGE, "home_team_rank = 0 is not between 1 and 30"),
        homeCase("rank", 31.0, Reason.OUT_OF_RANGE, "home_team_rank = 31 is not between 1 and 30"),
        homeCase("rank", 2.5, Reason.OUT_OF_RANGE, "home_team_rank = 2.5 is not a whole number"),
        homeCase(
            "daysRest", -1.0, Reason.OUT_OF_RANGE, "home_days_rest = -1 is not between 0 and 1000"),
        homeCase(
            "daysRest",
            2147483647.0,
            Reason.OUT_OF_RANGE,
            "home_days_rest = 2147483647 is not between 0 and 1000"),
        homeCase("daysRest", null, Reason.MISSING_VALUE, "home_days_rest is missing"),
        homeCase(
            "avgPtsScored",
            Double.NaN,
            Reason.NOT_FINITE,
            "home_team_avg_pts_scored = NaN is not a finite number"),
        homeCase(
            "avgPtsAllowed",
            Double.POSITIVE_INFINITY,
            Reason.NOT_FINITE,
            "home_team_avg_pts_scored_opp = Infinity"),
        homeCase(
            "avgPtsScored",
            -3.0,
            Reason.OUT_OF_RANGE,
            "home_team_avg_pts_scored = -3 is not between 0 and 250"),
        homeCase(
            "winPct", 1.2, Reason.OUT_OF_RANGE, "home_team_win_pct = 1.2 is not between 0 and 1"),
        homeCase(
            "winPctLast10",
            -0.1,
            Reason.OUT_OF_RANGE,
            "home_team_win_pct_last10 = -0.1 is not between 0 and 1"),
        homeCase(
            "topPlayers",
            -1.0,
            Reason.OUT_OF_RANGE,
            "home_is_top_players = -1 is not between 0 and 2"),
        homeCase(
            "topPlayers",
            3.0,
            Reason.OUT_OF_RANGE,
            "home_is_top_players = 3 is not between 0 and 2"),
        homeCase("moneyline", Double.NaN, Reason.NOT_FINITE, "home_moneyline = NaN"),
        Arguments.of(
            "unreadable value",
            (UnaryOperator<GameFeatures>)
                g ->
                    new GameFeatures(
                        g.homeTeam(),
                        g.awayTeam(),
                        g.gameDate(),
                        with(g.home(), "winPct", null),
                        g.away(),
                        Map.of(
                            "home_team_win_pct",
                            "home_team_win_pct = 1000000000…(401 characters) is beyond what a double holds")),
            Reason.NOT_REPRESENTABLE,
            "home_team_win_pct = 1000000000…(401 characters) is beyond what a double holds"),
        Arguments.of(
            "infinite date",
            (UnaryOperator<GameFeatures>)
                g ->
                    new GameFeatures(g.homeTeam(), g.awayTeam(), LocalDate.MAX, g.home(), g.away()),
            Reason.OUT_OF_RANGE,
            "game_date is infinity"),
        Arguments.of(
            "trailing space",
            (UnaryOperator<GameFeatures>)
                g -> game("Boston Celtics ", g.awayTeam(), g.home(), g.away()),
            Reason.INVALID_NAME,
            "home_team = \"Boston Celtics \" has leading or trailing white space"),
        Arguments.of(
            "leading tab",
            (UnaryOperator<GameFeatures>)
                g -> game(g.homeTeam(), "\tMiami Heat", g.home(), g.away()),
            Reason.INVALID_NAME,
            "away_team = \"\\u0009Miami Heat\" has leading or trailing white space"),
        Arguments.of(
            "control character",
            (UnaryOperator<GameFeatures>)
                g -> game("Boston\u0007Celtics", g.awayTeam(), g.home(), g.away()),
            Reason.INVALID_NAME,
            "contains U+0007"),
        Arguments.of(
            "zero-width space",
            (UnaryOperator<GameFeatures>)
                g -> game("Boston\u200BCeltics", g.awayTeam(), g.home(), g.away()),
            Reason.INVALID_NAME,
            "contains U+200B"),
        Arguments.of(
            "a decomposed accent",
            (UnaryOperator<GameFeatures>)
                g -> game("Montre\u0301al Royaux", g.awayTeam(), g.home(), g.away()),
            Reason.INVALID_NAME,
            "is not in Unicode normal form C"),
        Arguments.of(
            "double space",
            (UnaryOperator<GameFeatures>)
                g -> game("Boston  Celtics", g.awayTeam(), g.home(), g.away()),
            Reason.INVALID_NAME,
            "has repeated spaces"),
        Arguments.of(
            "a name of thousands of characters",
            (UnaryOperator<GameFeatures>)
                g -> game("B".repeat(5000), g.awayTeam(), g.home(), g.away()),
            Reason.INVALID_NAME,
            "is 5000 characters long, more than the 64 a team name may have"),
        Arguments.of(
            "no home team",
            (UnaryOperator<GameFeatures>) g -> game(null, g.awayTeam(), g.home(), g.away()),
            Reason.MISSING_VALUE,
            "home_team is missing"),
        Arguments.of(
            "blank away team",
            (UnaryOperator<GameFeatures>) g -> game(g.homeTeam(), " ", g.home(), g.away()),
            Reason.MISSING_VALUE,
            "away_team is missing"),
        Arguments.of(
            "no date",
            (UnaryOperator<GameFeatures>)
                g -> new GameFeatures(g.homeTeam(), g.awayTeam(), null, g.home(), g.away()),
            Reason.MISSING_VALUE,
            "game_date is missing"),
        Arguments.of(
            "same team",
            (UnaryOperator<GameFeatures>) g -> game(g.homeTeam(), g.homeTeam(), g.home(), g.away()),
            Reason.SAME_TEAM,
            "Boston Celtics cannot play itself"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidRows")
  void rejectsAnInvalidRowWithItsReasonAndKeepsTheValidOnes(
      String name, UnaryOperator<GameFeatures> change, Reason reason, String detail) {
    GameFeatures bad = change.apply(valid());
    GameFeatures other = game("Denver Nuggets", "Utah Jazz", HOME, AWAY);

    RowValidator.Result result = validator.validate(List.of(bad, other));

    assertThat(result.accepted()).containsExactly(other);
    assertThat(result.rejected())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.reason()).isEqualTo(reason);
              assertThat(r.detail()).contains(detail);
              assertThat(r.game()).isEqualTo(bad.key());
            });
  }

  @Test
  void acceptsAValidRowAndExtremeButRealRestWithoutWarnings() {
    GameFeatures opener =
        game("Chicago Bulls", "Orlando Magic", with(HOME, "daysRest", 133.0), AWAY);

    RowValidator.Result result = validator.validate(List.of(valid(), opener));

    assertThat(result.rejected()).isEmpty();
    assertThat(result.accepted()).hasSize(2);
    assertThat(result.warnings()).isEmpty();
  }

  static GameFeatures priced(String home, String away, Double homeMl, Double awayMl) {
    return game(home, away, with(HOME, "moneyline", homeMl), with(AWAY, "moneyline", awayMl));
  }

  @Test
  void scoresGamesWithoutARealLineAndNamesEachWithWhy() {
    List<GameFeatures> rows =
        List.of(
            priced("Denver Nuggets", "Utah Jazz", null, null),
            priced("Phoenix Suns", "Dallas Mavericks", 100.0, 100.0),
            priced("Chicago Bulls", "Orlando Magic", -100.0, 100.0),
            priced("Atlanta Hawks", "Indiana Pacers", -650.0, -650.0),
            priced("Houston Rockets", "Sacramento Kings", -300.0, 8.0),
            priced("Toronto Raptors", "Brooklyn Nets", -160.0, null));

    RowValidator.Result result = validator.validate(rows);

    assertThat(result.rejected()).isEmpty();
    assertThat(result.accepted()).containsExactlyElementsOf(rows);
    assertThat(result.warnings())
        .extracting(GameWarning::kind)
        .containsExactly(
            GameWarning.Kind.NO_LINE,
            GameWarning.Kind.PLACEHOLDER_LINE,
            GameWarning.Kind.IMPLAUSIBLE_LINE,
            GameWarning.Kind.IMPLAUSIBLE_LINE,
            GameWarning.Kind.IMPLAUSIBLE_LINE,
            GameWarning.Kind.ONE_SIDED_LINE);
    assertThat(result.warnings().get(1).detail()).contains("+100 / +100 are dbt's placeholder");
    assertThat(result.warnings().get(2).detail()).contains("summing to 100.0%");
    assertThat(result.warnings().get(3).detail()).contains("margin of 73.3%");
    assertThat(result.warnings().get(4).detail()).contains("are not both American odds");
    assertThat(result.warnings())
        .extracting(GameWarning::game)
        .containsExactlyElementsOf(rows.stream().map(GameFeatures::key).toList());
  }

  @Test
  void namesInScriptsThatNeedCombiningMarksAreValid() {
    GameFeatures devanagari = game("मुंबई टाइगर्स", "Montréal Royaux", HOME, AWAY);

    assertThat(validator.validate(List.of(devanagari)).accepted()).containsExactly(devanagari);
  }

  @Test
  void anUnknownFranchiseIsAWarningNotARejection() {
    GameFeatures expansion = game("Seattle SuperSonics", "Las Vegas Aces", HOME, AWAY);

    RowValidator.Result result = validator.validate(List.of(expansion));

    assertThat(result.accepted()).containsExactly(expansion);
    assertThat(result.warnings())
        .extracting(GameWarning::kind)
        .containsExactly(GameWarning.Kind.UNKNOWN_TEAM, GameWarning.Kind.UNKNOWN_TEAM);
    assertThat(result.warnings().get(0).detail())
        .startsWith("\"Seattle SuperSonics\" is not one of the league's franchises");
  }

  @Test
  void anUnreadableValueIsNamedOnceNotAlsoAsMissing() {
    GameFeatures row =
        new GameFeatures(
            "Boston Celtics",
            "Miami Heat",
            DAY,
            with(HOME, "avgPtsScored", null),
            AWAY,
            Map.of(
                "home_team_avg_pts_scored",
                "home_team_avg_pts_scored = 1e400 is beyond what a double holds"));

    Rejection r = validator.validate(List.of(row)).rejected().get(0);

    assertThat(r.reason()).isEqualTo(Reason.NOT_REPRESENTABLE);
    assertThat(r.detail())
        .isEqualTo("home_team_avg_pts_scored = 1e400 is beyond what a double holds");
  }

  @Test
  void aTeamPlayingItselfInAnotherCaseIsATeamPlayingItself() {
    Rejection r =
        validator
            .validate(List.of(game("Brooklyn Nets", "brooklyn nets", HOME, AWAY)))
            .rejected()
            .get(0);

    assertThat(r.reason()).isEqualTo(Reason.SAME_TEAM);
  }

  @Test
  void namesThatDifferOnlyInCaseAreOneTeamTwiceOnADate() {
    GameFeatures shouting = game("BOSTON CELTICS", "Denver Nuggets", HOME, AWAY);

    RowValidator.Result result = validator.validate(List.of(valid(), shouting));

    assertThat(result.accepted()).isEmpty();
    assertThat(result.rejected()).extracting(Rejection::reason).containsOnly(Reason.DUPLICATE_GAME);
  }

  @Test
  void aNameWithATrailingSpaceIsRejectedAndTheRealTeamsGameKept() {
    GameFeatures spaced = game("Boston Celtics ", "Denver Nuggets", HOME, AWAY);

    RowValidator.Result result = validator.validate(List.of(valid(), spaced));

    assertThat(result.accepted()).containsExactly(valid());
    assertThat(result.rejected())
        .singleElement()
        .extracting(Rejection::reason)
        .isEqualTo(Reason.INVALID_NAME);
  }

  @Test
  void rejectsEveryCopyOfAGameThatAppearsTwice() {
    GameFeatures other = game("Denver Nuggets", "Utah Jazz", HOME, AWAY);

    RowValidator.Result result = validator.validate(List.of(valid(), other, valid()));

    assertThat(result.accepted()).containsExactly(other);
    assertThat(result.rejected())
        .hasSize(2)
        .allSatisfy(
            r -> {
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
    GameFeatures bad =
        game("Boston Celtics", "Miami Heat", with(HOME, "rank", null), with(AWAY, "winPct", 7.0));

    Rejection r = validator.validate(List.of(bad)).rejected().get(0);

    assertThat(r.reason()).isEqualTo(Reason.MISSING_VALUE);
    assertThat(r.detail())
        .isEqualTo("home_team_rank is missing; away_team_win_pct = 7 is not between 0 and 1");
  }
}
