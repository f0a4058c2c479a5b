package dev.nbaml.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The features a model may ask for, by name, and how each is computed from a validated row.
 *
 * <p>Tribuo matches features by name and silently treats an unknown name as absent, so every model
 * is checked against this catalog before it scores anything ({@link #requireKnown}).
 */
public final class FeatureCatalog {

  /** The 14 feature columns of {@code silver.ml_game_features}, in the legacy model's order. */
  public static final List<String> TABLE_FEATURES =
      List.of(
          "home_team_rank",
          "home_days_rest",
          "home_team_avg_pts_scored",
          "home_team_avg_pts_scored_opp",
          "home_team_win_pct",
          "home_team_win_pct_last10",
          "home_is_top_players",
          "away_team_rank",
          "away_days_rest",
          "away_team_avg_pts_scored",
          "away_team_avg_pts_scored_opp",
          "away_team_win_pct",
          "away_team_win_pct_last10",
          "away_is_top_players");

  private static final Map<String, ToDoubleFunction<GameFeatures>> EXTRACTORS = extractors();

  private FeatureCatalog() {}

  /** Every feature name a model may use. */
  public static Set<String> names() {
    return Collections.unmodifiableSet(EXTRACTORS.keySet());
  }

  /** Throws an exception naming every feature of {@code names} that this product cannot compute. */
  public static void requireKnown(List<String> names, String modelDescription) {
    List<String> unknown = names.stream().filter(n -> !EXTRACTORS.containsKey(n)).toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          modelDescription
              + " needs features that silver.ml_game_features does not provide: "
              + unknown
              + " (known: "
              + EXTRACTORS.keySet()
              + ")");
    }
  }

  /** The values of the named features for a row the validator accepted, in the order asked. */
  public static double[] values(GameFeatures game, List<String> names) {
    double[] values = new double[names.size()];
    for (int i = 0; i < values.length; i++) {
      ToDoubleFunction<GameFeatures> extractor = EXTRACTORS.get(names.get(i));
      if (extractor == null) {
        throw new IllegalArgumentException("Unknown feature: " + names.get(i));
      }
      values[i] = extractor.applyAsDouble(game);
    }
    return values;
  }

  /**
   * In {@code rest_diff}, a team's days of rest above this count as this many: rest beyond a few
   * days gives no further edge, and the table's {@code days_rest} is large at a season opener
   * (133). Not the cap of the rows built from game history ({@code
   * FeatureBuilder.HISTORY_DAYS_REST_CAP}).
   */
  public static final int REST_DIFF_CAP_DAYS = 3;

  /**
   * The features of the trained models: the betting market's de-vigged view, home-minus-away
   * differences of the table's columns, and the same differences again for games without odds (zero
   * where there are odds), so that one logistic regression scores games with and without a line.
   */
  public static final List<String> MODEL_FEATURES =
      List.of(
          "market_logit",
          "has_odds",
          "win_pct_diff",
          "win_pct_last10_diff",
          "net_pts_diff",
          "rank_diff",
          "rest_diff",
          "home_back_to_back",
          "away_back_to_back",
          "top_players_diff",
          "no_odds_win_pct_diff",
          "no_odds_win_pct_last10_diff",
          "no_odds_net_pts_diff",
          "no_odds_rank_diff");

  private static Map<String, ToDoubleFunction<GameFeatures>> extractors() {
    Map<String, ToDoubleFunction<GameFeatures>> map = new LinkedHashMap<>();
    side(map, "home", GameFeatures::home);
    side(map, "away", GameFeatures::away);
    map.put("market_logit", g -> marketProbability(g).map(p -> logit(p)).orElse(0.0));
    map.put("has_odds", g -> marketProbability(g).isPresent() ? 1.0 : 0.0);
    map.put("win_pct_diff", g -> g.home().winPct() - g.away().winPct());
    map.put("win_pct_last10_diff", g -> g.home().winPctLast10() - g.away().winPctLast10());
    map.put("net_pts_diff", FeatureCatalog::netPointsDiff);
    map.put("rank_diff", g -> (g.away().rank() - g.home().rank()) / 30.0);
    map.put("rest_diff", g -> cappedRest(g.home()) - cappedRest(g.away()));
    map.put("home_back_to_back", g -> g.home().daysRest() == 0 ? 1.0 : 0.0);
    map.put("away_back_to_back", g -> g.away().daysRest() == 0 ? 1.0 : 0.0);
    map.put("top_players_diff", g -> g.home().topPlayers() - g.away().topPlayers());
    map.put("no_odds_win_pct_diff", g -> noOdds(g) * (g.home().winPct() - g.away().winPct()));
    map.put(
        "no_odds_win_pct_last10_diff",
        g -> noOdds(g) * (g.home().winPctLast10() - g.away().winPctLast10()));
    map.put("no_odds_net_pts_diff", g -> noOdds(g) * netPointsDiff(g));
    map.put("no_odds_rank_diff", g -> noOdds(g) * (g.away().rank() - g.home().rank()) / 30.0);
    return Collections.unmodifiableMap(map);
  }

  /**
   * The betting market's de-vigged P(home win) ({@link Moneyline}): empty where the game has no
   * real line (no price, one side only, dbt's +100/+100 placeholder, or prices no bookmaker would
   * post).
   */
  public static Optional<Double> marketProbability(GameFeatures g) {
    return Moneyline.marketProbability(g.home().moneyline(), g.away().moneyline());
  }

  private static double logit(double p) {
    double clipped = Math.min(Math.max(p, 1e-4), 1 - 1e-4);
    return Math.log(clipped / (1 - clipped));
  }

  private static double noOdds(GameFeatures g) {
    return marketProbability(g).isPresent() ? 0.0 : 1.0;
  }

  private static double netPointsDiff(GameFeatures g) {
    double home = g.home().avgPtsScored() - g.home().avgPtsAllowed();
    double away = g.away().avgPtsScored() - g.away().avgPtsAllowed();
    return (home - away) / 10.0;
  }

  private static double cappedRest(TeamFeatures t) {
    return Math.min(t.daysRest(), REST_DIFF_CAP_DAYS);
  }

  private static void side(
      Map<String, ToDoubleFunction<GameFeatures>> map,
      String side,
      Function<GameFeatures, TeamFeatures> team) {
    map.put(side + "_team_rank", g -> team.apply(g).rank());
    map.put(side + "_days_rest", g -> team.apply(g).daysRest());
    map.put(side + "_team_avg_pts_scored", g -> team.apply(g).avgPtsScored());
    map.put(side + "_team_avg_pts_scored_opp", g -> team.apply(g).avgPtsAllowed());
    map.put(side + "_team_win_pct", g -> team.apply(g).winPct());
    map.put(side + "_team_win_pct_last10", g -> team.apply(g).winPctLast10());
    map.put(side + "_is_top_players", g -> team.apply(g).topPlayers());
  }
}
