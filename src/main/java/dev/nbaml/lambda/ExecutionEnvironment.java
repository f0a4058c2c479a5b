package dev.nbaml.lambda;

/**
 * What the execution environment holds between invocations (SDK clients, the database connection,
 * the credentials and the model cache), seen from the handler: checked before each invocation,
 * primed and emptied around a SnapStart snapshot, closed at the end.
 */
interface ExecutionEnvironment extends AutoCloseable {

  /** Before each invocation: drops a kept connection that died since the last one. */
  void beforeInvocation();

  /**
   * Loads and verifies the model and runs the scoring and read paths once, so that classes are
   * loaded and compiled before a snapshot.
   */
  void prime();

  /**
   * Drops what must not be in a SnapStart snapshot or outlive a restore: the database connection
   * and credentials, and the AWS credentials (fetched again by the next call).
   */
  void forgetConnectionsAndCredentials();

  @Override
  void close();

  /** Nothing held: for handlers driven by fakes. */
  ExecutionEnvironment NONE =
      new ExecutionEnvironment() {
        @Override
        public void beforeInvocation() {}

        @Override
        public void prime() {}

        @Override
        public void forgetConnectionsAndCredentials() {}

        @Override
        public void close() {}
      };
}
