package dev.nbaml.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureCatalogTest {
  static GameFeatures game(Double homeMl, Double awayMl) {
    return new GameFeatures(
        "Boston Celtics",
        "Miami Heat",
        LocalDate.of(2024, 1, 15),
        new TeamFeatures(3.0, 0.0, 115.0, 105.0, 0.7, 0.8, 2.0, homeMl),
        new TeamFeatures(18.0, 5.0, 110.0, 112.0, 0.45, 0.3, 1.0, awayMl));
  }

  @Test
  void theMarketProbabilityIsDeVigged() {
    assertThat(Moneyline.impliedProbability(-160)).isCloseTo(160.0 / 260, within(1e-12));
    assertThat(Moneyline.impliedProbability(140)).isCloseTo(100.0 / 240, within(1e-12));
    double h = 160.0 / 260;
    double a = 100.0 / 240;
    assertThat(FeatureCatalog.marketProbability(game(-160.0, 140.0))).get().isEqualTo(h / (h + a));
    assertThat(FeatureCatalog.marketProbability(game(null, 140.0))).isEmpty();
  }

  @Test
  void derivedFeaturesAreHomeMinusAwayWithCappedRest() {
    List<String> names =
        List.of(
            "win_pct_diff",
            "win_pct_last10_diff",
            "net_pts_diff",
            "rank_diff",
            "rest_diff",
            "home_back_to_back",
            "away_back_to_back",
            "top_players_diff");
    double[] v = FeatureCatalog.values(game(-160.0, 140.0), names);
    assertThat(v[0]).isCloseTo(0.25, within(1e-12));
    assertThat(v[1]).isCloseTo(0.5, within(1e-12));
    assertThat(v[2]).isCloseTo((10 - (-2)) / 10.0, within(1e-12));
    assertThat(v[3]).isCloseTo(15 / 30.0, within(1e-12));
    assertThat(v[4]).isEqualTo(0 - FeatureCatalog.REST_DIFF_CAP_DAYS);
    assertThat(v[5]).isEqualTo(1.0);
    assertThat(v[6]).isEqualTo(0.0);
    assertThat(v[7]).isEqualTo(1.0);
  }

  @Test
  void aGameWithoutOddsUsesTheNoOddsFeaturesInstead() {
    List<String> names =
        List.of("market_logit", "has_odds", "no_odds_win_pct_diff", "no_odds_rank_diff");
    double[] withOdds = FeatureCatalog.values(game(-160.0, 140.0), names);
    double[] without = FeatureCatalog.values(game(null, null), names);

    assertThat(withOdds[0]).isGreaterThan(0);
    assertThat(withOdds[1]).isEqualTo(1.0);
    assertThat(withOdds[2]).isZero();
    assertThat(without).containsExactly(new double[] {0.0, 0.0, 0.25, 0.5}, within(1e-12));
  }

  @Test
  void everyModelFeatureIsKnown() {
    FeatureCatalog.requireKnown(FeatureCatalog.MODEL_FEATURES, "test");
    assertThat(FeatureCatalog.names()).containsAll(FeatureCatalog.TABLE_FEATURES);
  }
}
