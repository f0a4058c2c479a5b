package dev.nbaml.db;

import dev.nbaml.core.TransientException;
import java.sql.SQLException;

/** Sorts SQL errors into transient ones (worth a retry) and final ones, by SQLSTATE. */
final class SqlErrors {
  private SqlErrors() {}

  static boolean isTransient(SQLException e) {
    String state = e.getSQLState();
    if (state == null) {
      return true; // the driver gave up before the server answered (I/O)
    }
    return state.startsWith("08") // connection exception
        || state.startsWith("53") // insufficient resources
        || state.startsWith("57P") // admin shutdown, crash shutdown, cannot connect now
        || state.equals("40001") // serialization failure
        || state.equals("40P01") // deadlock detected
        || state.equals("55P03") // lock not available
        || state.equals("57014"); // query cancelled (statement timeout)
  }

  static boolean isLoginRefused(SQLException e) {
    return "28P01".equals(e.getSQLState()) || "28000".equals(e.getSQLState());
  }

  /** SQLSTATE of a lock wait cut off by {@code lock_timeout}. */
  static final String LOCK_NOT_AVAILABLE = "55P03";

  /** SQLSTATE of a statement cancelled, by {@code statement_timeout} or by a person. */
  static final String QUERY_CANCELED = "57014";

  /**
   * The error as the product's exception: transient ones (worth a retry) as {@link
   * TransientException}, the rest as {@link DatabaseException}. A lock or statement timeout says
   * which bound cut the wait off, after {@code what}, which names the table.
   */
  static RuntimeException wrap(String what, SQLException e) {
    String message =
        what + ": " + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")" + timeoutHint(e);
    return isTransient(e) ? new TransientException(message, e) : new DatabaseException(message, e);
  }

  private static String timeoutHint(SQLException e) {
    String text = String.valueOf(e.getMessage());
    if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
      return ": another session held a lock on it for longer than DB_LOCK_TIMEOUT_SECONDS (a long dbt"
          + " transaction, a manual LOCK TABLE?); retry once it is released";
    }
    if (QUERY_CANCELED.equals(e.getSQLState()) && text.contains("statement timeout")) {
      return ": the statement took longer than DB_STATEMENT_TIMEOUT_SECONDS (waiting for a lock, or"
          + " the database is overloaded); retry later";
    }
    return "";
  }
}
