package dev.nbaml.training;

import dev.nbaml.core.ModelIds;
import dev.nbaml.history.LabeledGame;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The rules of retraining in the function ({@code {"action": "retrain"}}): which season validates,
 * when a new model is "not worse" than the current one, and which version number it gets. One home
 * for each, used by {@link Retrainer} and tested on their own.
 */
public final class Retraining {

  /**
   * The day from which a season's regular season counts as complete without a later season in the
   * history: July 1 of its second year. The regular season ends in April and the playoffs in June.
   */
  public static final MonthDay SEASON_OVER = MonthDay.of(7, 1);

  private Retraining() {}

  /**
   * The latest complete regular season of the history: the latest season that the history goes past
   * (it has a game of a later season), or whose July 1 ({@link #SEASON_OVER}) of its second year is
   * on or before {@code today}. A season still being played (its regular season may add games)
   * never validates.
   *
   * @return empty when no season of the history is complete
   */
  public static Optional<String> latestCompleteSeason(
      Collection<LabeledGame> history, LocalDate today) {
    TreeSet<String> seasons = new TreeSet<>();
    history.forEach(g -> seasons.add(g.season()));
    for (String season : seasons.descendingSet()) {
      boolean followed = seasons.higher(season) != null;
      LocalDate over = SEASON_OVER.atYear(Integer.parseInt(season.substring(0, 4)) + 1);
      if (followed || !today.isBefore(over)) {
        return Optional.of(season);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether a new model is not worse than the current one on the same validation games: its Brier
   * score (rounded to 4 decimals, as reported) is not higher. A tie passes.
   *
   * @return the failure as a sentence, or empty when the new model is not worse
   */
  public static Optional<String> notWorse(
      Metrics candidate, Metrics current, String currentVersion) {
    if (candidate.brier() > current.brier()) {
      return Optional.of(
          "Brier score "
              + candidate.brier()
              + " is worse than the current model "
              + currentVersion
              + "'s "
              + current.brier()
              + " on the same "
              + current.games()
              + " validation games");
    }
    return Optional.empty();
  }

  /**
   * The version a new model is published as: the next minor version after the highest published one
   * (1.1.0 → 1.2.0, 1.2.3 → 1.3.0, 2.0.0-rc.1 → 2.1.0; ordered by major, minor and patch as
   * numbers, a pre-release below its release); {@code 1.0.0} when none is published. Entries that
   * are not versions (or whose numbers do not fit an int) are ignored.
   */
  public static String nextVersion(Collection<String> published) {
    return published.stream()
        .filter(ModelIds::isVersion)
        .map(Retraining::core)
        .filter(v -> v != null)
        .max(
            Comparator.<int[]>comparingInt(v -> v[0])
                .thenComparingInt(v -> v[1])
                .thenComparingInt(v -> v[2]))
        .map(v -> v[0] + "." + (v[1] + 1) + ".0")
        .orElse("1.0.0");
  }

  /** Major, minor and patch; null for numbers beyond an int (never published by this product). */
  private static int[] core(String version) {
    String[] parts = version.split("-", 2)[0].split("\\.");
    try {
      return new int[] {
        Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])
      };
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
