package dev.nbaml.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.nbaml.config.Config;
import dev.nbaml.core.RunSummary;
import dev.nbaml.testing.SharedData;
import dev.nbaml.util.Json;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The deployment files, proved without the SAM CLI: the template against the official SAM schema and
 * against the code (handler, configuration), its IAM, the state machine and the workflows.
 */
class DeploymentFilesIT {
  /** Variables the template may set that the JVM or a library reads rather than {@link Config}. */
  static final Set<String> READ_ELSEWHERE = Set.of("JAVA_TOOL_OPTIONS", "POWERTOOLS_SERVICE_NAME", "POWERTOOLS_METRICS_NAMESPACE", "LOG_LEVEL");

  static JsonNode template;
  static JsonNode function;

  @BeforeAll
  static void read() throws Exception {
    template = Json.MAPPER.valueToTree(CloudFormationYaml.read(Path.of("template.yaml")));
    function = template.path("Resources").path("ScoringFunction");
  }

  @Test
  @Tag("shared-data")
  void theTemplateIsValidAgainstTheOfficialSamSchema() throws Exception {
    String schema = Files.readString(SharedData.file("../schemas/sam.schema.json"));
    List<Error> errors = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
        .getSchema(schema, InputFormat.JSON)
        .validate(Json.MAPPER.writeValueAsString(template), InputFormat.JSON);
    assertThat(errors).extracting(e -> e.getInstanceLocation() + ": " + e.getMessage()).isEmpty();
  }

  @Test
  void theHandlerItNamesIsInTheJarWithTheRuntimeSignature() throws Exception {
    String[] handler = function.path("Properties").path("Handler").asText().split("::");
    assertThat(handler).hasSize(2);
    try (URLClassLoader jar = new URLClassLoader(new URL[] {Path.of("target/ml-pipeline.jar").toUri().toURL()},
        ClassLoader.getPlatformClassLoader())) {
      Class<?> type = jar.loadClass(handler[0]);
      Class<?> streamHandler = jar.loadClass("com.amazonaws.services.lambda.runtime.RequestStreamHandler");
      assertThat(streamHandler).isAssignableFrom(type);
      assertThat(Modifier.isPublic(type.getConstructor().getModifiers())).isTrue();
      assertThat(type.getMethod(handler[1], InputStream.class, OutputStream.class, jar.loadClass(Context.class.getName())))
          .isNotNull();
    }
    assertThat(function.path("Properties").path("Runtime").asText()).isEqualTo("java21");
    assertThat(function.path("Metadata").path("BuildMethod").asText()).isEqualTo("makefile");
    assertThat(Files.readString(Path.of("Makefile"))).contains("build-ScoringFunction:").contains("target/ml-pipeline.jar");
  }

  @Test
  void everyVariableItSetsIsReadAndEveryRequiredOneIsSet() {
    Set<String> set = new HashSet<>();
    function.path("Properties").path("Environment").path("Variables").fieldNames().forEachRemaining(set::add);
    Set<String> known = new HashSet<>(Config.VARIABLES);
    known.addAll(READ_ELSEWHERE);
    assertThat(known).containsAll(set);
    Set<String> required = new HashSet<>(Config.REQUIRED);
    required.remove("AWS_REGION"); // Lambda sets it
    assertThat(set).containsAll(required);
  }

  @Test
  void snapStartTheAliasTheScheduleAndTheStateMachineAreThere() {
    JsonNode p = function.path("Properties");
    assertThat(p.path("SnapStart").path("ApplyOn").asText()).isEqualTo("PublishedVersions");
    assertThat(p.path("AutoPublishAlias").asText()).isNotBlank();
    JsonNode schedule = p.path("Events").path("DailySchedule");
    assertThat(schedule.path("Type").asText()).isEqualTo("Schedule");
    assertThat(schedule.path("Properties").path("State").has("Fn::If")).isTrue();
    assertThat(schedule.path("Properties").path("RetryPolicy").path("MaximumRetryAttempts").asInt()).isPositive();
    assertThat(schedule.path("Properties").has("DeadLetterConfig")).isTrue();
    assertThat(p.path("EventInvokeConfig").path("DestinationConfig").path("OnFailure").path("Type").asText()).isEqualTo("SNS");
    JsonNode machine = template.path("Resources").path("PipelineStateMachine");
    assertThat(machine.path("Type").asText()).isEqualTo("AWS::Serverless::StateMachine");
    assertThat(Path.of(machine.path("Properties").path("DefinitionUri").asText())).isRegularFile();
    assertThat(template.path("Resources").path("ErrorsAlarm").path("Type").asText()).isEqualTo("AWS::CloudWatch::Alarm");
    for (String alarm : List.of("RejectedGamesAlarm", "RollingAccuracyAlarm", "DriftAlarm")) {
      JsonNode a = template.path("Resources").path(alarm).path("Properties");
      assertThat(a.path("Namespace").asText()).isEqualTo("NbaMl");
      assertThat(List.of("GamesRejected", "RollingAccuracy", "DriftFlags")).contains(a.path("MetricName").asText());
    }
    assertThat(template.path("Resources").path("ScoringLogGroup").path("Properties").has("RetentionInDays")).isTrue();
  }

