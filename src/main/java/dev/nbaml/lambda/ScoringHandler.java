package dev.nbaml.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.nbaml.core.RunRequest;
import dev.nbaml.core.RunSummary;
import dev.nbaml.util.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The Lambda entry point: turns the event into one {@link dev.nbaml.core.ScoringRun} and returns its
 * summary as JSON. Built once per execution environment; failures are thrown so that Lambda and Step
 * Functions see them by error name.
 */
public final class ScoringHandler implements RequestStreamHandler {
  static {
    dev.nbaml.util.Logging.select(System.getenv()); // before any logger: the runtime loads this class first
  }

  private static final Logger LOG = LoggerFactory.getLogger(ScoringHandler.class);

  private final ScoringEnvironment environment;
  private final EventParser parser;
  private final RunMetrics metrics;
  /** Held here: CRaC keeps only weak references to registered resources. */
  private final SnapStartPriming priming;

  /** Used by the Lambda runtime: configuration from the process environment, SnapStart hooks on. */
  public ScoringHandler() {
    this(ScoringEnvironment.create(System.getenv(), Clock.systemUTC()),
        RunMetrics.Emf.fromEnvironment(System.getenv()));
    org.crac.Core.getGlobalContext().register(priming);
  }

  /** Used by tests and the {@code invoke} command: no CloudWatch metrics. */
  public ScoringHandler(ScoringEnvironment environment) {
    this(environment, RunMetrics.NONE);
  }

  ScoringHandler(ScoringEnvironment environment, RunMetrics metrics) {
    this.environment = environment;
    this.metrics = metrics;
    this.parser = new EventParser(environment.clock(), environment.config().zone());
    this.priming = new SnapStartPriming(environment::prime, environment::forgetConnectionsAndCredentials);
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    byte[] event = EventParser.read(input); // bounded: a larger event is refused, not read
    environment.database().recheck();
    String runId = context != null && context.getAwsRequestId() != null
        ? context.getAwsRequestId()
        : UUID.randomUUID().toString();
    Invocation invocation = parser.parse(event, runId);
    Object result;
    if (invocation instanceof Invocation.Score score) {
      result = context == null
          ? run(score.request())
          : PowertoolsLogging.withLogging(context, () -> run(score.request()));
    } else if (invocation instanceof Invocation.Backfill backfill) {
      result = environment.backfill().run(backfill.request());
    } else {
      result = migrate(((Invocation.Migrate) invocation).keepNewestDuplicates());
    }
    Json.MAPPER.writeValue(output, result);
  }

  /** What {@code {"action": "migrate"}} returns. */
  record MigrationResult(String status, int migrationsApplied, String schemaVersion, long duplicatesRemoved) {}

  /**
   * Applies the database migrations from inside the VPC, for a deployment whose database only the
   * function can reach.
   */
  private MigrationResult migrate(boolean keepNewestDuplicates) {
    var outcome = dev.nbaml.db.Migrations.migrate(environment.database(), environment.config(),
        new dev.nbaml.db.Migrations.Options(keepNewestDuplicates));
    var result = outcome.flyway();
    LOG.info("Migrations applied: {}, schema version {}", result.migrationsExecuted, result.targetSchemaVersion);
    return new MigrationResult("MIGRATED", result.migrationsExecuted, result.targetSchemaVersion,
        outcome.duplicatesRemoved());
  }

  private RunSummary run(RunRequest request) {
    MDC.put("run_id", request.runId());
    try {
      MDC.put("run_date", request.runDate().toString());
      MDC.put("trigger", request.trigger());
      RunSummary summary;
      try {
        summary = environment.scoringRun().run(request);
      } catch (dev.nbaml.core.AllGamesRejectedException e) {
        metrics.publish(e.summary());
        throw e;
      } catch (RuntimeException e) {
        metrics.failed(e.getClass().getName());
        throw e;
      }
      metrics.publish(summary);
      if (summary.modelVersion() != null) {
        MDC.put("model_version", summary.modelVersion());
      }
      LOG.info(
          "Run {} for {}: {} scored, {} rejected, {} skipped in {} ms",
          summary.status(),
          summary.runDate(),
          summary.gamesScored(),
          summary.gamesRejected(),
          summary.gamesSkipped(),
          summary.durationMs());
      return summary;
    } finally {
      MDC.clear();
    }
  }
}
