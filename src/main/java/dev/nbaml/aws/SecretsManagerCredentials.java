package dev.nbaml.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nbaml.config.DatabaseSettings;
import dev.nbaml.core.TransientException;
import dev.nbaml.db.CredentialsSource;
import dev.nbaml.db.Database;
import dev.nbaml.db.DbCredentials;
import dev.nbaml.util.Json;
import java.io.IOException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * Database credentials from the RDS secret JSON in Secrets Manager. Error messages name the secret
 * and the field at fault, never the secret's content.
 */
public final class SecretsManagerCredentials implements CredentialsSource {
  private final SecretsManagerClient client;
  private final String secretId;

  public SecretsManagerCredentials(SecretsManagerClient client, String secretId) {
    this.client = client;
    this.secretId = secretId;
  }

  /** The database of the configuration, its login from the configured secret. */
  public static Database database(SecretsManagerClient client, DatabaseSettings settings) {
    return new Database(
        new SecretsManagerCredentials(client, settings.secretId()),
        settings.sslMode(),
        Database.Timeouts.of(settings));
  }

  @Override
  public DbCredentials fetch() {
    String secret;
    try {
      secret =
          client
              .getSecretValue(GetSecretValueRequest.builder().secretId(secretId).build())
              .secretString();
    } catch (ResourceNotFoundException e) {
      throw new IllegalStateException("Secret " + secretId + " (DB_SECRET_ID) does not exist", e);
    } catch (SecretsManagerException e) {
      String what =
          "Cannot read secret "
              + secretId
              + ": HTTP "
              + e.statusCode()
              + " "
              + (e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode());
      if (e.statusCode() >= 500 || e.isThrottlingException()) {
        throw new TransientException(what, e);
      }
      throw new IllegalStateException(what, e);
    } catch (SdkClientException e) {
      throw new TransientException(
          "Cannot reach Secrets Manager for " + secretId + ": " + e.getMessage(), e);
    }
    return parse(secretId, secret);
  }

  /** Parses the RDS secret JSON; messages name the field, never a value. */
  static DbCredentials parse(String secretId, String secret) {
    if (secret == null) {
      throw new IllegalStateException(
          "Secret " + secretId + " has no SecretString (binary secrets are not supported)");
    }
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(secret);
    } catch (IOException e) {
      // the parser's message quotes the content: leave it out
      throw new IllegalStateException(
          "Secret " + secretId + " is not JSON (expected the RDS secret JSON)");
    }
    if (root == null || !root.isObject()) {
      throw new IllegalStateException(
          "Secret " + secretId + " is not a JSON object (expected the RDS secret JSON)");
    }
    String username = text(secretId, root, "username");
    String password = text(secretId, root, "password");
    String host = text(secretId, root, "host");
    JsonNode portNode = root.path("port");
    int port;
    if (portNode.isMissingNode() || portNode.isNull()) {
      port = 5432;
    } else if (portNode.canConvertToInt() && portNode.isIntegralNumber()
        || portNode.isTextual() && portNode.asText().matches("\\d{1,5}")) {
      port = portNode.asInt();
    } else {
      throw new IllegalStateException("Secret " + secretId + ": field 'port' is not a port number");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalStateException("Secret " + secretId + ": field 'port' is not a port number");
    }
    JsonNode dbname = root.path("dbname");
    String database =
        dbname.isTextual() && !dbname.asText().isBlank() ? dbname.asText() : "postgres";
    JsonNode engine = root.path("engine");
    if (engine.isTextual() && !engine.asText().startsWith("postgres")) {
      throw new IllegalStateException("Secret " + secretId + ": engine is not postgres");
    }
    return new DbCredentials(username, password, host, port, database);
  }

  private static String text(String secretId, JsonNode root, String field) {
    JsonNode node = root.path(field);
    if (!node.isTextual() || node.asText().isEmpty()) {
      throw new IllegalStateException(
          "Secret " + secretId + ": field '" + field + "' is missing or not a string");
    }
    return node.asText();
  }
}
