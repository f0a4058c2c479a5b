package dev.nbaml.core;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a team name may be. A name is valid only if it could be a team's name: 1 to {@link
 * #MAX_LENGTH} characters of letters (any script), digits, single spaces between words and the
 * punctuation of real club names ({@code . ' ’ - & ( )}), with the combining marks some scripts
 * need, in Unicode normal form C; no leading, trailing or repeated white space and no control or
 * invisible characters, so that two spellings PostgreSQL would store as different keys cannot stand
 * for one team. A valid name that is not one of the league's 30 franchises is only a warning: a
 * relocated or new franchise must not stop the pipeline.
 */
public final class TeamNames {

  /** The longest name accepted; the longest franchise name today has 22 characters. */
  public static final int MAX_LENGTH = 64;

  /** The league's 30 franchises as dbt names them (full names). */
  public static final List<String> FRANCHISE_NAMES =
      List.of(
          "Atlanta Hawks",
          "Boston Celtics",
          "Brooklyn Nets",
          "Charlotte Hornets",
          "Chicago Bulls",
          "Cleveland Cavaliers",
          "Dallas Mavericks",
          "Denver Nuggets",
          "Detroit Pistons",
          "Golden State Warriors",
          "Houston Rockets",
          "Indiana Pacers",
          "Los Angeles Clippers",
          "Los Angeles Lakers",
          "Memphis Grizzlies",
          "Miami Heat",
          "Milwaukee Bucks",
          "Minnesota Timberwolves",
          "New Orleans Pelicans",
          "New York Knicks",
          "Oklahoma City Thunder",
          "Orlando Magic",
          "Philadelphia 76ers",
          "Phoenix Suns",
          "Portland Trail Blazers",
          "Sacramento Kings",
          "San Antonio Spurs",
          "Toronto Raptors",
          "Utah Jazz",
          "Washington Wizards");

  /** The franchises, and the Clippers' official short form. */
  public static final Set<String> FRANCHISES = franchises();

  private static final String PUNCTUATION = ".'’-&()";

  private TeamNames() {}

  /** Why {@code name} cannot be a team's name, or empty when it can; {@code column} names it. */
  public static Optional<String> problem(String column, String name) {
    if (name == null || name.isEmpty()) {
      return Optional.of(column + " is missing");
    }
    if (name.length() > MAX_LENGTH) {
      return Optional.of(
          column
              + " = "
              + shown(name)
              + " is "
              + name.length()
              + " characters long, more than the "
              + MAX_LENGTH
              + " a team name may have");
    }
    if (name.isBlank()) {
      return Optional.of(column + " is missing (only white space)");
    }
    if (Character.isWhitespace(name.codePointAt(0))
        || Character.isSpaceChar(name.codePointAt(0))
        || Character.isWhitespace(name.codePointBefore(name.length()))
        || Character.isSpaceChar(name.codePointBefore(name.length()))) {
      return Optional.of(column + " = " + shown(name) + " has leading or trailing white space");
    }
    if (name.contains("  ")) {
      return Optional.of(column + " = " + shown(name) + " has repeated spaces");
    }
    if (!Normalizer.isNormalized(name, Normalizer.Form.NFC)) {
      // "Montréal" with é as e + U+0301 is another key than with é as one character: the same team
      // twice
      return Optional.of(
          column
              + " = "
              + shown(name)
              + " is not in Unicode normal form C (NFC): write each"
              + " accented letter as one character");
    }
    for (int i = 0; i < name.length(); ) {
      int c = name.codePointAt(i);
      if (!(Character.isLetter(c)
          || Character.isDigit(c)
          || c == ' '
          || PUNCTUATION.indexOf(c) >= 0
          || (i > 0 && isMark(c)))) {
        return Optional.of(
            column
                + " = "
                + shown(name)
                + " contains "
                + describe(c)
                + ", which a team name may not (letters, digits, single spaces and "
                + PUNCTUATION
                + " only)");
      }
      i += Character.charCount(c);
    }
    return Optional.empty();
  }

  /** A combining mark, which scripts need after a letter even in NFC. */
  private static Set<String> franchises() {
    Set<String> names = new HashSet<>(FRANCHISE_NAMES);
    names.add("LA Clippers");
    return Set.copyOf(names);
  }

  private static boolean isMark(int c) {
    int type = Character.getType(c);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }

  /** Whether a valid name is one of the league's franchises. */
  public static boolean isFranchise(String name) {
    return FRANCHISES.contains(name);
  }

  /**
   * The form in which two names count as the same team for the duplicate check: the database key
   * compares names exactly, and two valid names that differ only in case are one team written
   * twice.
   */
  public static String sameTeamKey(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /**
   * A name for a message or a summary: quoted, control characters escaped, at most 80 characters.
   */
  public static String shown(String name) {
    if (name == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder("\"");
    int shown = 0;
    for (int i = 0; i < name.length() && shown < 80; shown++) {
      int c = name.codePointAt(i);
      if (Character.isISOControl(c)
          || Character.getType(c) == Character.FORMAT
          || (Character.isSpaceChar(c) && c != ' ')) {
        out.append(String.format(Locale.ROOT, "\\u%04X", c));
      } else {
        out.appendCodePoint(c);
      }
      i += Character.charCount(c);
    }
    out.append('"');
    if (name.length() > 80) {
      out.append("…(").append(name.length()).append(" characters)");
    }
    return out.toString();
  }

  /** A name as it is, where it is short and printable; otherwise as {@link #shown}. */
  public static String forLog(String name) {
    if (name == null
        || (name.length() <= 80
            && name.codePoints()
                .allMatch(
                    c ->
                        c == ' '
                            || !(Character.isISOControl(c)
                                || Character.getType(c) == Character.FORMAT
                                || Character.isSpaceChar(c))))) {
      return String.valueOf(name);
    }
    return shown(name);
  }

  private static String describe(int c) {
    String name = Character.getName(c);
    return String.format(
        Locale.ROOT, "U+%04X%s", c, name == null ? "" : " (" + name.toLowerCase(Locale.ROOT) + ")");
  }
}
