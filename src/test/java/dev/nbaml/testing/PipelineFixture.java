package dev.nbaml.testing;

import dev.nbaml.aws.AwsClients;
import dev.nbaml.aws.SecretsManagerCredentials;
import dev.nbaml.config.Config;
import dev.nbaml.core.GameFeatures;
import dev.nbaml.db.Database;
import dev.nbaml.db.Migrations;
import dev.nbaml.model.ModelArtifacts;
import dev.nbaml.model.ModelCard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * A whole pipeline for one test class: its own database (contract tables, migrated), a secret in
 * Secrets Manager holding the database login, and a bucket holding a model, all in the real local
 * services. {@link #env()} is the function's configuration for them.
 */
public final class PipelineFixture implements AutoCloseable {
  /** The legacy model, imported from the Python job's coefficients, kept as a golden artifact. */
  public static final Path LEGACY_MODEL =
      Path.of("src/test/resources/models/legacy-logistic-regression/1.0.0");

  private final TestServices services = TestServices.get();
  private final TestDatabase database = services.newDatabase();
  private final S3Client s3 = services.s3();
  private final SecretsManagerClient secrets = services.secretsManager();
  private final String bucket = "models-" + UUID.randomUUID().toString().substring(0, 8);
  private final String secretId = "nba/db-" + UUID.randomUUID().toString().substring(0, 8);
  private final String modelPrefix = "models/nba-winner/current/";

  public PipelineFixture() {
    database.executeResource("/sql/contract_tables.sql");
    s3.createBucket(b -> b.bucket(bucket));
    secrets.createSecret(b -> b.name(secretId).secretString(database.secretJson()));
  }

  public TestDatabase database() {
    return database;
  }

  public S3Client s3() {
    return s3;
  }

  public String bucket() {
    return bucket;
  }

  public String modelPrefix() {
    return modelPrefix;
  }

  public String secretId() {
    return secretId;
  }

  /** The function's environment variables for this pipeline. */
  public Map<String, String> env() {
    Map<String, String> env = new HashMap<>(services.awsEnvironment());
    env.put("MODEL_URI", "s3://" + bucket + "/" + modelPrefix);
    env.put("DB_SECRET_ID", secretId);
    env.put("DB_SSLMODE", "disable");
    env.put("TIME_ZONE", "America/New_York");
    return env;
  }

  /** Applies the product's migrations through the product's own path (secret, then Flyway). */
  public PipelineFixture migrate() {
    try (var client = AwsClients.secretsManager(TestServices.REGION);
        Database db =
            new Database(
                new SecretsManagerCredentials(client, secretId),
                "disable",
                Duration.ofSeconds(5))) {
      Migrations.migrate(db, Config.database(env()).tables());
    }
    return this;
  }

  /** Uploads a model folder's card and model file to the function's model location. */
  public PipelineFixture publishModel(Path dir) {
    try {
      ModelCard card =
          ModelArtifacts.parseCard(
              Files.readAllBytes(dir.resolve(ModelCard.FILE_NAME)), dir.toString());
      putModelFile(card.modelFile(), Files.readAllBytes(dir.resolve(card.modelFile())));
      putModelFile(ModelCard.FILE_NAME, Files.readAllBytes(dir.resolve(ModelCard.FILE_NAME)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  public void putModelFile(String name, byte[] bytes) {
    s3.putObject(b -> b.bucket(bucket).key(modelPrefix + name), RequestBody.fromBytes(bytes));
  }

  public void deleteModelFile(String name) {
    s3.deleteObject(b -> b.bucket(bucket).key(modelPrefix + name));
  }

  public void putSecret(String json) {
    secrets.putSecretValue(b -> b.secretId(secretId).secretString(json));
  }

  public void insertGames(List<GameFeatures> games) {
    try (Connection c = database.connect()) {
      TestGames.insert(c, "silver.ml_game_features", games);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The rows of a query, column name to value. */
  public List<Map<String, Object>> query(String sql) {
    try (Connection c = database.connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      List<Map<String, Object>> rows = new ArrayList<>();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.put(md.getColumnName(i), rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public List<Map<String, Object>> predictions() {
    return query("SELECT * FROM gold.ml_game_predictions ORDER BY game_date, home_team");
  }

  /** Closes the clients and drops the pipeline's database and role. */
  @Override
  public void close() {
    s3.close();
    secrets.close();
    database.drop();
  }
}
