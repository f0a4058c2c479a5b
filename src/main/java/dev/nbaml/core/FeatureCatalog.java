package dev.nbaml.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  private static Map<String, ToDoubleFunction<GameFeatures>> extractors() {
    Map<String, ToDoubleFunction<GameFeatures>> map = new LinkedHashMap<>();
    side(map, "home", GameFeatures::home);
    side(map, "away", GameFeatures::away);
    return Collections.unmodifiableMap(map);
  }

  private static void side(
      Map<String, ToDoubleFunction<GameFeatures>> map,
      String side,
      java.util.function.Function<GameFeatures, TeamFeatures> team) {
    map.put(side + "_team_rank", g -> team.apply(g).rank());
    map.put(side + "_days_rest", g -> team.apply(g).daysRest());
    map.put(side + "_team_avg_pts_scored", g -> team.apply(g).avgPtsScored());
    map.put(side + "_team_avg_pts_scored_opp", g -> team.apply(g).avgPtsAllowed());
    map.put(side + "_team_win_pct", g -> team.apply(g).winPct());
    map.put(side + "_team_win_pct_last10", g -> team.apply(g).winPctLast10());
    map.put(side + "_is_top_players", g -> team.apply(g).topPlayers());
  }
}
