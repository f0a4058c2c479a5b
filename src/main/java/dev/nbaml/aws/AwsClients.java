package dev.nbaml.aws;

import java.time.Duration;
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
 * the small URL-connection HTTP client, and timeouts that fit inside the function's timeout. The SDK
 * reads {@code AWS_ENDPOINT_URL} itself, which is how local emulators are reached.
 */
public final class AwsClients {
  private static final ClientOverrideConfiguration TIMEOUTS =
      ClientOverrideConfiguration.builder()
          .apiCallAttemptTimeout(Duration.ofSeconds(5))
          .apiCallTimeout(Duration.ofSeconds(20))
          .build();

  private AwsClients() {}

  /**
   * Where Lambda puts credentials (environment variables; the container endpoint under SnapStart), and
   * system properties; only then the SDK's full default chain (profiles, SSO, instance metadata) for
   * command-line use. Skipping the profile files in Lambda saves start-up time.
   */
  static AwsCredentialsProvider credentials() {
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
    return S3Client.builder()
        .region(Region.of(region))
        .credentialsProvider(credentials())
        .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(3)))
        .overrideConfiguration(TIMEOUTS)
        .forcePathStyle(pathStyle)
        .build();
  }

  public static SecretsManagerClient secretsManager(String region) {
    return SecretsManagerClient.builder()
        .region(Region.of(region))
        .credentialsProvider(credentials())
        .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(3)))
        .overrideConfiguration(TIMEOUTS)
        .build();
  }
}
