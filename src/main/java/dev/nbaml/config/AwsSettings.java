package dev.nbaml.config;

/**
 * Where the AWS services are.
 *
 * @param region {@code AWS_REGION}: the region of S3 and Secrets Manager
 * @param s3PathStyle {@code S3_FORCE_PATH_STYLE}: path-style S3 addressing, for local emulators
 */
public record AwsSettings(String region, boolean s3PathStyle) {}
