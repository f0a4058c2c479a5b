package dev.nbaml.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** A database of its own for one test class, and the role (with a password) that owns it. */
public record TestDatabase(TestServices services, String name, String user, String password) {

  /** The RDS secret JSON for this database, as Secrets Manager would hold it. */
  public String secretJson() {
    return secretJson(password);
  }

  public String secretJson(String withPassword) {
    return """
        {"username": "%s", "password": "%s", "engine": "postgres", "host": "%s", "port": %d, "dbname": "%s"}"""
        .formatted(user, withPassword, services.pg().host(), services.pg().port(), name);
  }

  /** A connection as the owning role. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://" + services.pg().host() + ":" + services.pg().port() + "/" + name,
        user,
        password);
  }

  /** Runs SQL as the owning role. */
  public void execute(String sql) {
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("SQL failed: " + e.getMessage(), e);
    }
  }

  /** Runs a SQL script from the test resources. */
  public void executeResource(String resource) {
    try (InputStream in = TestDatabase.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("No test resource " + resource);
      }
      execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Drops the database (ending its sessions) and its role, so that the cluster ends a test run as
   * it started. Idempotent; {@link TestServices} also drops, at exit, every test database left
   * behind.
   */
  public void drop() {
    try (Connection admin = services.pg().connect("postgres");
        Statement st = admin.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      st.execute("DROP ROLE IF EXISTS " + user);
      services.forget(this);
    } catch (SQLException e) {
      // Left for the exit hook, which tries again once every session is gone.
      System.err.println("Test database " + name + " not dropped yet: " + e.getMessage());
    }
  }

  /** Changes the role's password and ends its sessions, as a rotation does. */
  public void rotatePassword(String newPassword) {
    try (Connection admin = services.pg().connect("postgres");
        Statement st = admin.createStatement()) {
      st.execute("ALTER ROLE " + user + " PASSWORD '" + newPassword + "'");
      st.execute(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + user + "'");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
