package dev.nbaml.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nbaml.db.DbCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretParsingTest {

  @Test
  void readsTheRdsSecretJson() {
    DbCredentials c =
        SecretsManagerCredentials.parse(
            "nba/db",
            "{\"username\": \"app\", \"password\": \"s3cr3t-Value\", \"engine\": \"postgres\", \"host\": \"db.internal\", \"port\": 6432, \"dbname\": \"nba\"}");

    assertThat(c).isEqualTo(new DbCredentials("app", "s3cr3t-Value", "db.internal", 6432, "nba"));
    assertThat(c.toString()).doesNotContain("s3cr3t-Value").contains("password=****");
  }

  @Test
  void portAsTextAndNoDbnameAreAccepted() {
    DbCredentials c =
        SecretsManagerCredentials.parse(
            "nba/db",
            "{\"username\": \"app\", \"password\": \"p\", \"host\": \"db\", \"port\": \"5433\"}");
    assertThat(c.port()).isEqualTo(5433);
    assertThat(c.dbname()).isEqualTo("postgres");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"username\": \"app\", \"password\": \"hunter2-secret\", \"host\": \"db\"                   | is not JSON",
        "[\"hunter2-secret\"]                                                                         | is not a JSON object",
        "{\"password\": \"hunter2-secret\", \"host\": \"db\"}                                         | field 'username' is missing",
        "{\"username\": \"app\", \"host\": \"db\"}                                                    | field 'password' is missing",
        "{\"username\": \"app\", \"password\": \"hunter2-secret\"}                                    | field 'host' is missing",
        "{\"username\": \"app\", \"password\": \"hunter2-secret\", \"host\": \"db\", \"port\": 99999} | field 'port' is not a port number",
        "{\"username\": \"app\", \"password\": \"hunter2-secret\", \"host\": \"db\", \"engine\": \"mysql\"} | engine is not postgres",
      })
  void aMalformedSecretIsRefusedWithoutShowingItsContent(String secret, String message) {
    assertThatThrownBy(() -> SecretsManagerCredentials.parse("nba/db", secret))
        .hasMessageContaining("Secret nba/db")
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2-secret"));
  }
}
