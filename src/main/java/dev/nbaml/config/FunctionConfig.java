package dev.nbaml.config;

import java.time.ZoneId;

/**
 * The scoring function's configuration (Lambda, {@code invoke}, {@code report}): every value set,
 * none depending on the mode. Read by {@link Config#function}.
 *
 * @param zone {@code TIME_ZONE}: the zone whose today is the default run date
 * @param summaryMaxGames {@code SUMMARY_MAX_GAMES}: the most rejected games, and the most warned
 *     games, a run's summary lists (all are counted by reason and logged)
 */
public record FunctionConfig(
    AwsSettings aws,
    DatabaseSettings database,
    Tables tables,
    ModelSettings model,
    MonitoringSettings monitoring,
    ZoneId zone,
    int summaryMaxGames,
    LoggingSettings logging,
    MetricsSettings metrics) {

  /** What the database commands of the function ({@code migrate}) need of it. */
  public DatabaseConfig databaseConfig() {
    return new DatabaseConfig(aws, database, tables);
  }
}
