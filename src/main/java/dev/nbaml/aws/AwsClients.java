package dev.nbaml.aws;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
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

  public static S3Client s3(String region, boolean pathStyle) {
    return S3Client.builder()
        .region(Region.of(region))
        .credentialsProvider(DefaultCredentialsProvider.builder().build())
        .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(3)))
        .overrideConfiguration(TIMEOUTS)
        .forcePathStyle(pathStyle)
        .build();
  }

  public static SecretsManagerClient secretsManager(String region) {
    return SecretsManagerClient.builder()
        .region(Region.of(region))
        .credentialsProvider(DefaultCredentialsProvider.builder().build())
        .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(3)))
        .overrideConfiguration(TIMEOUTS)
        .build();
  }
}
