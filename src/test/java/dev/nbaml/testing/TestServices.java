package dev.nbaml.testing;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The real services the integration tests run against, found once per test JVM:
 *
 * <ol>
 *   <li>from the environment: {@code AWS_ENDPOINT_URL} (moto_server or LocalStack already running)
 *       and {@code NBAML_TEST_PG_HOST/PORT/USER/PASSWORD} (a PostgreSQL admin login that may create
 *       roles and databases), as {@code src/local/test.sh} and {@code .ci/run} set them;
 *   <li>else, where Docker runs, Testcontainers: LocalStack and PostgreSQL 15;
 *   <li>else the tests fail, saying how to provide the services (never a silent skip).
 * </ol>
 */
public final class TestServices {
  public static final String REGION = "us-east-1";

  /** Pinned: LocalStack images after 4.14.0 need an auth token (forwarded when set). */
  private static final String LOCALSTACK_IMAGE = "localstack/localstack:4.14.0";

  private static final String POSTGRES_IMAGE = "postgres:15-alpine";

  private static TestServices instance;

  private final URI awsEndpoint;
  private final PgAdmin pg;

  /** Admin login to PostgreSQL. */
  public record PgAdmin(String host, int port, String user, String password) {
    public Connection connect(String database) throws SQLException {
      return DriverManager.getConnection(
          "jdbc:postgresql://" + host + ":" + port + "/" + database, user, password);
    }
  }

  private TestServices(URI awsEndpoint, PgAdmin pg) {
    this.awsEndpoint = awsEndpoint;
    this.pg = pg;
  }

  public static synchronized TestServices get() {
    if (instance == null) {
      instance = new TestServices(findAws(), findPostgres());
    }
    return instance;
  }

  private static URI findAws() {
    Optional<String> endpoint = env("AWS_ENDPOINT_URL");
    if (endpoint.isPresent()) {
      return URI.create(endpoint.get());
    }
    requireDocker("an S3 + Secrets Manager emulator (set AWS_ENDPOINT_URL, e.g. moto_server)");
    LocalStackContainer localstack =
        new LocalStackContainer(DockerImageName.parse(LOCALSTACK_IMAGE));
    env("LOCALSTACK_AUTH_TOKEN")
        .ifPresent(token -> localstack.withEnv("LOCALSTACK_AUTH_TOKEN", token));
    localstack.withServices("s3", "secretsmanager").start();
    URI uri = localstack.getEndpoint();
    // The SDK reads these itself, as it reads AWS_ENDPOINT_URL: the product needs no test hook.
    System.setProperty("aws.endpointUrl", uri.toString());
    System.setProperty("aws.accessKeyId", localstack.getAccessKey());
    System.setProperty("aws.secretAccessKey", localstack.getSecretKey());
    return uri;
  }

  private static PgAdmin findPostgres() {
    Optional<String> host = env("NBAML_TEST_PG_HOST");
    if (host.isPresent()) {
      return new PgAdmin(
          host.get(),
          Integer.parseInt(env("NBAML_TEST_PG_PORT").orElse("5432")),
          env("NBAML_TEST_PG_USER").orElse("postgres"),
          env("NBAML_TEST_PG_PASSWORD").orElse(""));
    }
    requireDocker(
        "PostgreSQL (set NBAML_TEST_PG_HOST, NBAML_TEST_PG_USER, NBAML_TEST_PG_PASSWORD)");
    PostgreSQLContainer postgres = new PostgreSQLContainer(DockerImageName.parse(POSTGRES_IMAGE));
    postgres.start();
    return new PgAdmin(
        postgres.getHost(),
        postgres.getMappedPort(5432),
        postgres.getUsername(),
        postgres.getPassword());
  }

  private static void requireDocker(String what) {
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      throw new IllegalStateException(
          "The integration tests need "
              + what
              + ", and there is no Docker for Testcontainers."
              + " Run them with `bash src/local/test.sh`, which starts PostgreSQL and moto_server.");
    }
  }

  private static Optional<String> env(String name) {
    return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
  }

  public PgAdmin pg() {
    return pg;
  }

  /** The S3 + Secrets Manager emulator. */
  public URI awsEndpoint() {
    return awsEndpoint;
  }

  /** The AWS settings the function would get in Lambda, for this emulator. */
  public Map<String, String> awsEnvironment() {
    Map<String, String> env = new HashMap<>();
    env.put("AWS_REGION", REGION);
    env.put("S3_FORCE_PATH_STYLE", "true");
    return env;
  }

  public S3Client s3() {
    return S3Client.builder()
        .endpointOverride(awsEndpoint)
        .region(Region.of(REGION))
        .credentialsProvider(credentials())
        .forcePathStyle(true)
        .build();
  }

  public SecretsManagerClient secretsManager() {
    return SecretsManagerClient.builder()
        .endpointOverride(awsEndpoint)
        .region(Region.of(REGION))
        .credentialsProvider(credentials())
        .build();
  }

  private static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(
            System.getProperty("aws.accessKeyId", env("AWS_ACCESS_KEY_ID").orElse("test")),
            System.getProperty(
                "aws.secretAccessKey", env("AWS_SECRET_ACCESS_KEY").orElse("test"))));
  }

  /** A new database owned by a new role with a password: each test class gets its own. */
  public TestDatabase newDatabase() {
    String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String name = "nbaml_" + suffix;
    String user = "app_" + suffix;
    String password = "pw-" + UUID.randomUUID();
    try (Connection admin = pg.connect("postgres");
        Statement st = admin.createStatement()) {
      st.execute("CREATE ROLE " + user + " LOGIN PASSWORD '" + password + "'");
      st.execute("GRANT " + user + " TO CURRENT_USER");
      st.execute("CREATE DATABASE " + name + " OWNER " + user);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot create a test database on " + pg.host() + ":" + pg.port(), e);
    }
    TestDatabase database = new TestDatabase(this, name, user, password);
    created.add(database);
    return database;
  }

  /** The test databases of this JVM not dropped yet: dropped at exit, whatever the tests did. */
  private final Set<TestDatabase> created = ConcurrentHashMap.newKeySet();

  {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> List.copyOf(created).forEach(TestDatabase::drop), "drop-test-databases"));
  }

  void forget(TestDatabase database) {
    created.remove(database);
  }
}
