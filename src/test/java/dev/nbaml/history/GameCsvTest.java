package dev.nbaml.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GameCsvTest {
  static final String HEADER =
      "game_date,season,game_type,home_team,away_team,home_score,away_score,home_moneyline,away_moneyline\n";

  @Test
  void readsGamesOldestFirstWithOptionalOdds() throws Exception {
    List<GameResult> games =
        GameCsv.parse(
                HEADER
                    + "2023-10-26,2023-24,regular,Boston Celtics,Miami Heat,110,100,-160,140\n"
                    + "2023-10-24,2023-24,postseason,Utah Jazz,Denver Nuggets,99,104,,\n",
                "t.csv")
            .games();

    assertThat(games)
        .extracting(GameResult::homeTeam)
        .containsExactly("Utah Jazz", "Boston Celtics");
    assertThat(games.get(0).type()).isEqualTo(GameType.POSTSEASON);
    assertThat(games.get(1).type()).isEqualTo(GameType.REGULAR);
    assertThat(games.get(0).homeMoneyline()).isNull();
    assertThat(games.get(1).homeWon()).isTrue();
    assertThat(games.get(1).awayMoneyline()).isEqualTo(140.0);
  }

  @Test
  void errorsNameTheFileLineAndColumn() {
    assertThatThrownBy(() -> GameCsv.parse("game_date,season\n", "t.csv"))
        .hasMessage("t.csv: the header lacks the column game_type");
    assertThatThrownBy(
            () -> GameCsv.parse(HEADER + "2023-13-01,2023-24,regular,A,B,1,2,,\n", "t.csv"))
        .hasMessage("t.csv:2: game_date is not a date YYYY-MM-DD");
    assertThatThrownBy(
            () -> GameCsv.parse(HEADER + "2023-10-01,2023-24,regular,A,B,x,2,,\n", "t.csv"))
        .hasMessage("t.csv:2: home_score is not a whole number");
    assertThatThrownBy(
            () -> GameCsv.parse(HEADER + "2023-10-01,2023-24,regular,A,A,1,2,,\n", "t.csv"))
        .hasMessageContaining("must be two teams");
  }

  @Test
  void theGameTypesOfRecentSeasonsAreReadAndAnUnknownTypeIsAWarningNotAFailedFile()
      throws Exception {
    GameCsv.Read read =
        GameCsv.parse(
            HEADER
                + "2023-10-08,2023-24,Pre Season,A,B,100,90,,\n"
                + "2023-11-03,2023-24,In-Season Tournament,A,B,110,100,-150,130\n"
                + "2023-12-07,2023-24,NBA Cup Semifinal,A,C,110,100,-150,130\n"
                + "2023-12-09,2023-24,IST,A,D,109,89,-150,130\n"
                + "2024-02-18,2023-24,All-Star,E,W,211,186,,\n"
                + "2024-04-16,2023-24,PlayIn,B,C,100,90,-150,130\n"
                + "2024-04-17,2023-24,Exhibition Game,B,C,100,90,,\n"
                + "2024-04-18,2023-24,exhibition game,C,B,100,90,,\n"
                + "2024-04-20,2023-24,Playoffs,A,B,100,90,-150,130\n",
            "t.csv");

    assertThat(read.games())
        .extracting(GameResult::type)
        .containsExactly(
            GameType.NBA_CUP,
            GameType.NBA_CUP,
            GameType.NBA_CUP_FINAL,
            GameType.PLAY_IN,
            GameType.POSTSEASON);
    assertThat(read.warnings())
        .containsExactly(
            "t.csv: 1 game of the unknown game_type 'Exhibition Game' (first at line 8) left out of standings, form,"
                + " training and metrics",
            "t.csv: 1 game of the unknown game_type 'exhibition game' (first at line 9) left out of standings, form,"
                + " training and metrics",
            "t.csv: 2 games of pre-season or All-Star (exhibitions) left out");
  }

  @Test
  void warningsAboutUnknownTypesAreBoundedWhateverTheFileHolds() throws Exception {
    StringBuilder csv = new StringBuilder(HEADER);
    for (int i = 0; i < 500; i++) {
      csv.append("2023-11-01,2023-24,mystery ").append(i % 50).append(",A,B,1,2,,\n");
    }
    csv.append("2023-11-02,2023-24,").append("x".repeat(10_000)).append(",A,B,1,2,,\n");
    csv.append("2023-11-03,2023-24,regular,A,B,1,2,,\n");

    GameCsv.Read read = GameCsv.parse(csv.toString(), "t.csv");

    assertThat(read.games()).hasSize(1);
    assertThat(read.warnings()).hasSize(LeftOutGames.MAX_TYPES_NAMED + 1);
    assertThat(read.warnings().get(0))
        .startsWith("t.csv: 10 games of the unknown game_type 'mystery 0' (first at line 2)");
    assertThat(read.warnings().get(LeftOutGames.MAX_TYPES_NAMED))
        .isEqualTo("t.csv: 401 games of 41 more unknown game types left out");
    assertThat(String.join("\n", read.warnings()).length()).isLessThan(2_000);
  }
}
