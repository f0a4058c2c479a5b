package dev.nbaml.reliability;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * A proxy in front of the real S3 emulator that can be switched to fail as S3 does: throttling (503
 * SlowDown), slow answers, or gone (port closed). The SDK reaches it through the system property
 * {@code aws.endpointUrlS3}, which it reads itself.
 */
final class FaultyS3 implements AutoCloseable {
  enum Mode {
    FORWARD,
    THROTTLE,
    SLOW
  }

  private static final Set<String> SKIP =
      Set.of("host", "content-length", "connection", "expect", "transfer-encoding");
  private final HttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();
  private final URI target;
  volatile Mode mode = Mode.FORWARD;

  FaultyS3(URI target) throws IOException {
    this.target = target;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            if (mode == Mode.THROTTLE) {
              byte[] body =
                  "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>"
                      .getBytes(StandardCharsets.UTF_8);
              exchange.sendResponseHeaders(503, body.length);
              exchange.getResponseBody().write(body);
              return;
            }
            if (mode == Mode.SLOW) {
              Thread.sleep(8_000);
            }
            byte[] requestBody;
            try (InputStream in = exchange.getRequestBody()) {
              requestBody = in.readAllBytes();
            }
            HttpRequest.Builder request =
                HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                    .method(
                        exchange.getRequestMethod(),
                        HttpRequest.BodyPublishers.ofByteArray(requestBody));
            exchange
                .getRequestHeaders()
                .forEach(
                    (name, values) -> {
                      if (!SKIP.contains(name.toLowerCase())) {
                        values.forEach(v -> request.header(name, v));
                      }
                    });
            HttpResponse<byte[]> response =
                client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response
                .headers()
                .map()
                .forEach(
                    (name, values) -> {
                      if (!SKIP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                        exchange.getResponseHeaders().put(name, values);
                      }
                    });
            byte[] body = response.body();
            exchange.sendResponseHeaders(
                response.statusCode(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** S3 is gone: the port is closed. */
  void stop() {
    server.stop(0);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
