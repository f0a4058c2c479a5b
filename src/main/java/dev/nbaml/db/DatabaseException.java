package dev.nbaml.db;

/** A database error that trying again will not fix (missing table, refused login, bad data). */
public class DatabaseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DatabaseException(String message, Throwable cause) {
    super(message, cause);
  }
}
