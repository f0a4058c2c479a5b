package dev.nbaml.lambda;

/**
 * Applies the database migrations from inside the VPC, for a database only the function can reach.
 */
interface Migrator {

  /** What {@code {"action": "migrate"}} returns. */
  record Result(
      String status, int migrationsApplied, String schemaVersion, long duplicatesRemoved) {}

  /**
   * @param keepNewestDuplicates keep the newest row of each duplicated key of an old predictions
   *     table
   */
  Result migrate(boolean keepNewestDuplicates);
}
