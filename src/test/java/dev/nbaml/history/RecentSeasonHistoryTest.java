package dev.nbaml.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nbaml.core.GameFeatures;
import dev.nbaml.testing.RecentSeasonCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A season with NBA Cup, play-in, playoff, exhibition and unknown games, read as the league counts
 * them.
 */
class RecentSeasonHistoryTest {

  @Test
  void everyRowsSeasonRecordCountsOnlyTheGamesTheLeaguesStandingsCount(@TempDir Path dir)
      throws Exception {
    RecentSeasonCsv.Csv csv = RecentSeasonCsv.generate();
    Path file = Files.writeString(dir.resolve("games.csv"), csv.text());

    History history = History.fromCsv(List.of(file));

    assertThat(history.warnings()).hasSize(2);
    assertThat(history.warnings().get(0))
        .contains(
            csv.unknownRows()
                + " games of the unknown game_type '"
                + RecentSeasonCsv.UNKNOWN_TYPE
                + "'")
        .contains("left out of standings, form, training and metrics");
    assertThat(history.warnings().get(1))
        .contains("of pre-season or All-Star (exhibitions) left out");
    List<LabeledGame> last =
        history.labeled().stream()
            .filter(g -> g.season().equals(RecentSeasonCsv.LAST_SEASON))
            .toList();
    assertThat(last.stream().filter(LabeledGame::regularSeason))
        .hasSize(csv.lastSeasonRegularGames());
    assertThat(last.stream().filter(g -> !g.regularSeason()))
        .hasSize(csv.lastSeasonOtherPlayedGames());
    assertThat(last)
        .extracting(LabeledGame::type)
        .contains(GameType.NBA_CUP, GameType.NBA_CUP_FINAL, GameType.PLAY_IN, GameType.POSTSEASON)
        .doesNotContain(GameType.EXHIBITION, GameType.UNKNOWN);

    // The season win % of every row, recomputed from the games before its date that count in
    // standings.
    Map<String, int[]> record = new HashMap<>();
    int i = 0;
    int checked = 0;
    List<LabeledGame> games = history.labeled();
    while (i < games.size()) {
      int end = i;
      while (end < games.size() && date(games.get(end)).equals(date(games.get(i)))) {
        end++;
      }
      for (int j = i; j < end; j++) {
        LabeledGame g = games.get(j);
        GameFeatures row = g.features();
        assertThat(row.home().winPct())
            .as("%s", row)
            .isEqualTo(winPct(record, g.season(), row.homeTeam()));
        assertThat(row.away().winPct())
            .as("%s", row)
            .isEqualTo(winPct(record, g.season(), row.awayTeam()));
        checked++;
      }
      for (int j = i; j < end; j++) {
        LabeledGame g = games.get(j);
        if (g.type() == GameType.REGULAR
            || g.type() == GameType.NBA_CUP
            || g.type() == GameType.POSTSEASON) {
          boolean homeWon = g.homeWin() == 1;
          record
              .computeIfAbsent(g.season() + g.features().homeTeam(), k -> new int[2])[
              homeWon ? 0 : 1]++;
          record
              .computeIfAbsent(g.season() + g.features().awayTeam(), k -> new int[2])[
              homeWon ? 1 : 0]++;
        }
      }
      i = end;
    }
    assertThat(checked).isEqualTo(history.labeled().size());
  }

  private static LocalDate date(LabeledGame g) {
    return g.features().gameDate();
  }

  private static double winPct(Map<String, int[]> record, String season, String team) {
    int[] wl = record.getOrDefault(season + team, new int[2]);
    double pct = wl[0] + wl[1] == 0 ? 0.5 : (double) wl[0] / (wl[0] + wl[1]);
    return Math.round(pct * 1000) / 1000.0;
  }
}
