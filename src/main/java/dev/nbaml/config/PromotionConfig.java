package dev.nbaml.config;

import java.util.Optional;

/**
 * The configuration of {@code promote --if-better}. Read by {@link Config#promotion}.
 *
 * @param database the database of the settled games (as the database commands read it)
 * @param storage the registry's storage settings (as {@code promote} reads them)
 * @param shadowAlias {@code MODEL_SHADOW_ALIAS}: the candidate's alias, where set
 * @param minGames {@code PROMOTE_MIN_GAMES}: the fewest settled games both versions must have
 *     scored
 */
public record PromotionConfig(
    DatabaseConfig database, StorageConfig storage, Optional<String> shadowAlias, int minGames) {

  /** Default of {@code PROMOTE_MIN_GAMES}: about a sixth of a season. */
  public static final int DEFAULT_MIN_GAMES = 200;
}
