package dev.nbaml.lambda;

import dev.nbaml.aws.AwsClients;
import org.crac.Context;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart runtime hooks. Before the snapshot: load and verify the model and run the scoring path
 * once, so the restored environment starts warm; then drop the database connection and credentials,
 * so that no secret and no socket is in the snapshot. After restore: the same again, so the first
 * run fetches fresh credentials and opens a fresh connection.
 */
final class SnapStartPriming implements Resource {
  private static final Logger LOG = LoggerFactory.getLogger(SnapStartPriming.class);

  private final Runnable prime;
  private final Runnable forgetConnections;

  SnapStartPriming(Runnable prime, Runnable forgetConnections) {
    this.prime = prime;
    this.forgetConnections = forgetConnections;
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    AwsClients.keepConnections(false);
    try {
      prime.run();
    } catch (RuntimeException e) {
      // A snapshot without a primed model still works: the first invocation loads it.
      LOG.warn(
          "Priming before the snapshot failed, the first invocation will load the model: {}",
          e.getMessage());
    }
    forgetConnections.run();
    LOG.info("Primed before the snapshot; no connection or credentials kept");
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    forgetConnections.run();
    AwsClients.keepConnections(true);
    LOG.info("Restored from the snapshot; the next run fetches fresh credentials");
  }
}
