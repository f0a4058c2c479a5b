package dev.nbaml.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.nbaml.config.Config;
import dev.nbaml.config.FunctionConfig;
import dev.nbaml.core.AllGamesRejectedException;
import dev.nbaml.util.Json;
import dev.nbaml.util.Logging;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.crac.Core;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The Lambda entry point: parses the event into one {@link Invocation}, runs it with the function's
 * services and returns its result as JSON. Every kind of invocation goes through one path: the same
 * logging context (run id, kind, and what the invocation adds), Powertools logging, metrics, and
 * errors thrown so that Lambda and Step Functions see them by name. Built once per execution
 * environment.
 */
public final class ScoringHandler implements RequestStreamHandler, AutoCloseable {
  static {
    Logging.select(
        Config.logging(
            Config.environment())); // before any logger: the runtime loads this class first
  }

  private static final Logger LOG = LoggerFactory.getLogger(ScoringHandler.class);

  private final EventParser parser;
  private final Invocation.Services services;
  private final ExecutionEnvironment environment;

  /** Held here: CRaC keeps only weak references to registered resources. */
  private final SnapStartPriming priming;

  /** True until this environment's first invocation, and again after each SnapStart restore. */
  private final AtomicBoolean coldStart = new AtomicBoolean(true);

  /** Used by the Lambda runtime: configuration from the process environment, SnapStart hooks on. */
  public ScoringHandler() {
    this(lambdaParts(Config.function(Config.environment())));
    Core.getGlobalContext().register(priming);
  }

  private static Wiring.Parts lambdaParts(FunctionConfig config) {
    return Wiring.parts(
        config, Clock.systemUTC(), new RunMetrics.Emf(config.metrics(), System.out));
  }

  private ScoringHandler(Wiring.Parts parts) {
    this(parts.parser(), parts.services(), parts.environment());
  }

  /** With the given services: unit tests drive every kind of invocation with fakes. */
  ScoringHandler(
      EventParser parser, Invocation.Services services, ExecutionEnvironment environment) {
    this.parser = parser;
    this.services = services;
    this.environment = environment;
    this.priming =
        new SnapStartPriming(
            environment::prime,
            () -> {
              environment.forgetConnectionsAndCredentials();
              coldStart.set(true); // also before the checkpoint: the snapshot holds true
            });
  }

  /**
   * A handler wired to real services from {@code env}, without CloudWatch metrics: for the {@code
   * invoke} command and tests. Close it to release its connections and clients.
   *
   * @throws dev.nbaml.config.ConfigException naming every variable that is missing or wrong
   */
  public static ScoringHandler create(Map<String, String> env, Clock clock) {
    return new ScoringHandler(Wiring.parts(Config.function(env), clock, RunMetrics.NONE));
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    byte[] event = EventParser.read(input); // bounded: a larger event is refused, not read
    String runId =
        context != null && context.getAwsRequestId() != null
            ? context.getAwsRequestId()
            : UUID.randomUUID().toString();
    Invocation<?> invocation;
    try {
      invocation = parser.parse(event, runId);
    } catch (InvalidEventException e) {
      services.metrics().failed("event", e.getClass().getName()); // no kind: the event said none
      throw e;
    }
    Object result =
        withContext(context, runId, coldStart.getAndSet(false), invocation, () -> run(invocation));
    Json.MAPPER.writeValue(output, result);
  }

  /**
   * The one path of every invocation: the environment checked, its work, its metrics and its log
   * line.
   */
  private <R> R run(Invocation<R> invocation) {
    try {
      environment.beforeInvocation();
      R result = invocation.run(services);
      LOG.info(invocation.describe(result));
      return result;
    } catch (AllGamesRejectedException e) {
      services.metrics().publish(e.summary());
      throw e;
    } catch (RuntimeException e) {
      services.metrics().failed(invocation.kind(), e.getClass().getName());
      throw e;
    }
  }

  /** Runs {@code work} with the invocation's logging context (MDC, and Powertools' in Lambda). */
  private static Object withContext(
      Context context,
      String runId,
      boolean coldStart,
      Invocation<?> invocation,
      Supplier<Object> work) {
    MDC.put("run_id", runId);
    MDC.put("invocation", invocation.kind());
    invocation.logContext().forEach(MDC::put);
    try {
      return context == null
          ? work.get()
          : PowertoolsLogging.withLogging(
              context,
              () -> {
                // Powertools 2.9 says cold_start=true only where AWS_LAMBDA_INITIALIZATION_TYPE is
                // on-demand,
                // never with SnapStart: the first invocation of an environment, or after a restore,
                // is cold here.
                MDC.put("cold_start", String.valueOf(coldStart));
                return work.get();
              });
    } finally {
      MDC.clear();
    }
  }

  /** The SnapStart hooks, for tests of the lambda package. */
  SnapStartPriming priming() {
    return priming;
  }

  @Override
  public void close() {
    environment.close();
  }
}
