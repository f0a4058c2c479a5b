package dev.nbaml.db;

import java.util.Objects;

/** Database login from the RDS secret JSON. The password never appears in {@link #toString()}. */
public record DbCredentials(
    String username, String password, String host, int port, String dbname) {

  public DbCredentials {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(dbname, "dbname");
  }

  @Override
  public String toString() {
    return "DbCredentials[username="
        + username
        + ", password=****, host="
        + host
        + ", port="
        + port
        + ", dbname="
        + dbname
        + "]";
  }
}
