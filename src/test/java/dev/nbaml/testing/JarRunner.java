package dev.nbaml.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nbaml.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the packaged jar as a user does: a new JVM, configuration in the environment; its log at
 * WARN unless {@code env} sets {@code LOG_LEVEL}.
 */
public final class JarRunner {
  public static final Path JAR = Path.of("target/ml-pipeline.jar");

  private JarRunner() {}

  /** What a command printed and its exit code. */
  public record Result(int exitCode, String stdout, String stderr) {
    public JsonNode json() throws IOException {
      return Json.MAPPER.readTree(stdout);
    }
  }

  public static Result run(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("LOG_LEVEL", "warn"); // quiet unless the test asks for a level in env
    pb.environment().putAll(env);
    Path out = Files.createTempFile("out", ".txt");
    Path err = Files.createTempFile("err", ".txt");
    try {
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      int code = pb.start().waitFor();
      return new Result(code, Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
