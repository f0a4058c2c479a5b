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

  static RuntimeException wrap(String what, SQLException e) {
    String message = what + ": " + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")";
    return isTransient(e) ? new TransientException(message, e) : new DatabaseException(message, e);
  }
}