  @Test
  void noIamStatementGrantsAllResourcesOfS3OrSecretsManager() {
    List<JsonNode> statements = new ArrayList<>();
    template.path("Resources").forEach(resource -> resource.path("Properties").path("Policies").forEach(policy ->
        policy.path("Statement").forEach(statements::add)));
    assertThat(statements).isNotEmpty();
    int checked = 0;
    for (JsonNode statement : statements) {
      List<String> actions = texts(statement.path("Action"));
      if (actions.stream().anyMatch(a -> a.startsWith("s3:") || a.startsWith("secretsmanager:"))) {
        checked++;
        assertThat(actions).noneMatch(a -> a.endsWith(":*") || a.equals("*"));
        JsonNode resource = statement.path("Resource");
        assertThat(resource.isTextual() && resource.asText().contains("*") && !resource.asText().contains("$"))
            .as("resource of %s", actions).isFalse();
        String text = resource.toString();
        assertThat(text).as("resource of %s", actions).doesNotContain("\"*\"").doesNotContain(":::*");
        if (actions.contains("s3:GetObject")) {
          assertThat(text).contains("${ModelBucket}/${ModelPrefix}*");
        }
      }
    }
    assertThat(checked).isEqualTo(3);
  }

  @Test
  void theStateMachineRetriesOurTransientErrorAndBranchesOnRealSummaryFields() throws Exception {
    String asl = Files.readString(Path.of("statemachine/nba-pipeline.asl.json"));
    JsonNode definition = Json.MAPPER.readTree(asl);
    JsonNode states = definition.path("States");
    for (Iterator<Map.Entry<String, JsonNode>> it = states.fields(); it.hasNext(); ) {
      JsonNode state = it.next().getValue();
      Stream.concat(Stream.of(state.path("Next"), state.path("Default")),
              Stream.concat(stream(state.path("Catch")).map(c -> c.path("Next")), stream(state.path("Choices")).map(c -> c.path("Next"))))
          .filter(JsonNode::isTextual)
          .forEach(next -> assertThat(states.has(next.asText())).as("state %s", next).isTrue());
    }
    List<String> retried = texts(states.path("ScoreGames").path("Retry").get(0).path("ErrorEquals"));
    for (String error : retried) {
      if (error.startsWith("dev.nbaml.")) {
        assertThat(Class.forName(error)).isAssignableTo(RuntimeException.class);
      }
    }
    assertThat(retried).contains(dev.nbaml.core.TransientException.class.getName());
    Set<String> summaryFields = new HashSet<>();
    Json.MAPPER.valueToTree(new RunSummary(RunSummary.Status.SCORED, "r", java.time.LocalDate.now(), "t", "m", 0, 0,
        Map.of(), List.of(), 0, Map.of(), List.of(), 0, List.of(), List.of("w"), null, null, 0))
        .fieldNames().forEachRemaining(summaryFields::add);
    stream(states.path("CheckSummary").path("Choices")).forEach(choice ->
        assertThat(summaryFields).contains(choice.path("Variable").asText().replace("$.scoring.summary.", "").replaceAll("\\[.*", "")));
    Matcher placeholders = Pattern.compile("\\$\\{(\\w+)}").matcher(asl);
    JsonNode substitutions = template.path("Resources").path("PipelineStateMachine").path("Properties").path("DefinitionSubstitutions");
    while (placeholders.find()) {
      assertThat(substitutions.has(placeholders.group(1))).as("substitution %s", placeholders.group(1)).isTrue();
    }
  }

  @Test
  void workflowsPinEveryActionToACommitAndAskForLeastPermissions() throws Exception {
    try (Stream<Path> files = Files.list(Path.of(".github/workflows"))) {
      for (Path file : files.toList()) {
        Map<String, Object> workflow = CloudFormationYaml.read(file);
        assertThat(workflow).as("%s sets top-level permissions", file).containsKey("permissions");
        assertThat(Json.MAPPER.valueToTree(workflow.get("permissions")).toString()).doesNotContain("write-all");
        Matcher uses = Pattern.compile("uses:\\s*(\\S+)").matcher(Files.readString(file));
        while (uses.find()) {
          assertThat(uses.group(1)).as("%s: %s", file, uses.group(1)).matches("[\\w.-]+/[\\w./-]+@[0-9a-f]{40}");
        }
      }
    }
    String ci = Files.readString(Path.of(".github/workflows/ci.yml"));
    assertThat(ci).contains("java: [\"17\", \"21\"]").contains("mvn -B -ntp verify");
    String deploy = Files.readString(Path.of(".github/workflows/deploy.yml"));
    assertThat(deploy).contains("id-token: write").contains("aws-actions/configure-aws-credentials@").contains("sam deploy");
    String dependabot = Files.readString(Path.of(".github/dependabot.yml"));
    assertThat(dependabot).contains("package-ecosystem: maven").contains("package-ecosystem: github-actions");
    String samconfig = Files.readString(Path.of("samconfig.toml"));
    assertThat(samconfig).contains("[dev.deploy.parameters]").contains("[prod.deploy.parameters]");
  }

  private static Stream<JsonNode> stream(JsonNode array) {
    List<JsonNode> list = new ArrayList<>();
    array.forEach(list::add);
    return list.stream();
  }

  private static List<String> texts(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node.isTextual()) {
      out.add(node.asText());
    } else {
      node.forEach(n -> out.add(n.asText()));
    }
    return out;
  }
}
