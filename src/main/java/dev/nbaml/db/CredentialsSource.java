package dev.nbaml.db;

/** Where database credentials come from (Secrets Manager in production). */
public interface CredentialsSource {

  /**
   * Fetches the current credentials, every time it is called: callers cache.
   *
   * @throws dev.nbaml.core.TransientException when the source cannot be reached
   * @throws IllegalStateException when the secret is missing or malformed (never with its content)
   */
  DbCredentials fetch();
}
