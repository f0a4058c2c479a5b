package dev.nbaml.config;

/**
 * The configuration of the database commands ({@code migrate}, {@code train --from-db}), which need
 * no model. Read by {@link Config#database}.
 */
public record DatabaseConfig(AwsSettings aws, DatabaseSettings database, Tables tables) {}
