package dev.nbaml.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nbaml.util.Json;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged function started the way Lambda's managed Java runtime starts it: the artifact
 * folder that {@code sam build} makes (the Makefile's {@code build-ScoringFunction}, with the jar
 * Maven has just packaged) as the task root and working directory, the runtime interface client's
 * main class on a classpath of its own, the managed runtime's JVM options (with the template's
 * {@code JAVA_TOOL_OPTIONS}) and Lambda's environment variables.
 */
public final class LambdaRuntimeProcess implements AutoCloseable {
  public static final String MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

  /** What org.crac delegates to under Lambda (the runtime interface client's CRaC context). */
  public static final String CRAC_COMPAT =
      "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac";

  public static final int MEMORY_MB = 1024;

  private final Process process;
  private final Path output;

  private LambdaRuntimeProcess(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  /** Lays out the artifact folder with the project's Makefile, as {@code sam build} does. */
  public static Path buildArtifacts(Path into) throws IOException, InterruptedException {
    Process make =
        new ProcessBuilder(
                "make",
                "--no-print-directory",
                "build-ScoringFunction",
                "ARTIFACTS_DIR=" + into.toAbsolutePath(),
                "PACKAGE=true")
            .redirectErrorStream(true)
            .start();
    String out = new String(make.getInputStream().readAllBytes());
    if (make.waitFor() != 0) {
      throw new IllegalStateException("make build-ScoringFunction failed: " + out);
    }
    return into;
  }

  /** The template's function properties (handler, JAVA_TOOL_OPTIONS, Powertools variables). */
  public static JsonNode templateFunction() throws IOException {
    Object yaml = dev.nbaml.deploy.CloudFormationYaml.read(Path.of("template.yaml"));
    return Json.MAPPER
        .valueToTree(yaml)
        .path("Resources")
        .path("ScoringFunction")
        .path("Properties");
  }

  /**
   * Starts the runtime for {@code taskRoot} with {@code functionEnv} (the product's settings and
   * the credentials variables) against the Runtime API at {@code runtimeApi}.
   */
  public static LambdaRuntimeProcess start(
      Path taskRoot, String runtimeApi, Map<String, String> functionEnv) throws IOException {
    JsonNode function = templateFunction();
    String handler = function.path("Handler").asText();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:MaxHeapSize=" + (MEMORY_MB * 85 / 100) + "m",
                "-XX:MaxMetaspaceSize=" + (MEMORY_MB * 10 / 100) + "m",
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                "-XX:+TieredCompilation",
                "-XX:TieredStopAtLevel=1",
                "-Djava.net.preferIPv4Stack=true",
                CRAC_COMPAT,
                "-classpath",
                runtimeClasspath(),
                MAIN,
                handler));
    ProcessBuilder pb = new ProcessBuilder(command).directory(taskRoot.toFile());
    Map<String, String> env = pb.environment();
    env.clear();
    env.putAll(lambdaEnvironment(taskRoot, runtimeApi, handler, function));
    env.putAll(functionEnv);
    Path output = Files.createTempFile("lambda-runtime", ".log");
    pb.redirectErrorStream(true).redirectOutput(output.toFile());
    return new LambdaRuntimeProcess(pb.start(), output);
  }

  /**
   * The variables Lambda sets (reserved ones) plus the template's own, apart from the product
   * settings.
   */
  private static Map<String, String> lambdaEnvironment(
      Path taskRoot, String runtimeApi, String handler, JsonNode function) {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
    env.put("LANG", "en_US.UTF-8");
    env.put("TZ", ":UTC");
    env.put("_HANDLER", handler);
    env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
    env.put("LAMBDA_RUNTIME_DIR", taskRoot.toString());
    env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
    env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
    env.put("AWS_LAMBDA_FUNCTION_NAME", "nba-ml-scoring-dev");
    env.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(MEMORY_MB));
    env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/nba-ml-scoring-dev");
    env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2024/01/15/[1]harness");
    env.put("AWS_REGION", TestServices.REGION);
    env.put("AWS_DEFAULT_REGION", TestServices.REGION);
    function
        .path("Environment")
        .path("Variables")
        .properties()
        .forEach(
            v -> {
              if (v.getValue()
                  .isTextual()) { // the plain values (JAVA_TOOL_OPTIONS, the metrics namespace)
                env.put(v.getKey(), v.getValue().asText());
              }
            });
    env.put("POWERTOOLS_SERVICE_NAME", "nba-ml-scoring-dev");
    env.put("S3_FORCE_PATH_STYLE", "true");
    return env;
  }

  /**
   * The runtime interface client's jar and its dependencies' (the managed runtime's own lib
   * folder).
   */
  private static final List<String> RUNTIME_JARS =
      List.of(
          "com/amazonaws/aws-lambda-java-runtime-interface-client/",
          "com/amazonaws/aws-lambda-java-core/",
          "com/amazonaws/aws-lambda-java-serialization/",
          "software/amazon/awssdk/utils-lite/",
          "software/amazon/awssdk/annotations/");

  private static String runtimeClasspath() {
    List<String> jars = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String path = entry.replace(File.separatorChar, '/');
      if (RUNTIME_JARS.stream().anyMatch(path::contains)) {
        jars.add(entry);
      }
    }
    if (jars.size() != RUNTIME_JARS.size()) {
      throw new IllegalStateException(
          "the runtime interface client's jars are not on the test classpath: " + jars);
    }
    return String.join(File.pathSeparator, jars);
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Everything the function and the runtime printed so far (stdout and stderr). */
  public String output() throws IOException {
    return Files.readString(output);
  }

  /** Waits for the process to end; returns its exit code, or -1 when it is still running. */
  public int waitFor(long seconds) throws InterruptedException {
    return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
  }

  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Files.deleteIfExists(output);
  }
}
