package dev.nbaml.config;

/**
 * The configuration of the registry commands ({@code publish}, {@code promote}), which need neither
 * a model location nor a database. Read by {@link Config#storage}.
 *
 * @param modelMaxBytes {@code MODEL_MAX_BYTES}: the largest model file read
 */
public record StorageConfig(AwsSettings aws, long modelMaxBytes) {}
