package dev.nbaml.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nbaml.config.Config;
import dev.nbaml.config.ConfigException;
import dev.nbaml.core.AllGamesRejectedException;
import dev.nbaml.core.RunSummary;
import dev.nbaml.lambda.ScoringHandler;
import dev.nbaml.util.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the Lambda handler once, in this process, with the configuration from the environment. */
@Command(
    name = "invoke",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the scoring function once in this process, configured from the environment exactly as"
          + " in Lambda, and prints its summary JSON. With an event such as"
          + " {\"backfill\": {\"from\": \"2022-10-18\", \"to\": \"2023-06-12\"}} it re-scores that range"
          + " from the history table.",
      "Exit code: 0 when the run succeeded, 1 when it failed, 2 when the configuration is wrong."
    })
final class InvokeCommand implements Callable<Integer> {

  @Option(
      names = "--event",
      paramLabel = "FILE",
      description = "The event JSON (an events/ file). Default: {} (today in TIME_ZONE).")
  Path event;

  @Option(
      names = "--repeat",
      defaultValue = "1",
      paramLabel = "N",
      description =
          "Invoke N times in this process, as a warm environment does; prints one summary per line (default: ${DEFAULT-VALUE}).")
  int repeat;

  private final Map<String, String> env;
  private final PrintStream out;

  InvokeCommand() {
    this(Config.environment(), System.out);
  }

  InvokeCommand(Map<String, String> env, PrintStream out) {
    this.env = env;
    this.out = out;
  }

  @Override
  public Integer call() throws IOException {
    byte[] input =
        event == null ? "{}".getBytes(StandardCharsets.UTF_8) : Files.readAllBytes(event);
    ScoringHandler handler;
    try {
      handler = ScoringHandler.create(env, Clock.systemUTC());
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    try (handler) {
      JsonNode result = null;
      for (int i = 0; i < Math.max(1, repeat); i++) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(input), output, null);
        result = Json.MAPPER.readTree(output.toByteArray());
        if (repeat > 1) {
          out.println(Json.MAPPER.writeValueAsString(result));
        }
      }
      if (repeat <= 1) {
        out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(result));
      }
      return RunSummary.Status.FAILED.name().equals(result.path("status").asText()) ? 1 : 0;
    } catch (AllGamesRejectedException e) {
      print(e.summary());
      return 1;
    } catch (RuntimeException e) {
      ObjectNode failure = Json.MAPPER.createObjectNode();
      failure.put("status", RunSummary.Status.FAILED.name());
      failure.put("error_type", e.getClass().getSimpleName());
      failure.put("error", e.getMessage());
      out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(failure));
      return 1;
    }
  }

  private void print(RunSummary summary) throws IOException {
    out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(summary));
  }
}
