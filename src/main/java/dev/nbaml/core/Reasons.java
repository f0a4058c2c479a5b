package dev.nbaml.core;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The largest contributions of an explanation in words, from the feature and the row's values: the
 * one home of the phrases (the report uses them). A phrase says what the row holds; whether it
 * favours the home or the away team is the sign of the contribution ({@link Reason#favoursHome}).
 */
public final class Reasons {

  /** A reason: the feature, its contribution to the log-odds of a home win, and the phrase. */
  public record Reason(String feature, double contribution, String text) {
    public boolean favoursHome() {
      return contribution >= 0;
    }
  }

  private Reasons() {}

  /**
   * The {@code n} largest reasons of the explanation, largest first, in words. Features that say
   * the same thing of this row ("there is no betting line" from both {@code has_odds} and {@code
   * market_logit}) are one reason, their contributions added, so that the reasons are distinct.
   */
  public static List<Reason> largest(Explanation explanation, GameFeatures game, int n) {
    Map<String, Reason> byPhrase = new LinkedHashMap<>();
    explanation
        .largest(explanation.contributions().size())
        .forEach(
            e -> {
              String text = phrase(e.getKey(), game);
              byPhrase.merge(
                  text,
                  new Reason(e.getKey(), e.getValue(), text),
                  (a, b) ->
                      new Reason(
                          a.feature() + "+" + b.feature(),
                          a.contribution() + b.contribution(),
                          text));
            });
    return byPhrase.values().stream()
        .sorted(
            Comparator.comparingDouble((Reason r) -> -Math.abs(r.contribution()))
                .thenComparing(Reason::feature))
        .limit(n)
        .toList();
  }

  /** What the row says about one feature, e.g. "the line makes the home team a 68% favourite". */
  public static String phrase(String feature, GameFeatures g) {
    Optional<Double> market = FeatureCatalog.marketProbability(g);
    String noLine = market.isPresent() ? "the game has a betting line" : null;
    return switch (feature) {
      case "market_logit" ->
          market
              .map(
                  p ->
                      p >= 0.5
                          ? "the line makes the home team a " + percent(p) + " favourite"
                          : "the line makes the away team a " + percent(1 - p) + " favourite")
              .orElse("there is no betting line");
      case "has_odds" ->
          market.isPresent() ? "the game has a betting line" : "there is no betting line";
      case "win_pct_diff" -> both(g, Reasons::winPct);
      case "win_pct_last10_diff" -> both(g, Reasons::last10);
      case "net_pts_diff" -> both(g, Reasons::margin);
      case "rank_diff" -> both(g, Reasons::rank);
      case "rest_diff" -> both(g, Reasons::rest);
      case "home_back_to_back" -> backToBack("the home team", g.home());
      case "away_back_to_back" -> backToBack("the away team", g.away());
      case "top_players_diff" -> both(g, Reasons::topPlayers);
      case "no_odds_win_pct_diff" ->
          noLine != null ? noLine : both(g, Reasons::winPct) + ", with no line";
      case "no_odds_win_pct_last10_diff" ->
          noLine != null ? noLine : both(g, Reasons::last10) + ", with no line";
      case "no_odds_net_pts_diff" ->
          noLine != null ? noLine : both(g, Reasons::margin) + ", with no line";
      case "no_odds_rank_diff" ->
          noLine != null ? noLine : both(g, Reasons::rank) + ", with no line";
      default -> table(feature, g);
    };
  }

  /** The legacy model's features: one team's column of the table. */
  private static String table(String feature, GameFeatures g) {
    boolean home = feature.startsWith("home_");
    String who = home ? "the home team" : "the away team";
    TeamFeatures t = home ? g.home() : g.away();
    String column = feature.substring(feature.indexOf('_') + 1);
    return switch (column) {
      case "team_rank" -> who + " " + rank(t);
      case "days_rest" -> who + " " + rest(t);
      case "team_avg_pts_scored" -> who + " scores " + one(t.avgPtsScored()) + " points a game";
      case "team_avg_pts_scored_opp" ->
          who + " allows " + one(t.avgPtsAllowed()) + " points a game";
      case "team_win_pct" -> who + " " + winPct(t);
      case "team_win_pct_last10" -> who + " " + last10(t);
      case "is_top_players" -> who + " " + topPlayers(t);
      default -> feature + " is " + FeatureCatalog.values(g, List.of(feature))[0];
    };
  }

  private static String both(GameFeatures g, Function<TeamFeatures, String> says) {
    return "the home team " + says.apply(g.home()) + ", the away team " + says.apply(g.away());
  }

  private static String backToBack(String who, TeamFeatures t) {
    return t.daysRest() == 0
        ? who + " is on the second night of a back-to-back"
        : who + " is not on a back-to-back";
  }

  private static String winPct(TeamFeatures t) {
    return "has won " + percent(t.winPct()) + " of its games this season";
  }

  private static String last10(TeamFeatures t) {
    return "won " + Math.round(t.winPctLast10() * 10) + " of its last 10";
  }

  private static String margin(TeamFeatures t) {
    return "has an average margin of "
        + String.format(Locale.ROOT, "%+.1f", t.avgPtsScored() - t.avgPtsAllowed())
        + " points";
  }

  private static String rank(TeamFeatures t) {
    return "ranks " + ordinal(Math.round(t.rank())) + " in the league";
  }

  private static String rest(TeamFeatures t) {
    long days = Math.round(t.daysRest());
    return "has " + days + (days == 1 ? " day" : " days") + " of rest";
  }

  private static String topPlayers(TeamFeatures t) {
    return "has " + Math.round(t.topPlayers()) + " of its 2 best players available";
  }

  private static String percent(double p) {
    return Math.round(p * 100) + "%";
  }

  private static String one(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  static String ordinal(long n) {
    long tens = n % 100;
    String suffix =
        tens >= 11 && tens <= 13
            ? "th"
            : switch ((int) (n % 10)) {
              case 1 -> "st";
              case 2 -> "nd";
              case 3 -> "rd";
              default -> "th";
            };
    return n + suffix;
  }
}
