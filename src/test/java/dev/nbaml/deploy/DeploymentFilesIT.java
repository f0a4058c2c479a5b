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
          assertThat(uses.group(1)).as("%s: %s", file, uses.group(1))
              .matches("[\\w.-]+/[\\w./-]+@[0-9a-f]{40}|\\./\\.github/workflows/[\\w.-]+\\.yml");
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

  @Test
  void anyChangePublishesAVersionAndTrafficMovesOnlyAfterMigrationAndASmokeInvocation() {
    JsonNode p = function.path("Properties");
    assertThat(p.path("AutoPublishAliasAllProperties").asBoolean()).isTrue();
    JsonNode preference = p.path("DeploymentPreference");
    assertThat(preference.path("Hooks").path("PreTraffic").path("Ref").asText()).isEqualTo("PreTrafficHook");
    assertThat(preference.path("Alarms").get(0).path("Ref").asText()).isEqualTo("NewVersionErrorsAlarm");
    JsonNode hook = template.path("Resources").path("PreTrafficHook").path("Properties");
    assertThat(hook.path("FunctionName").path("Fn::Sub").asText()).startsWith("CodeDeployHook_");
    assertThat(hook.path("Environment").path("Variables").path("NEW_VERSION").path("Ref").asText())
        .isEqualTo("ScoringFunction.Version");
    String code = hook.path("InlineCode").asText();
    assertThat(code).contains("{\"action\": \"migrate\"}").contains("\"MIGRATED\"").contains("\"NO_GAMES\"")
        .contains("put_lifecycle_event_hook_execution_status");
    JsonNode alarm = template.path("Resources").path("NewVersionErrorsAlarm").path("Properties");
    assertThat(alarm.path("Dimensions").toString()).contains("Resource").contains(":live");
  }

  @Test
  void thePipelineStartsOnItsOwnScheduleIsBoundedLoggedTracedAndAlarmed() throws Exception {
    JsonNode machine = template.path("Resources").path("PipelineStateMachine").path("Properties");
    JsonNode schedule = machine.path("Events").path("PipelineSchedule");
    assertThat(schedule.path("Type").asText()).isEqualTo("Schedule");
    assertThat(schedule.path("Properties").path("State").path("Fn::If").get(0).asText()).isEqualTo("IsPipelineScheduleEnabled");
    assertThat(schedule.path("Properties").path("Schedule").path("Ref").asText()).isEqualTo("PipelineScheduleExpression");
    assertThat(schedule.path("Properties").path("DeadLetterConfig").path("Arn").toString()).contains("ScheduleDeadLetterQueue");
    assertThat(machine.path("Logging").path("Level").asText()).isEqualTo("ERROR");
    assertThat(machine.path("Tracing").path("Enabled").asBoolean()).isTrue();
    assertThat(function.path("Properties").path("Tracing").asText()).isEqualTo("Active");

    JsonNode definition = Json.MAPPER.readTree(Files.readString(Path.of("statemachine/nba-pipeline.asl.json")));
    int dbt = definition.path("States").path("RunDbt").path("TimeoutSeconds").asInt();
    int dbtAttempts = 1 + definition.path("States").path("RunDbt").path("Retry").get(0).path("MaxAttempts").asInt();
    assertThat(dbt).isBetween(60, 3 * 3600);
    assertThat(definition.path("States").path("ScoreGames").path("TimeoutSeconds").asInt()).isPositive();
    assertThat(definition.path("TimeoutSeconds").asInt()).as("the whole run outlasts dbt's attempts").isGreaterThan(dbt * dbtAttempts);

    Map<String, String> metricOf = Map.of(
        "PipelineFailedAlarm", "ExecutionsFailed",
        "PipelineTimedOutAlarm", "ExecutionsTimedOut",
        "NoSuccessfulRunAlarm", "ExecutionsSucceeded",
        "DeadLetterAlarm", "ApproximateNumberOfMessagesVisible");
    metricOf.forEach((name, metric) -> {
      JsonNode alarm = template.path("Resources").path(name).path("Properties");
      assertThat(alarm.path("MetricName").asText()).as(name).isEqualTo(metric);
      assertThat(alarm.path("AlarmActions").get(0).path("Ref").asText()).as(name).isEqualTo("AlertTopic");
    });
    JsonNode noRun = template.path("Resources").path("NoSuccessfulRunAlarm");
    assertThat(noRun.path("Properties").path("TreatMissingData").asText()).isEqualTo("breaching");
    assertThat(noRun.path("Properties").path("Period").asInt() * noRun.path("Properties").path("EvaluationPeriods").asInt())
        .isEqualTo(86400);
    assertThat(noRun.path("Condition").asText()).isEqualTo("IsPipelineScheduleEnabled");
  }

  @Test
  void aCustomerManagedKeyIsOptionalAndOnlyThatKeyMayDecrypt() {
    assertThat(template.path("Parameters").path("KmsKeyArn").path("Default").asText()).isEmpty();
    JsonNode policy = template.path("Resources").path("KmsDecryptPolicy");
    assertThat(policy.path("Condition").asText()).isEqualTo("HasKmsKey");
    assertThat(policy.path("Properties").path("RoleName").path("Ref").asText()).isEqualTo("ScoringFunctionRole");
    JsonNode statements = policy.path("Properties").path("PolicyDocument").path("Statement");
    assertThat(statements).hasSize(1);
    assertThat(texts(statements.get(0).path("Action"))).containsExactly("kms:Decrypt");
    assertThat(statements.get(0).path("Resource").path("Ref").asText()).isEqualTo("KmsKeyArn");
  }

  /**
   * Each environment's values live in samconfig.toml only: the region, both schedules and the log
   * retention, and every parameter without a default; the deploy job overrides none of them.
   */
  @Test
  void eachEnvironmentsSettingsAreInSamconfigAndTheDeployJobCannotOverrideThem() throws Exception {
    String samconfig = Files.readString(Path.of("samconfig.toml"));
    Set<String> required = new HashSet<>();
    template.path("Parameters").fields().forEachRemaining(e -> {
      if (!e.getValue().has("Default")) {
        required.add(e.getKey());
      }
    });
    for (String env : List.of("dev", "prod")) {
      String section = samconfig.split("\\[" + env + "\\.deploy\\.parameters]")[1].split("\\n\\[")[0];
      assertThat(section).as(env).containsPattern("(?m)^region = \"[a-z]+-[a-z]+-\\d\"$")
          .contains("\"Environment=" + env + "\"").contains("PipelineScheduleEnabled=").contains("PipelineScheduleExpression=")
          .contains("LogRetentionDays=");
      for (String parameter : required) {
        assertThat(section).as("%s sets %s", env, parameter).contains("\"" + parameter + "=");
      }
    }
    String prod = samconfig.split("\\[prod\\.deploy\\.parameters]")[1];
    assertThat(prod).contains("\"PipelineScheduleEnabled=true\"").contains("\"LogRetentionDays=90\"");
    String deploy = Files.readString(Path.of(".github/workflows/deploy.yml"));
    assertThat(deploy).doesNotContain("--parameter-overrides").doesNotContain("--region").doesNotContain("vars.AWS_REGION");
    assertThat(deploy).contains("sam deploy --config-env \"$TARGET\"");
  }

  /** The deploy workflow runs only as CI's last job, after both test jobs, with the jar they tested. */
  @Test
  void onlyACommitWhoseCiPassedIsDeployedWithTheJarItTested() throws Exception {
    Map<String, Object> deploy = CloudFormationYaml.read(Path.of(".github/workflows/deploy.yml"));
    JsonNode triggers = Json.MAPPER.valueToTree(deploy.containsKey("on") ? deploy.get("on") : deploy.get(true));
    assertThat(iterator(triggers.fieldNames())).containsExactly("workflow_call");
    String deployText = Files.readString(Path.of(".github/workflows/deploy.yml"));
    assertThat(deployText).contains("actions/download-artifact@").contains("name: tested-jar")
        .contains("PACKAGE: \"true\"").doesNotContain("mvn ").doesNotContain("aws lambda invoke");

    JsonNode ci = Json.MAPPER.valueToTree(CloudFormationYaml.read(Path.of(".github/workflows/ci.yml")));
    JsonNode job = ci.path("jobs").path("deploy");
    assertThat(texts(job.path("needs"))).containsExactlyInAnyOrder("verify", "infrastructure");
    assertThat(job.path("uses").asText()).isEqualTo("./.github/workflows/deploy.yml");
    String upload = ci.path("jobs").path("verify").path("steps").toString();
    assertThat(upload).contains("actions/upload-artifact@").contains("tested-jar").contains("target/ml-pipeline.jar");
    assertThat(ci.path("jobs").path("infrastructure").path("steps").toString()).contains("cfn-lint template.yaml");
    assertThat(Files.readString(Path.of("Makefile"))).contains("JAR ?= target/ml-pipeline.jar").contains("PACKAGE ?=");
  }

  private static <T> List<T> iterator(Iterator<T> it) {
    List<T> list = new ArrayList<>();
    it.forEachRemaining(list::add);
    return list;
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
