package dev.nbaml.core;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Reads the games to score. */
public interface GameFeatureReader {

  /**
   * The {@code season} feature flag: empty where there is no flag table (or no such flag), so that
   * the product runs where the pipeline has no flags.
   */
  Optional<Boolean> seasonEnabled();

  /** The rows with {@code game_date >= runDate}, in a stable order. */
  List<GameFeatures> upcomingGames(LocalDate runDate);

  /** How many rows are for dates before {@code runDate} (stale: reported, not scored). */
  int countStaleGames(LocalDate runDate);
}
