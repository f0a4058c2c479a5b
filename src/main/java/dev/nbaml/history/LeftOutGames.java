package dev.nbaml.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts the history rows a reader leaves out because of their game type, and says so in a bounded
 * number of warnings: each unknown type named (its first {@value #MAX_SHOWN} characters) with its
 * count and where it first appeared, at most {@value #MAX_TYPES_NAMED} of them, then one line for
 * the rest.
 */
public final class LeftOutGames {
  /** At most this many unknown game types are named, one warning each; the rest are counted. */
  public static final int MAX_TYPES_NAMED = 10;

  static final int MAX_SHOWN = 40;

  private final String source;
  private final Map<String, Unknown> unknown = new LinkedHashMap<>();
  private int exhibitions;

  private static final class Unknown {
    int count;
    final String firstAt;

    Unknown(String firstAt) {
      this.firstAt = firstAt;
    }
  }

  /**
   * @param source the file or table, named in the warnings
   */
  public LeftOutGames(String source) {
    this.source = source;
  }

  /**
   * Whether to keep a row of this type; if not, it is counted.
   *
   * @param raw the {@code game_type} value as written
   * @param where where the row is (a line number, a game), named for the first row of an unknown
   *     type
   */
  public boolean keep(GameType type, String raw, String where) {
    if (type.played()) {
      return true;
    }
    if (type == GameType.EXHIBITION) {
      exhibitions++;
    } else {
      String shown =
          raw == null
              ? "(null)"
              : raw.length() > MAX_SHOWN ? raw.substring(0, MAX_SHOWN) + "..." : raw;
      unknown.computeIfAbsent(shown, t -> new Unknown(where)).count++;
    }
    return false;
  }

  /** At most {@value #MAX_TYPES_NAMED} + 2 lines, however many rows were left out. */
  public List<String> warnings() {
    List<String> warnings = new ArrayList<>();
    int otherTypes = 0;
    int otherGames = 0;
    for (Map.Entry<String, Unknown> e : unknown.entrySet()) {
      Unknown u = e.getValue();
      if (warnings.size() < MAX_TYPES_NAMED) {
        warnings.add(
            source
                + ": "
                + games(u.count)
                + " of the unknown game_type '"
                + e.getKey()
                + "' (first at "
                + u.firstAt
                + ") left out of standings, form, training and metrics");
      } else {
        otherTypes++;
        otherGames += u.count;
      }
    }
    if (otherTypes > 0) {
      warnings.add(
          source
              + ": "
              + games(otherGames)
              + " of "
              + otherTypes
              + " more unknown game types left out");
    }
    if (exhibitions > 0) {
      warnings.add(
          source + ": " + games(exhibitions) + " of pre-season or All-Star (exhibitions) left out");
    }
    return List.copyOf(warnings);
  }

  private static String games(int count) {
    return count + (count == 1 ? " game" : " games");
  }
}
