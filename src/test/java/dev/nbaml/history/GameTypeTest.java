package dev.nbaml.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GameTypeTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "regular                          | REGULAR",
        "Regular Season                   | REGULAR",
        "REGULAR_SEASON                   | REGULAR",
        "postseason                       | POSTSEASON",
        "Playoffs                         | POSTSEASON",
        "Post-Season                      | POSTSEASON",
        "PlayIn                           | PLAY_IN",
        "Play-In                          | PLAY_IN",
        "play-in tournament               | PLAY_IN",
        "NBA Cup                          | NBA_CUP",
        "Emirates NBA Cup                 | NBA_CUP",
        "In-Season Tournament             | NBA_CUP",
        "in_season_tournament             | NBA_CUP",
        "NBA Cup Group Stage              | NBA_CUP",
        "NBA Cup Quarterfinal             | NBA_CUP",
        "NBA Cup Semi-Final               | NBA_CUP",
        "Emirates NBA Cup Knockout        | NBA_CUP",
        "NBA Cup Final                    | NBA_CUP_FINAL",
        "Emirates NBA Cup Championship    | NBA_CUP_FINAL",
        "In-Season Tournament Championship| NBA_CUP_FINAL",
        "IST                              | NBA_CUP_FINAL",
        "Pre Season                       | EXHIBITION",
        "preseason                        | EXHIBITION",
        "All Star                         | EXHIBITION",
        "All-Star Game                    | EXHIBITION",
        "Summer League                    | UNKNOWN",
        "''                               | UNKNOWN",
        "final                            | UNKNOWN",
      })
  void knownSpellingsAreReadInAnyCaseAndPunctuation(String value, GameType expected) {
    assertThat(GameType.of(value)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // type          | standings | form  | regular season
        "REGULAR         | true      | true  | true",
        "NBA_CUP         | true      | true  | true",
        "NBA_CUP_FINAL   | false     | true  | false",
        "PLAY_IN         | false     | true  | false",
        "POSTSEASON      | true      | true  | false",
        "EXHIBITION      | false     | false | false",
        "UNKNOWN         | false     | false | false",
      })
  void eachTypeCountsForWhatTheLeagueCountsItFor(
      GameType type, boolean standings, boolean form, boolean regular) {
    assertThat(type.countsInStandings()).isEqualTo(standings);
    assertThat(type.countsInForm()).isEqualTo(form);
    assertThat(type.regularSeason()).isEqualTo(regular);
  }
}
