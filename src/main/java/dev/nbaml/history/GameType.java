package dev.nbaml.history;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What kind of game a history row is, and what it counts for, as the league counts it. Read from
 * the {@code game_type} column by {@link #of}: known spellings in any case and punctuation ({@code
 * regular}, {@code Regular Season}, {@code Playoffs}, {@code PlayIn}, {@code NBA Cup}, {@code
 * In-Season Tournament}, {@code Emirates NBA Cup Final}, the stats API's {@code IST}, ...).
 *
 * <ul>
 *   <li>{@code standings}: the game counts in the season win % and the rank the features use;
 *   <li>{@code form}: it counts in the recent form (last-10 win %, average points, days of rest);
 *   <li>{@code regularSeason}: it is a regular-season game for the metrics of a season ({@code
 *       evaluate --season}, {@code train --validation-season}).
 * </ul>
 *
 * Games with neither (pre-season, All-Star, an unknown type) are left out of features, training and
 * metrics altogether.
 */
public enum GameType {
  /** A regular-season game. */
  REGULAR(true, true, true),
  /**
   * An NBA Cup (In-Season Tournament) game before the final: the group stage, quarter-finals and
   * semi-finals are regular-season games for standings and statistics.
   */
  NBA_CUP(true, true, true),
  /**
   * The NBA Cup final (game ids 006..., season type {@code IST} in the stats API): not in the
   * standings nor in regular-season statistics, but a real game for form.
   */
  NBA_CUP_FINAL(false, true, false),
  /** A play-in game: after the regular season, not in its standings; a real game for form. */
  PLAY_IN(false, true, false),
  /**
   * A playoff game: not regular season. It keeps counting in the season win % the features use, as
   * it always has here (the committed model was trained that way; only later playoff rows see it).
   */
  POSTSEASON(true, true, false),
  /** Pre-season and All-Star games: exhibitions, left out. */
  EXHIBITION(false, false, false),
  /** A type this reader does not know: left out, with a warning naming it. */
  UNKNOWN(false, false, false);

  private final boolean standings;
  private final boolean form;
  private final boolean regularSeason;

  GameType(boolean standings, boolean form, boolean regularSeason) {
    this.standings = standings;
    this.form = form;
    this.regularSeason = regularSeason;
  }

  /** The game counts in the season win % and rank. */
  public boolean countsInStandings() {
    return standings;
  }

  /** The game counts in the recent form: last-10 win %, average points, days of rest. */
  public boolean countsInForm() {
    return form;
  }

  /** A regular-season game, for the metrics of a season. */
  public boolean regularSeason() {
    return regularSeason;
  }

  /** A game the history keeps (features, training): not an exhibition, not unknown. */
  public boolean played() {
    return form;
  }

  private static final Set<String> FINAL_WORDS =
      Set.of("final", "finals", "championship", "champion");
  private static final Set<String> EARLIER_ROUND_WORDS =
      Set.of("semi", "quarter", "group", "knockout");

  /**
   * The type a {@code game_type} value names; {@link #UNKNOWN} for one it does not know (never an
   * exception: the caller warns and leaves the game out).
   */
  public static GameType of(String value) {
    String words =
        value == null ? "" : value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
    String joined = words.replace(" ", "");
    List<String> tokens = words.isEmpty() ? List.of() : List.of(words.split(" "));
    switch (joined) {
      case "regular", "regularseason" -> {
        return REGULAR;
      }
      case "postseason", "playoff", "playoffs" -> {
        return POSTSEASON;
      }
      case "playin", "playintournament", "playingame" -> {
        return PLAY_IN;
      }
      case "preseason", "allstar", "allstargame", "exhibition" -> {
        return EXHIBITION;
      }
      case "ist", "nbacupchampionship", "istchampionship" -> {
        return NBA_CUP_FINAL; // the stats API's season type of the final alone
      }
      default -> {
        // an NBA Cup game: the final, or an earlier game (group stage, quarter- or semi-final)
      }
    }
    boolean cup =
        tokens.contains("cup")
            || joined.contains("inseasontournament")
            || joined.contains("nbacup")
            || tokens.contains("ist");
    if (!cup) {
      return UNKNOWN;
    }
    boolean isFinal =
        tokens.stream().anyMatch(FINAL_WORDS::contains)
            && tokens.stream().noneMatch(EARLIER_ROUND_WORDS::contains);
    return isFinal ? NBA_CUP_FINAL : NBA_CUP;
  }
}
