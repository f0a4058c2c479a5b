package dev.nbaml.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nbaml.aws.SecretsManagerCredentials;
import dev.nbaml.config.TableName;
import dev.nbaml.core.GameFeatures;
import dev.nbaml.history.GameType;
import dev.nbaml.history.LabeledGame;
import dev.nbaml.testing.PipelineFixture;
import dev.nbaml.testing.TestGames;
import dev.nbaml.testing.TestServices;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The audit-table history reader and game types, against real PostgreSQL. */
class JdbcHistoryReaderIT {
  private static final TableName AUDIT = TableName.parse("silver.ml_game_features_audit");

  private PipelineFixture pipeline;
  private Database database;
  private List<GameFeatures> games;

  @BeforeEach
  void setUp() throws Exception {
    pipeline = new PipelineFixture();
    games = TestGames.slate(31, LocalDate.of(2023, 12, 9), 5);
    try (Connection c = pipeline.database().connect()) {
      TestGames.insert(c, AUDIT.toString(), games);
    }
    pipeline.database().execute("UPDATE " + AUDIT + " SET outcome = 1");
    database =
        new Database(
            new SecretsManagerCredentials(TestServices.get().secretsManager(), pipeline.secretId()),
            "disable",
            Duration.ofSeconds(5));
  }

  @AfterEach
  void tearDown() {
    database.close();
    pipeline.close();
  }

  @Test
  void theContractsAuditTableHasNoGameTypeAndItsRowsAreRegularSeason() {
    JdbcHistoryReader.Read read = new JdbcHistoryReader(database, AUDIT).labeledGames();

    assertThat(read.games()).hasSize(5).allMatch(LabeledGame::regularSeason);
    assertThat(read.warnings()).isEmpty();
  }

  @Test
  void eachGameIsReadFromItsLatestCopyNeverAnOlderOne() {
    // an older copy of every game, stored after the latest, with the other outcome and another win
    // %
    pipeline
        .database()
        .execute(
            "CREATE TEMP TABLE older AS SELECT * FROM "
                + AUDIT
                + ";"
                + " UPDATE older SET outcome = 0, home_team_win_pct = 0.123, audit_inserted_at = audit_inserted_at - interval '1 day';"
                + " INSERT INTO "
                + AUDIT
                + " SELECT * FROM older");
    assertThat(pipeline.query("SELECT count(*) AS n FROM " + AUDIT).get(0).get("n")).isEqualTo(10L);

    JdbcHistoryReader.Read read = new JdbcHistoryReader(database, AUDIT).labeledGames();

    assertThat(read.games())
        .hasSize(5)
        .allSatisfy(
            g -> {
              assertThat(g.homeWin()).isEqualTo(1);
              assertThat(g.features().home().winPct()).isNotEqualTo(0.123);
            });
    assertThat(read.games())
        .extracting(g -> g.features().homeTeam())
        .containsExactlyInAnyOrderElementsOf(games.stream().map(GameFeatures::homeTeam).toList());
  }

  @Test
  void aGameTypeColumnIsReadByTheLeaguesRuleAndAnUnknownTypeIsAWarning() {
    pipeline.database().execute("ALTER TABLE " + AUDIT + " ADD COLUMN game_type text");
    String[] types = {
      "Emirates NBA Cup Final", "NBA Cup Semifinal", "PlayIn", "Summer League", null
    };
    for (int i = 0; i < types.length; i++) {
      pipeline
          .database()
          .execute(
              "UPDATE "
                  + AUDIT
                  + " SET game_type = "
                  + (types[i] == null ? "NULL" : "'" + types[i] + "'")
                  + " WHERE home_team = '"
                  + games.get(i).homeTeam()
                  + "'");
    }

    JdbcHistoryReader.Read read = new JdbcHistoryReader(database, AUDIT).labeledGames();

    assertThat(read.games())
        .extracting(LabeledGame::type)
        .containsExactlyInAnyOrder(
            GameType.NBA_CUP_FINAL, GameType.NBA_CUP, GameType.PLAY_IN, GameType.REGULAR);
    assertThat(read.games().stream().filter(LabeledGame::regularSeason)).hasSize(2);
    assertThat(read.warnings())
        .containsExactly(
            "silver.ml_game_features_audit: 1 game of the unknown game_type"
                + " 'Summer League' (first at "
                + games.get(3).homeTeam()
                + " - "
                + games.get(3).awayTeam()
                + " on 2023-12-09) left out of standings, form, training and metrics");
  }
}
