package dev.nbaml.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The phrases of the report's reasons, from the feature and the row's values. */
class ReasonsTest {
  static final TeamFeatures HOME = new TeamFeatures(3.0, 0.0, 118.4, 110.2, 0.62, 0.7, 2.0, -240.0);
  static final TeamFeatures AWAY = new TeamFeatures(21.0, 2.0, 109.0, 112.5, 0.45, 0.4, 1.0, 200.0);
  static final GameFeatures GAME =
      new GameFeatures("Boston Celtics", "Miami Heat", LocalDate.of(2024, 1, 15), HOME, AWAY);

  @Test
  void eachFeatureIsSaidInWordsFromTheRowsValues() {
    assertThat(Reasons.phrase("market_logit", GAME))
        .isEqualTo("the line makes the home team a 68% favourite");
    assertThat(Reasons.phrase("home_back_to_back", GAME))
        .isEqualTo("the home team is on the second night of a back-to-back");
    assertThat(Reasons.phrase("away_back_to_back", GAME))
        .isEqualTo("the away team is not on a back-to-back");
    assertThat(Reasons.phrase("win_pct_diff", GAME))
        .isEqualTo(
            "the home team has won 62% of its games this season, the away team has won 45% of its games this season");
    assertThat(Reasons.phrase("win_pct_last10_diff", GAME))
        .isEqualTo("the home team won 7 of its last 10, the away team won 4 of its last 10");
    assertThat(Reasons.phrase("net_pts_diff", GAME))
        .isEqualTo(
            "the home team has an average margin of +8.2 points, the away team has an average margin of -3.5 points");
    assertThat(Reasons.phrase("rank_diff", GAME))
        .isEqualTo("the home team ranks 3rd in the league, the away team ranks 21st in the league");
    assertThat(Reasons.phrase("rest_diff", GAME))
        .isEqualTo("the home team has 0 days of rest, the away team has 2 days of rest");
    assertThat(Reasons.phrase("top_players_diff", GAME))
        .isEqualTo(
            "the home team has 2 of its 2 best players available, the away team has 1 of its 2 best players available");
    assertThat(Reasons.phrase("no_odds_rank_diff", GAME)).isEqualTo("the game has a betting line");
    assertThat(Reasons.phrase("away_team_avg_pts_scored_opp", GAME))
        .isEqualTo("the away team allows 112.5 points a game");
    assertThat(Reasons.phrase("home_team_rank", GAME))
        .isEqualTo("the home team ranks 3rd in the league");
    for (String feature : FeatureCatalog.names()) {
      assertThat(Reasons.phrase(feature, GAME))
          .as(feature)
          .startsWith("the ")
          .doesNotContain(feature);
    }
  }

  @Test
  void withoutALineTheLineSaysSoAndTheAwayFavouriteIsNamed() {
    TeamFeatures noLine = new TeamFeatures(3.0, 1.0, 110.0, 110.0, 0.5, 0.5, 2.0, 100.0);
    GameFeatures placeholder =
        new GameFeatures("Boston Celtics", "Miami Heat", LocalDate.of(2024, 1, 15), noLine, noLine);
    assertThat(Reasons.phrase("market_logit", placeholder)).isEqualTo("there is no betting line");
    assertThat(Reasons.phrase("no_odds_rank_diff", placeholder)).endsWith(", with no line");
    GameFeatures swapped =
        new GameFeatures("Miami Heat", "Boston Celtics", LocalDate.of(2024, 1, 15), AWAY, HOME);
    assertThat(Reasons.phrase("market_logit", swapped))
        .isEqualTo("the line makes the away team a 68% favourite");
    assertThat(Reasons.ordinal(1)).isEqualTo("1st");
    assertThat(Reasons.ordinal(12)).isEqualTo("12th");
    assertThat(Reasons.ordinal(22)).isEqualTo("22nd");
  }

  @Test
  void theLargestContributionsComeFirstWithTheTeamTheyFavour() {
    Map<String, Double> c = new LinkedHashMap<>();
    c.put("market_logit", 0.62);
    c.put("home_back_to_back", -0.21);
    c.put("rank_diff", 0.05);
    c.put("away_back_to_back", 0.3);
    List<Reasons.Reason> reasons = Reasons.largest(new Explanation("m@1.0.0", 0.2, c), GAME, 3);

    assertThat(reasons)
        .extracting(Reasons.Reason::feature)
        .containsExactly("market_logit", "away_back_to_back", "home_back_to_back");
    assertThat(reasons).extracting(Reasons.Reason::favoursHome).containsExactly(true, true, false);
  }

  @Test
  void featuresThatSayTheSameOfARowAreOneReasonTheirContributionsAdded() {
    TeamFeatures noLine = new TeamFeatures(3.0, 1.0, 110.0, 110.0, 0.5, 0.5, 2.0, 100.0);
    GameFeatures placeholder =
        new GameFeatures("Boston Celtics", "Miami Heat", LocalDate.of(2024, 1, 15), noLine, noLine);
    Map<String, Double> c = new LinkedHashMap<>();
    c.put("has_odds", -0.40);
    c.put("market_logit", 0.38);
    c.put("rank_diff", 0.05);
    c.put("home_back_to_back", -0.01);

    List<Reasons.Reason> reasons =
        Reasons.largest(new Explanation("m@1.0.0", 0.2, c), placeholder, 3);

    assertThat(reasons).extracting(Reasons.Reason::text).doesNotHaveDuplicates();
    assertThat(reasons.get(0).feature()).isEqualTo("rank_diff");
    assertThat(reasons)
        .filteredOn(r -> r.text().equals("there is no betting line"))
        .singleElement()
        .satisfies(r -> assertThat(r.contribution()).isCloseTo(-0.02, within(1e-12)));
  }
}
