package dev.nbaml.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nbaml.testing.FakeRuntimeApi;
import dev.nbaml.testing.LambdaRuntimeProcess;
import dev.nbaml.testing.PipelineFixture;
import dev.nbaml.testing.TestGames;
import dev.nbaml.testing.TestServices;
import dev.nbaml.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged function under AWS's own runtime interface client, laid out as {@code sam build}
 * lays it out, against a fake Runtime API on loopback: on demand (each {@code events/} file, the
 * error types Lambda reports) and as a SnapStart function (every before-checkpoint hook, the
 * restore, fresh credentials and connections after it). Also measures the time from restore to the
 * first response.
 */
class LambdaRuntimeIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final LocalDate RUN_DATE = LocalDate.of(2024, 1, 15);
  private static final int GAMES = 15;

  @TempDir static Path artifacts;
  static PipelineFixture pipeline;

  @BeforeAll
  static void setUp() throws Exception {
    LambdaRuntimeProcess.buildArtifacts(artifacts);
    pipeline = new PipelineFixture().migrate().publishModel(PipelineFixture.LEGACY_MODEL);
    pipeline.insertGames(TestGames.slate(41, RUN_DATE, GAMES));
  }

  @AfterAll
  static void tearDown() {
    pipeline.close();
  }

  /** The product's settings for the fixture, reached through {@code AWS_ENDPOINT_URL} as in CI. */
  private static Map<String, String> settings() {
    Map<String, String> env = new HashMap<>(pipeline.env());
    env.put("AWS_ENDPOINT_URL", TestServices.get().awsEndpoint().toString());
    return env;
  }

  /** On demand, Lambda puts the execution role's credentials in the environment. */
  private static Map<String, String> onDemand() {
    Map<String, String> env = settings();
    env.put("AWS_ACCESS_KEY_ID", "ASIAONDEMANDHARNESS0");
    env.put("AWS_SECRET_ACCESS_KEY", "harness-secret");
    env.put("AWS_SESSION_TOKEN", "harness-session-token");
    return env;
  }

  /** Under SnapStart, credentials come from the container endpoint, never from the environment. */
  private static Map<String, String> snapStart(FakeRuntimeApi api) {
    Map<String, String> env = settings();
    env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
    env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", api.credentialsUri());
    env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", FakeRuntimeApi.CREDENTIALS_TOKEN);
    return env;
  }

  private static byte[] eventFile(String name) throws IOException {
    return Files.readAllBytes(Path.of("events", name));
  }

  @Test
  void onDemandItAnswersEachEventFileAndReportsErrorsByType() throws Exception {
    try (FakeRuntimeApi api = new FakeRuntimeApi();
        LambdaRuntimeProcess function =
            LambdaRuntimeProcess.start(artifacts, api.address(), onDemand())) {
      JsonNode stepFunctions = response(api, function, eventFile("step-functions.json"));
      assertThat(stepFunctions.get("status").asText()).isEqualTo("SCORED");
      assertThat(stepFunctions.get("trigger").asText()).isEqualTo("step-functions");
      assertThat(stepFunctions.get("run_date").asText()).isEqualTo(RUN_DATE.toString());
      assertThat(stepFunctions.get("games_scored").asInt()).isEqualTo(GAMES);

      JsonNode scheduled = response(api, function, eventFile("scheduled.json"));
      assertThat(scheduled.get("trigger").asText()).isEqualTo("schedule");
      assertThat(scheduled.get("run_date").asText()).isEqualTo(RUN_DATE.toString());
      assertThat(scheduled.get("games_scored").asInt()).isEqualTo(GAMES);

      JsonNode empty = response(api, function, eventFile("empty.json"));
      assertThat(empty.get("run_date").asText())
          .isEqualTo(LocalDate.now(ZoneId.of("America/New_York")).toString());
      assertThat(empty.get("trigger").asText()).isEqualTo("manual");
      assertThat(empty.get("games_scored").asInt()).isZero(); // no game on or after today

      FakeRuntimeApi.Outcome bad =
          api.await(api.invoke("{\"run_date\": \"2024-02-30\"}".getBytes()), WAIT);
      // the header carries the runtime's category; Lambda and Step Functions name the error by the
      // body's type
      assertThat(bad.errorType()).isEqualTo("Runtime.UserException");
      JsonNode error = Json.MAPPER.readTree(bad.body());
      assertThat(error.get("errorType").asText()).isEqualTo(InvalidEventException.class.getName());
      assertThat(error.get("errorMessage").asText()).contains("run_date");

      // still serving after an error
      assertThat(
              response(api, function, eventFile("step-functions.json")).get("games_scored").asInt())
          .isEqualTo(GAMES);

      String out = function.output();
      assertThat(jsonLines(out, "\"message\""))
          .anySatisfy(
              log -> {
                assertThat(log.get("level").asText()).isEqualTo("INFO");
                assertThat(log.path("run_id").asText()).isNotBlank();
              });
      List<String> coldStarts =
          jsonLines(out, "\"Run SCORED").stream().map(l -> l.path("cold_start").asText()).toList();
      assertThat(coldStarts)
          .as("only the environment's first invocation is a cold start")
          .hasSizeGreaterThan(2);
      assertThat(coldStarts.get(0)).isEqualTo("true");
      assertThat(coldStarts.subList(1, coldStarts.size())).containsOnly("false");
      List<JsonNode> emf = jsonLines(out, "\"_aws\"");
      assertThat(emf).hasSizeGreaterThanOrEqualTo(4);
      JsonNode directive = emf.get(0).get("_aws").get("CloudWatchMetrics").get(0);
      assertThat(directive.get("Namespace").asText()).isEqualTo("NbaMl");
      assertThat(emf.get(0).get("GamesScored").asInt()).isEqualTo(GAMES);
      assertThat(out).doesNotContain(pipeline.database().password());
    }
  }

  @Test
  void aMissingSettingIsAnInitErrorNamingIt() throws Exception {
    Map<String, String> env = onDemand();
    env.remove("MODEL_URI");
    try (FakeRuntimeApi api = new FakeRuntimeApi();
        LambdaRuntimeProcess function = LambdaRuntimeProcess.start(artifacts, api.address(), env)) {
      List<FakeRuntimeApi.Report> reports = api.awaitReports(WAIT);
      assertThat(reports).hasSize(1);
      FakeRuntimeApi.Report report = reports.get(0);
      assertThat(report.path()).isEqualTo("init/error");
      JsonNode error = Json.MAPPER.readTree(report.body());
      assertThat(error.get("errorType").asText())
          .isEqualTo(dev.nbaml.config.ConfigException.class.getName());
      assertThat(error.get("errorMessage").asText()).contains("MODEL_URI");
      assertThat(function.waitFor(30)).isNotZero();
    }
  }

  @Test
  void asASnapStartFunctionItRunsEveryHookRestoresWithFreshCredentialsAndScores() throws Exception {
    Run run = snapStartRun();
    assertThat(run.summary().get("status").asText()).isEqualTo("SCORED");
    assertThat(run.summary().get("games_scored").asInt()).isEqualTo(GAMES);
  }

  /**
   * Median time from restore to the first response over several SnapStart runs, written to {@code
   * target/lambda-runtime-restore.txt} for the README's Performance table (not asserted: a timing
   * depends on the machine).
   */
  @Test
  void restoreToFirstResponseIsMeasured() throws Exception {
    List<Long> millis = new ArrayList<>();
    List<String> phases = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Run run = snapStartRun();
      millis.add(run.restoreToResponseMillis());
      phases.add(run.summary().path("timings").toString());
    }
    List<Long> sorted = millis.stream().sorted().toList();
    long median = sorted.get(sorted.size() / 2);
    String line =
        String.format(
            Locale.ROOT,
            "restore to first response: median %d ms of %s%nphases of the run (ms): %s%n",
            median,
            millis,
            phases);
    System.out.print(line);
    Files.writeString(Path.of("target", "lambda-runtime-restore.txt"), line);
    assertThat(median).isPositive();
  }

  record Run(JsonNode summary, long restoreToResponseMillis) {}

  /**
   * One SnapStart life: init, every before-checkpoint hook (the runtime asks for {@code
   * restore/next} once they have run); at the checkpoint no connection is open and the database
   * password is then rotated (a snapshot holding the old one would fail); restore; the first
   * invocation fetches new credentials and scores the run date's games.
   */
  private Run snapStartRun() throws Exception {
    try (FakeRuntimeApi api = new FakeRuntimeApi();
        LambdaRuntimeProcess function =
            LambdaRuntimeProcess.start(artifacts, api.address(), snapStart(api))) {
      boolean checkpoint = false;
      for (long end = System.nanoTime() + WAIT.toNanos();
          !checkpoint && function.isAlive() && System.nanoTime() < end; ) {
        checkpoint = api.awaitCheckpoint(Duration.ofMillis(100));
      }
      assertThat(checkpoint).as("reached the checkpoint; output:%n%s", function.output()).isTrue();
      assertThat(function.isAlive()).isTrue();
      // the product's hook primed the model before the snapshot (through the container credentials)
      assertThat(function.output()).contains("Primed before the snapshot");
      assertThat(api.credentialFetches()).isPositive();
      assertThat(openConnections(function.pid(), servicePorts()))
          .as("connections open at the checkpoint")
          .isEmpty();
      assertThat(sessionsOf(pipeline.database().name()))
          .as("database sessions at the checkpoint")
          .isZero();
      String newPassword = "pw-restored-" + System.nanoTime();
      pipeline.database().rotatePassword(newPassword);
      pipeline.putSecret(pipeline.database().secretJson(newPassword));

      String id = api.invoke(eventFile("step-functions.json"));
      long restoredAt = api.restore();
      FakeRuntimeApi.Outcome outcome = api.await(id, WAIT);
      assertThat(outcome.errorType())
          .as("error %s; output:%n%s", outcome.text(), function.output())
          .isNull();
      assertThat(api.credentialFetchesAfterRestore())
          .as("credentials fetched after the restore")
          .isPositive();
      assertThat(api.firstFreshCredentialsAtNanos()).isLessThan(outcome.atNanos());
      assertThat(function.output()).contains("Restored");
      assertThat(jsonLines(function.output(), "\"Run SCORED"))
          .as("the first invocation after a restore is a cold start")
          .first()
          .satisfies(log -> assertThat(log.path("cold_start").asText()).isEqualTo("true"));
      return new Run(
          Json.MAPPER.readTree(outcome.body()), (outcome.atNanos() - restoredAt) / 1_000_000);
    }
  }

  private static JsonNode response(FakeRuntimeApi api, LambdaRuntimeProcess function, byte[] event)
      throws Exception {
    FakeRuntimeApi.Outcome outcome;
    try {
      outcome = api.await(api.invoke(event), WAIT);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError(
          e.getMessage() + "; alive " + function.isAlive() + ", output:\n" + function.output(), e);
    }
    assertThat(outcome.errorType())
        .as("error %s; output:%n%s", outcome.text(), function.output())
        .isNull();
    return Json.MAPPER.readTree(outcome.body());
  }

  private static List<JsonNode> jsonLines(String output, String containing) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : output.split("\n")) {
      if (line.startsWith("{") && line.contains(containing)) {
        lines.add(Json.MAPPER.readTree(line));
      }
    }
    return lines;
  }

  private static Set<Integer> servicePorts() {
    return Set.of(TestServices.get().pg().port(), TestServices.get().awsEndpoint().getPort());
  }

  /**
   * The process's established TCP connections to the given remote ports, from /proc: its socket
   * inodes matched against the kernel's connection tables.
   */
  static List<String> openConnections(long pid, Set<Integer> remotePorts) throws IOException {
    Set<String> inodes = new HashSet<>();
    try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring(8, target.length() - 1));
          }
        } catch (IOException closedMeanwhile) {
          // the descriptor was closed while listing
        }
      }
    }
    List<String> open = new ArrayList<>();
    for (String table : List.of("tcp", "tcp6")) {
      Path file = Path.of("/proc", Long.toString(pid), "net", table);
      if (!Files.exists(file)) {
        continue;
      }
      List<String> rows = Files.readAllLines(file);
      for (String row : rows.subList(1, rows.size())) {
        String[] f = row.trim().split("\\s+");
        int remotePort = Integer.parseInt(f[2].substring(f[2].indexOf(':') + 1), 16);
        boolean established = f[3].equals("01");
        if (established && remotePorts.contains(remotePort) && inodes.contains(f[9])) {
          open.add(table + " " + f[1] + " -> " + f[2]);
        }
      }
    }
    return open;
  }

  private static int sessionsOf(String database) throws SQLException {
    try (Connection admin = TestServices.get().pg().connect("postgres");
        Statement st = admin.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = '"
                    + database
                    + "' AND pid <> pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
