package dev.nbaml.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Builds the SDK clients once per execution environment: explicit region and credentials provider,
 * the small URL-connection HTTP client, and timeouts that fit inside the function's timeout. The
 * SDK reads {@code AWS_ENDPOINT_URL} itself, which is how local emulators are reached.
 */
public final class AwsClients {
  private static final ClientOverrideConfiguration TIMEOUTS =
      ClientOverrideConfiguration.builder()
          .apiCallAttemptTimeout(Duration.ofSeconds(5))
          .apiCallTimeout(Duration.ofSeconds(20))
          .build();

  private AwsClients() {}

  /**
   * Connect and read limits of one HTTP exchange (the SDK's call timeouts bound the whole call).
   */
  private static final int CONNECT_TIMEOUT_MS = 3_000;

  private static final int READ_TIMEOUT_MS = 10_000;

  /**
   * Whether AWS connections are kept for reuse. A SnapStart hook turns this off while it primes
   * before the snapshot, so that no socket is in it (a restored one would be dead), and on again
   * after restore.
   */
  private static volatile boolean keepAlive = true;

  public static void keepConnections(boolean keep) {
    keepAlive = keep;
  }

  /**
   * The JDK's HTTP client, asking the server to close each connection while {@link #keepAlive} is
   * off.
   */
  private static HttpURLConnection connection(URI uri) {
    try {
      HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
      c.setConnectTimeout(CONNECT_TIMEOUT_MS);
      c.setReadTimeout(READ_TIMEOUT_MS);
      if (!keepAlive) {
        c.setRequestProperty("Connection", "close");
      }
      return c;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The credentials provider of an execution environment's clients, which a SnapStart hook can make
   * forget what it fetched: the next call after a restore fetches fresh credentials (a snapshot
   * holds none).
   */
  public static final class Credentials implements AwsCredentialsProvider, AutoCloseable {
    private volatile AwsCredentialsProviderChain current = chain();

    @Override
    public AwsCredentials resolveCredentials() {
      return current.resolveCredentials();
    }

    /** Drops the cached credentials. */
    public void forget() {
      AwsCredentialsProviderChain old = current;
      current = chain();
      old.close();
    }

    @Override
    public void close() {
      current.close();
    }
  }

  /**
   * Where Lambda puts credentials (environment variables; the container endpoint under SnapStart),
   * and system properties; only then the SDK's full default chain (profiles, SSO, instance
   * metadata) for command-line use. Skipping the profile files in Lambda saves start-up time.
   */
  static AwsCredentialsProvider credentials() {
    return chain();
  }

  private static AwsCredentialsProviderChain chain() {
    return AwsCredentialsProviderChain.builder()
        .reuseLastProviderEnabled(true)
        .credentialsProviders(
            EnvironmentVariableCredentialsProvider.create(),
            SystemPropertyCredentialsProvider.create(),
            ContainerCredentialsProvider.builder().build(),
            DefaultCredentialsProvider.builder().build())
        .build();
  }

  public static S3Client s3(String region, boolean pathStyle) {
    return s3(region, pathStyle, credentials());
  }

  public static S3Client s3(String region, boolean pathStyle, AwsCredentialsProvider credentials) {
    return S3Client.builder()
        .region(Region.of(region))
        .credentialsProvider(credentials)
        .httpClient(UrlConnectionHttpClient.create(AwsClients::connection))
        .overrideConfiguration(TIMEOUTS)
        .forcePathStyle(pathStyle)
        .build();
  }

  public static SecretsManagerClient secretsManager(String region) {
    return secretsManager(region, credentials());
  }

  public static SecretsManagerClient secretsManager(
      String region, AwsCredentialsProvider credentials) {
    return SecretsManagerClient.builder()
        .region(Region.of(region))
        .credentialsProvider(credentials)
        .httpClient(UrlConnectionHttpClient.create(AwsClients::connection))
        .overrideConfiguration(TIMEOUTS)
        .build();
  }
}
