package dev.nbaml.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A fake of the Lambda Runtime API (2018-06-01) on loopback, as the runtime interface client sees
 * it in Lambda: {@code invocation/next} hands out queued events, {@code
 * invocation/{id}/response|error}, {@code init/error}, {@code restore/next} (held until {@link
 * #restore()}) and {@code restore/error} are recorded. The same server is the container credentials
 * endpoint that Lambda gives a SnapStart function ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI}): it
 * counts fetches and hands out new keys after a restore.
 */
public final class FakeRuntimeApi implements AutoCloseable {
  private static final String BASE = "/2018-06-01/runtime/";

  /** What the credentials endpoint demands in {@code Authorization}. */
  public static final String CREDENTIALS_TOKEN = "harness-token-" + UUID.randomUUID();

  /** What the function answered to one invocation; {@code errorType} is null for a response. */
  public record Outcome(String requestId, byte[] body, String errorType, long atNanos) {
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** A report to {@code init/error} or {@code restore/error}. */
  public record Report(String path, String errorType, String body) {}

  private final HttpServer server;
  private final BlockingQueue<Queued> events = new LinkedBlockingQueue<>();
  private final Map<String, BlockingQueue<Outcome>> outcomes = new ConcurrentHashMap<>();
  private final List<Report> reports = new CopyOnWriteArrayList<>();
  private final CountDownLatch checkpointReached = new CountDownLatch(1);
  private final CountDownLatch restored = new CountDownLatch(1);
  private final CountDownLatch reported = new CountDownLatch(1);
  private final AtomicInteger credentialFetches = new AtomicInteger();
  private final AtomicInteger credentialFetchesAfterRestore = new AtomicInteger();
  private final AtomicReference<Long> restoredAtNanos = new AtomicReference<>();
  private final AtomicReference<Long> firstFreshCredentialsAtNanos = new AtomicReference<>();

  public FakeRuntimeApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "fake-runtime-api");
              t.setDaemon(true);
              return t;
            }));
    server.createContext(BASE, this::runtime);
    server.createContext("/credentials", this::credentials);
    server.start();
  }

  /** {@code AWS_LAMBDA_RUNTIME_API}. */
  public String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** {@code AWS_CONTAINER_CREDENTIALS_FULL_URI}. */
  public String credentialsUri() {
    return "http://" + address() + "/credentials";
  }

  /** Queues an event; the function's answer arrives through {@link #await}. */
  public String invoke(byte[] event) {
    String id = UUID.randomUUID().toString();
    outcomes.put(id, new LinkedBlockingQueue<>());
    events.add(new Queued(id, event.clone()));
    return id;
  }

  public Outcome await(String requestId, Duration timeout)
      throws InterruptedException, TimeoutException {
    Outcome outcome = outcomes.get(requestId).poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (outcome == null) {
      throw new TimeoutException("no answer to invocation " + requestId + " within " + timeout);
    }
    return outcome;
  }

  /**
   * Waits until the runtime asks for {@code restore/next}: every before-checkpoint hook has run.
   */
  public boolean awaitCheckpoint(Duration timeout) throws InterruptedException {
    return checkpointReached.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Answers {@code restore/next}: the runtime runs the after-restore hooks, then serves
   * invocations.
   */
  public long restore() {
    long now = System.nanoTime();
    restoredAtNanos.set(now);
    restored.countDown();
    return now;
  }

  /** Waits for an {@code init/error} or {@code restore/error} report. */
  public List<Report> awaitReports(Duration timeout) throws InterruptedException {
    reported.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return List.copyOf(reports);
  }

  public int credentialFetches() {
    return credentialFetches.get();
  }

  public int credentialFetchesAfterRestore() {
    return credentialFetchesAfterRestore.get();
  }

  /** When the first credentials after the restore were handed out (null: none). */
  public Long firstFreshCredentialsAtNanos() {
    return firstFreshCredentialsAtNanos.get();
  }

  private record Queued(String id, byte[] event) {}

  private void runtime(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath().substring(BASE.length());
      String method = exchange.getRequestMethod();
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (method.equals("GET") && path.equals("invocation/next")) {
        Queued next;
        try {
          next = events.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          exchange.sendResponseHeaders(500, -1);
          return;
        }
        String id = next.id();
        var headers = exchange.getResponseHeaders();
        headers.add("Content-Type", "application/json");
        headers.add("Lambda-Runtime-Aws-Request-Id", id);
        headers.add(
            "Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 60_000));
        headers.add(
            "Lambda-Runtime-Invoked-Function-Arn",
            "arn:aws:lambda:us-east-1:123456789012:function:nba-ml-scoring-dev:live");
        headers.add(
            "Lambda-Runtime-Trace-Id",
            "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0");
        send(exchange, 200, next.event());
      } else if (method.equals("POST") && path.startsWith("invocation/")) {
        String[] parts = path.split("/");
        String errorType =
            parts[2].equals("error")
                ? String.valueOf(
                    exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type"))
                : null;
        BlockingQueue<Outcome> queue = outcomes.get(parts[1]);
        if (queue == null) {
          send(
              exchange,
              400,
              "{\"errorType\":\"InvalidRequestID\"}".getBytes(StandardCharsets.UTF_8));
          return;
        }
        queue.add(new Outcome(parts[1], body, errorType, System.nanoTime()));
        send(exchange, 202, "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
      } else if (method.equals("GET") && path.equals("restore/next")) {
        checkpointReached.countDown();
        try {
          restored.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        send(exchange, 200, new byte[0]);
      } else if (method.equals("POST")
          && (path.equals("init/error") || path.equals("restore/error"))) {
        reports.add(
            new Report(
                path,
                exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type"),
                new String(body, StandardCharsets.UTF_8)));
        reported.countDown();
        send(exchange, 202, "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
      } else {
        send(exchange, 404, new byte[0]);
      }
    }
  }

  private void credentials(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      if (!CREDENTIALS_TOKEN.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        send(exchange, 401, new byte[0]);
        return;
      }
      credentialFetches.incrementAndGet();
      boolean afterRestore = restoredAtNanos.get() != null;
      if (afterRestore) {
        credentialFetchesAfterRestore.incrementAndGet();
        firstFreshCredentialsAtNanos.compareAndSet(null, System.nanoTime());
      }
      String key = afterRestore ? "ASIARESTOREDHARNESS0" : "ASIACHECKPOINTHARNES";
      String json =
          "{\"AccessKeyId\":\""
              + key
              + "\",\"SecretAccessKey\":\"harness-secret\","
              + "\"Token\":\"harness-session-token\",\"Expiration\":\""
              + java.time.Instant.now()
                  .plus(Duration.ofHours(6))
                  .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
              + "\"}";
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      send(exchange, 200, json.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    restored.countDown();
    server.stop(0);
  }
}
