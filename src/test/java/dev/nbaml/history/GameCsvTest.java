package dev.nbaml.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GameCsvTest {
  static final String HEADER = "game_date,season,game_type,home_team,away_team,home_score,away_score,home_moneyline,away_moneyline\n";

  @Test
  void readsGamesOldestFirstWithOptionalOdds() throws Exception {
    List<GameResult> games = GameCsv.parse(HEADER
        + "2023-10-26,2023-24,regular,Boston Celtics,Miami Heat,110,100,-160,140\n"
        + "2023-10-24,2023-24,postseason,Utah Jazz,Denver Nuggets,99,104,,\n", "t.csv");

    assertThat(games).extracting(GameResult::homeTeam).containsExactly("Utah Jazz", "Boston Celtics");
    assertThat(games.get(0).postseason()).isTrue();
    assertThat(games.get(0).homeMoneyline()).isNull();
    assertThat(games.get(1).homeWon()).isTrue();
    assertThat(games.get(1).awayMoneyline()).isEqualTo(140.0);
  }

  @Test
  void errorsNameTheFileLineAndColumn() {
    assertThatThrownBy(() -> GameCsv.parse("game_date,season\n", "t.csv"))
        .hasMessage("t.csv: the header lacks the column game_type");
    assertThatThrownBy(() -> GameCsv.parse(HEADER + "2023-13-01,2023-24,regular,A,B,1,2,,\n", "t.csv"))
        .hasMessage("t.csv:2: game_date is not a date YYYY-MM-DD");
    assertThatThrownBy(() -> GameCsv.parse(HEADER + "2023-10-01,2023-24,regular,A,B,x,2,,\n", "t.csv"))
        .hasMessage("t.csv:2: home_score is not a whole number");
    assertThatThrownBy(() -> GameCsv.parse(HEADER + "2023-10-01,2023-24,preseason,A,B,1,2,,\n", "t.csv"))
        .hasMessageContaining("game_type must be regular or postseason");
    assertThatThrownBy(() -> GameCsv.parse(HEADER + "2023-10-01,2023-24,regular,A,A,1,2,,\n", "t.csv"))
        .hasMessageContaining("must be two teams");
  }
}
