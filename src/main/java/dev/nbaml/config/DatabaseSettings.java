package dev.nbaml.config;

import java.time.Duration;

/**
 * How to reach the database, and how long anything there may take.
 *
 * @param secretId {@code DB_SECRET_ID}: the Secrets Manager secret (name or ARN) with the RDS JSON
 * @param sslMode {@code DB_SSLMODE}: the PostgreSQL JDBC sslmode
 * @param connectTimeout {@code DB_CONNECT_TIMEOUT_SECONDS}: connect and login timeout
 * @param statementTimeout {@code DB_STATEMENT_TIMEOUT_SECONDS}: longest any one SQL statement may
 *     run, lock waits included (PostgreSQL's {@code statement_timeout})
 * @param lockTimeout {@code DB_LOCK_TIMEOUT_SECONDS}: longest a statement waits for a lock another
 *     session holds (PostgreSQL's {@code lock_timeout})
 */
public record DatabaseSettings(
    String secretId,
    String sslMode,
    Duration connectTimeout,
    Duration statementTimeout,
    Duration lockTimeout) {

  /** Default of {@code DB_CONNECT_TIMEOUT_SECONDS}. */
  public static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;

  /**
   * Default of {@code DB_STATEMENT_TIMEOUT_SECONDS}: with the 10 s connect timeout, one stuck
   * statement still fails well inside the function's 60 s.
   */
  public static final int DEFAULT_STATEMENT_TIMEOUT_SECONDS = 15;

  /**
   * Default of {@code DB_LOCK_TIMEOUT_SECONDS}: a lock held by dbt or by hand fails the run fast.
   */
  public static final int DEFAULT_LOCK_TIMEOUT_SECONDS = 5;
}
