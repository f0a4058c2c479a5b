package dev.nbaml.db;

import dev.nbaml.config.DatabaseSettings;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections to the pipeline's PostgreSQL. Credentials are fetched once and cached for the life of
 * the execution environment; a login refused after a password rotation fetches them once more and
 * tries once more. One connection is kept between invocations and checked before reuse.
 *
 * <p>Every wait is bounded below the function's timeout: the connect and login, each statement
 * (PostgreSQL's {@code statement_timeout}, lock waits included), each wait for a lock that another
 * session holds ({@code lock_timeout}: a long dbt transaction, a manual {@code LOCK TABLE}), and
 * each socket read (the statement timeout plus a margin, for a server that stops answering). A
 * timeout is a {@link dev.nbaml.core.TransientException} that names what was waited for.
 */
public final class Database implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+\\]");

  private final CredentialsSource credentialsSource;
  private final String sslMode;
  private final Timeouts timeouts;
  private DbCredentials credentials;
  private Connection connection;

  /**
   * The bounds of every wait on the database.
   *
   * @param connect connect and login ({@code DB_CONNECT_TIMEOUT_SECONDS})
   * @param statement any one statement, lock waits included ({@code DB_STATEMENT_TIMEOUT_SECONDS})
   * @param lock a wait for a lock another session holds ({@code DB_LOCK_TIMEOUT_SECONDS})
   */
  public record Timeouts(Duration connect, Duration statement, Duration lock) {
    /** Reads between the server's answers may take the statement timeout and this much more. */
    static final Duration SOCKET_MARGIN = Duration.ofSeconds(5);

    /** The defaults of the configuration, with the given connect timeout. */
    public static Timeouts withConnect(Duration connect) {
      return new Timeouts(
          connect,
          Duration.ofSeconds(DatabaseSettings.DEFAULT_STATEMENT_TIMEOUT_SECONDS),
          Duration.ofSeconds(DatabaseSettings.DEFAULT_LOCK_TIMEOUT_SECONDS));
    }

    /** The configured bounds. */
    public static Timeouts of(DatabaseSettings settings) {
      return new Timeouts(
          settings.connectTimeout(), settings.statementTimeout(), settings.lockTimeout());
    }

    /** PostgreSQL's startup options that set the statement and lock timeouts of a session. */
    public String serverOptions() {
      return "-c statement_timeout=" + statement.toMillis() + " -c lock_timeout=" + lock.toMillis();
    }

    /** Seconds a socket read may block: the statement's bound and a margin. */
    long socketTimeoutSeconds() {
      return statement.plus(SOCKET_MARGIN).toSeconds();
    }
  }

  /** A database with the default statement and lock timeouts. */
  public Database(CredentialsSource credentialsSource, String sslMode, Duration connectTimeout) {
    this(credentialsSource, sslMode, Timeouts.withConnect(connectTimeout));
  }

  /** The JDBC sslmode of every connection. */
  public String sslMode() {
    return sslMode;
  }

  public Database(CredentialsSource credentialsSource, String sslMode, Timeouts timeouts) {
    this.credentialsSource = credentialsSource;
    this.sslMode = sslMode;
    this.timeouts = timeouts;
  }

  /**
   * The bounds of every wait on this database (for tools such as Flyway that connect themselves).
   */
  public Timeouts timeouts() {
    return timeouts;
  }

  private boolean checked;

  /**
   * An open connection in auto-commit mode, the kept one if it still works. The kept connection is
   * checked with one round trip on its first use after {@link #recheck()} (each invocation), not on
   * every call of a run.
   *
   * @throws dev.nbaml.core.TransientException when the database cannot be reached
   * @throws DatabaseException when the login is refused even with freshly fetched credentials
   */
  public synchronized Connection connection() {
    if (connection != null) {
      try {
        if (!connection.isClosed() && (checked || connection.isValid(2))) {
          checked = true;
          connection.setAutoCommit(true);
          return connection;
        }
      } catch (SQLException e) {
        LOG.info("The kept database connection is broken, opening a new one: {}", e.getMessage());
      }
      closeQuietly();
    }
    connection = open();
    checked = true;
    return connection;
  }

  /**
   * Makes the next use check the kept connection first (it may have died since the last
   * invocation).
   */
  public synchronized void recheck() {
    checked = false;
  }

  /** A new connection of its own (the caller closes it), for work beside the kept connection. */
  public synchronized Connection newConnection() {
    return open();
  }

  /**
   * A database of its own for work beside this one (a backfill writer): the same credentials, one
   * more kept connection, closed with it.
   */
  public synchronized Database dedicated() {
    Database other = new Database(credentialsSource, sslMode, timeouts);
    other.credentials = credentials;
    return other;
  }

  /** Fetches the credentials now if they are not cached yet (to prime a new environment). */
  public synchronized void primeCredentials() {
    if (credentials == null) {
      credentials = credentialsSource.fetch();
    }
  }

  /** Forgets the kept connection and credentials (after a SnapStart restore). */
  public synchronized void reset() {
    closeQuietly();
    credentials = null;
  }

  /** The JDBC URL, without user or password: safe to log. */
  public synchronized String jdbcUrl() {
    primeCredentials();
    return url(credentials);
  }

  /** The current credentials (for tools such as Flyway that open their own connections). */
  public synchronized DbCredentials credentials() {
    primeCredentials();
    return credentials;
  }

  private Connection open() {
    primeCredentials();
    try {
      return login(credentials);
    } catch (SQLException first) {
      if (!SqlErrors.isLoginRefused(first)) {
        throw SqlErrors.wrap("Cannot connect to " + url(credentials), first);
      }
      LOG.warn(
          "Login as {} refused ({}); fetching the secret again in case it was rotated",
          credentials.username(),
          first.getSQLState());
      credentials = credentialsSource.fetch();
      try {
        return login(credentials);
      } catch (SQLException second) {
        if (SqlErrors.isLoginRefused(second)) {
          throw new DatabaseException(
              "Login as "
                  + credentials.username()
                  + " to "
                  + url(credentials)
                  + " refused, also with the credentials fetched again from the secret",
              second);
        }
        throw SqlErrors.wrap("Cannot connect to " + url(credentials), second);
      }
    }
  }

  private Connection login(DbCredentials c) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", c.username());
    props.setProperty("password", c.password());
    props.setProperty("sslmode", sslMode);
    props.setProperty("connectTimeout", Long.toString(timeouts.connect().toSeconds()));
    props.setProperty("loginTimeout", Long.toString(timeouts.connect().toSeconds()));
    props.setProperty("socketTimeout", Long.toString(timeouts.socketTimeoutSeconds()));
    props.setProperty("options", timeouts.serverOptions());
    props.setProperty("tcpKeepAlive", "true");
    props.setProperty("ApplicationName", "nba-ml-pipeline");
    Connection c1 = DriverManager.getConnection(url(c), props);
    LOG.debug("Connected to {}", url(c));
    return c1;
  }

  private static String url(DbCredentials c) {
    if (!HOST.matcher(c.host()).matches()) {
      throw new IllegalStateException("The secret's host is not a host name or address");
    }
    return "jdbc:postgresql://"
        + c.host()
        + ":"
        + c.port()
        + "/"
        + URLEncoder.encode(c.dbname(), StandardCharsets.UTF_8);
  }

  private void closeQuietly() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        LOG.debug("Closing the old connection failed: {}", e.getMessage());
      }
      connection = null;
    }
  }

  @Override
  public synchronized void close() {
    closeQuietly();
  }
}
