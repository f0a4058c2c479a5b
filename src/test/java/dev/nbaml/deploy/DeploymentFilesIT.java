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
 * The deployment files, proved without the SAM CLI: the template against the official SAM schema
 * and against the code (handler, configuration), its IAM, the state machine and the workflows.
 */
class DeploymentFilesIT {
  /** Variables the template may set that the JVM or a library reads rather than {@link Config}. */
  static final Set<String> READ_ELSEWHERE =
      Set.of(
          "JAVA_TOOL_OPTIONS",
          "POWERTOOLS_SERVICE_NAME",
          "POWERTOOLS_METRICS_NAMESPACE",
          "LOG_LEVEL");

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
    List<Error> errors =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
            .getSchema(schema, InputFormat.JSON)
            .validate(Json.MAPPER.writeValueAsString(template), InputFormat.JSON);
    assertThat(errors).extracting(e -> e.getInstanceLocation() + ": " + e.getMessage()).isEmpty();
  }

  @Test
  void theHandlerItNamesIsInTheJarWithTheRuntimeSignature() throws Exception {
    String[] handler = function.path("Properties").path("Handler").asText().split("::");
    assertThat(handler).hasSize(2);
    try (URLClassLoader jar =
        new URLClassLoader(
            new URL[] {Path.of("target/ml-pipeline.jar").toUri().toURL()},
            ClassLoader.getPlatformClassLoader())) {
      Class<?> type = jar.loadClass(handler[0]);
      Class<?> streamHandler =
          jar.loadClass("com.amazonaws.services.lambda.runtime.RequestStreamHandler");
      assertThat(streamHandler).isAssignableFrom(type);
      assertThat(Modifier.isPublic(type.getConstructor().getModifiers())).isTrue();
      assertThat(
              type.getMethod(
                  handler[1],
                  InputStream.class,
                  OutputStream.class,
                  jar.loadClass(Context.class.getName())))
          .isNotNull();
    }
    assertThat(function.path("Properties").path("Runtime").asText()).isEqualTo("java21");
    assertThat(function.path("Metadata").path("BuildMethod").asText()).isEqualTo("makefile");
    assertThat(Files.readString(Path.of("Makefile")))
        .contains("build-ScoringFunction:")
        .contains("target/ml-pipeline.jar");
  }

  @Test
  void everyVariableItSetsIsReadAndEveryRequiredOneIsSet() {
    Set<String> set = new HashSet<>();
    function
        .path("Properties")
        .path("Environment")
        .path("Variables")
        .fieldNames()
        .forEachRemaining(set::add);
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
    assertThat(schedule.path("Properties").path("RetryPolicy").path("MaximumRetryAttempts").asInt())
        .isPositive();
    assertThat(schedule.path("Properties").has("DeadLetterConfig")).isTrue();
    assertThat(
            p.path("EventInvokeConfig")
                .path("DestinationConfig")
                .path("OnFailure")
                .path("Type")
                .asText())
        .isEqualTo("SNS");
    JsonNode machine = template.path("Resources").path("PipelineStateMachine");
    assertThat(machine.path("Type").asText()).isEqualTo("AWS::Serverless::StateMachine");
    assertThat(Path.of(machine.path("Properties").path("DefinitionUri").asText())).isRegularFile();
    assertThat(template.path("Resources").path("ErrorsAlarm").path("Type").asText())
        .isEqualTo("AWS::CloudWatch::Alarm");
    for (String alarm : List.of("RejectedGamesAlarm", "RollingAccuracyAlarm", "DriftAlarm")) {
      JsonNode a = template.path("Resources").path(alarm).path("Properties");
      assertThat(a.path("Namespace").asText()).isEqualTo("NbaMl");
      assertThat(List.of("GamesRejected", "RollingAccuracy", "DriftFlags"))
          .contains(a.path("MetricName").asText());
    }
    assertThat(
            template
                .path("Resources")
                .path("ScoringLogGroup")
                .path("Properties")
                .has("RetentionInDays"))
        .isTrue();
  }

  @Test
  void noIamStatementGrantsAllResourcesOfS3OrSecretsManager() {
    List<JsonNode> statements = new ArrayList<>();
    template
        .path("Resources")
        .forEach(
            resource ->
                resource
                    .path("Properties")
                    .path("Policies")
                    .forEach(policy -> policy.path("Statement").forEach(statements::add)));
    assertThat(statements).isNotEmpty();
    int checked = 0;
    for (JsonNode statement : statements) {
      List<String> actions = texts(statement.path("Action"));
      if (actions.stream().anyMatch(a -> a.startsWith("s3:") || a.startsWith("secretsmanager:"))) {
        checked++;
        assertThat(actions).noneMatch(a -> a.endsWith(":*") || a.equals("*"));
        JsonNode resource = statement.path("Resource");
        assertThat(
                resource.isTextual()
                    && resource.asText().contains("*")
                    && !resource.asText().contains("$"))
            .as("resource of %s", actions)
            .isFalse();
        String text = resource.toString();
        assertThat(text)
            .as("resource of %s", actions)
            .doesNotContain("\"*\"")
            .doesNotContain(":::*");
        if (actions.contains("s3:GetObject")) {
          assertThat(text).contains("${ModelBucket}/${ModelPrefix}*");
        }
      }
    }
    assertThat(checked).isEqualTo(4);
  }

  /**
   * The IAM resource patterns of a statement with its parameters' defaults in, as regular
   * expressions.
   */
  static List<Pattern> s3Patterns(JsonNode statement) {
    List<Pattern> patterns = new ArrayList<>();
    JsonNode parameters = template.path("Parameters");
    statement
        .path("Resource")
        .forEach(
            r -> {
              String arn =
                  r.path("Fn::Sub")
                      .asText()
                      .replace("${AWS::Partition}", "aws")
                      .replace("${ModelBucket}", "models-bucket");
              Matcher m = Pattern.compile("\\$\\{(\\w+)}").matcher(arn);
              StringBuilder filled = new StringBuilder();
              while (m.find()) {
                m.appendReplacement(
                    filled,
                    Matcher.quoteReplacement(parameters.path(m.group(1)).path("Default").asText()));
              }
              m.appendTail(filled);
              String regex =
                  Pattern.quote(filled.toString()).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
              patterns.add(Pattern.compile(regex));
            });
    return patterns;
  }

  @Test
  void theFunctionMayWriteNewVersionFoldersAndTheShadowAliasButNeverCurrent() {
    List<JsonNode> puts = new ArrayList<>();
    function
        .path("Properties")
        .path("Policies")
        .forEach(
            policy ->
                policy
                    .path("Statement")
                    .forEach(
                        st -> {
                          if (texts(st.path("Action")).contains("s3:PutObject")) {
                            puts.add(st);
                          }
                        }));
    assertThat(puts).hasSize(1);
    assertThat(texts(puts.get(0).path("Action"))).containsExactly("s3:PutObject");
    List<Pattern> allowed = s3Patterns(puts.get(0));
    assertThat(allowed).hasSize(2);
    String bucket = "arn:aws:s3:::models-bucket/";
    for (String key :
        List.of(
            "models/nba-winner/1.2.0/model.tribuo",
            "models/nba-winner/1.2.0/model-card.json",
            "models/nba-winner/10.11.12/model-card.json",
            "models/nba-winner/aliases/candidate.json")) {
      assertThat(allowed).as(key).anyMatch(p -> p.matcher(bucket + key).matches());
    }
    for (String key :
        List.of(
            "models/nba-winner/aliases/current.json",
            "models/nba-winner/aliases/live.json",
            "models/nba-winner/aliases/candidate.json.bak",
            "models/other-model/1.2.0/model.tribuo",
            "models/nba-winner/model-card.json",
            "other/nba-winner/1.2.0/model.tribuo")) {
      assertThat(allowed).as(key).noneMatch(p -> p.matcher(bucket + key).matches());
    }
    // The alias the function scores with can never be the shadow alias, whatever the parameters
    // say:
    // the function refuses to start (ConfigTest), and the parameter is an alias name (no dots, no
    // '/').
    JsonNode shadow = template.path("Parameters").path("ModelShadowAlias");
    assertThat(shadow.path("Default").asText()).isEqualTo("candidate");
    assertThat(shadow.path("Default").asText())
        .isNotEqualTo(template.path("Parameters").path("ModelAlias").path("Default").asText());
    Pattern aliasName = Pattern.compile(shadow.path("AllowedPattern").asText());
    assertThat(aliasName.matcher("candidate").matches()).isTrue();
    assertThat(List.of("1.2.0", "a/b", "Current", "*"))
        .noneMatch(v -> aliasName.matcher(v).matches());
    assertThat(
            function
                .path("Properties")
                .path("Environment")
                .path("Variables")
                .path("MODEL_SHADOW_ALIAS")
                .path("Ref")
                .asText())
        .isEqualTo("ModelShadowAlias");
  }

  @Test
  void aMonthlyScheduleOffByDefaultSendsTheRetrainAction() throws Exception {
    JsonNode retrain =
        function.path("Properties").path("Events").path("MonthlyRetrain").path("Properties");
    assertThat(Json.MAPPER.readTree(retrain.path("Input").asText()))
        .isEqualTo(Json.MAPPER.readTree("{\"action\": \"retrain\"}"));
    assertThat(retrain.path("State").path("Fn::If").get(0).asText())
        .isEqualTo("IsRetrainScheduleEnabled");
    assertThat(template.path("Parameters").path("RetrainScheduleEnabled").path("Default").asText())
        .isEqualTo("false");
    assertThat(
            template.path("Parameters").path("RetrainScheduleExpression").path("Default").asText())
        .isEqualTo("cron(0 12 1 * ? *)");
    assertThat(retrain.has("DeadLetterConfig")).isTrue();
  }

  @Test
  void theStateMachineRetriesOurTransientErrorAndBranchesOnRealSummaryFields() throws Exception {
    String asl = Files.readString(Path.of("statemachine/nba-pipeline.asl.json"));
    JsonNode definition = Json.MAPPER.readTree(asl);
    JsonNode states = definition.path("States");
    for (Map.Entry<String, JsonNode> entry : states.properties()) {
      JsonNode state = entry.getValue();
      Stream.concat(
              Stream.of(state.path("Next"), state.path("Default")),
              Stream.concat(
                  stream(state.path("Catch")).map(c -> c.path("Next")),
                  stream(state.path("Choices")).map(c -> c.path("Next"))))
          .filter(JsonNode::isTextual)
          .forEach(next -> assertThat(states.has(next.asText())).as("state %s", next).isTrue());
    }
    List<String> retried =
        texts(states.path("ScoreGames").path("Retry").get(0).path("ErrorEquals"));
    for (String error : retried) {
      if (error.startsWith("dev.nbaml.")) {
        assertThat(Class.forName(error)).isAssignableTo(RuntimeException.class);
      }
    }
    assertThat(retried).contains(dev.nbaml.core.TransientException.class.getName());
    Set<String> summaryFields = new HashSet<>();
    Json.MAPPER
        .valueToTree(
            new RunSummary(
                RunSummary.Status.SCORED,
                "r",
                java.time.LocalDate.now(),
                "t",
                "m",
                0,
                0,
                Map.of(),
                List.of(),
                0,
                Map.of(),
                List.of(),
                0,
                List.of(),
                List.of("w"),
                null,
                null,
                0))
        .fieldNames()
        .forEachRemaining(summaryFields::add);
    stream(states.path("CheckSummary").path("Choices"))
        .forEach(
            choice ->
                assertThat(summaryFields)
                    .contains(
                        choice
                            .path("Variable")
                            .asText()
                            .replace("$.scoring.summary.", "")
                            .replaceAll("\\[.*", "")));
    Matcher placeholders = Pattern.compile("\\$\\{(\\w+)}").matcher(asl);
    JsonNode substitutions =
        template
            .path("Resources")
            .path("PipelineStateMachine")
            .path("Properties")
            .path("DefinitionSubstitutions");
    while (placeholders.find()) {
      assertThat(substitutions.has(placeholders.group(1)))
          .as("substitution %s", placeholders.group(1))
          .isTrue();
    }
  }

  @Test
  void workflowsPinEveryActionToACommitAndAskForLeastPermissions() throws Exception {
    try (Stream<Path> files = Files.list(Path.of(".github/workflows"))) {
      for (Path file : files.toList()) {
        Map<String, Object> workflow = CloudFormationYaml.read(file);
        assertThat(workflow).as("%s sets top-level permissions", file).containsKey("permissions");
        assertThat(Json.MAPPER.valueToTree(workflow.get("permissions")).toString())
            .doesNotContain("write-all");
        Matcher uses = Pattern.compile("uses:\\s*(\\S+)").matcher(Files.readString(file));
        while (uses.find()) {
          assertThat(uses.group(1))
              .as("%s: %s", file, uses.group(1))
              .matches("[\\w.-]+/[\\w./-]+@[0-9a-f]{40}|\\./\\.github/workflows/[\\w.-]+\\.yml");
        }
      }
    }
    String ci = Files.readString(Path.of(".github/workflows/ci.yml"));
    assertThat(ci).contains("java: [\"17\", \"21\"]").contains("mvn -B -ntp verify");
    String deploy = Files.readString(Path.of(".github/workflows/deploy.yml"));
    assertThat(deploy)
        .contains("id-token: write")
        .contains("aws-actions/configure-aws-credentials@")
        .contains("sam deploy");
    String dependabot = Files.readString(Path.of(".github/dependabot.yml"));
    assertThat(dependabot)
        .contains("package-ecosystem: maven")
        .contains("package-ecosystem: github-actions");
    String samconfig = Files.readString(Path.of("samconfig.toml"));
    assertThat(samconfig).contains("[dev.deploy.parameters]").contains("[prod.deploy.parameters]");
  }

  @Test
  void anyChangePublishesAVersionAndTrafficMovesOnlyAfterMigrationAndASmokeInvocation() {
    JsonNode p = function.path("Properties");
    assertThat(p.path("AutoPublishAliasAllProperties").asBoolean()).isTrue();
    JsonNode preference = p.path("DeploymentPreference");
    assertThat(preference.path("Hooks").path("PreTraffic").path("Ref").asText())
        .isEqualTo("PreTrafficHook");
    assertThat(preference.path("Alarms").get(0).path("Ref").asText())
        .isEqualTo("NewVersionErrorsAlarm");
    JsonNode hook = template.path("Resources").path("PreTrafficHook").path("Properties");
    assertThat(hook.path("FunctionName").path("Fn::Sub").asText()).startsWith("CodeDeployHook_");
    assertThat(hook.path("Environment").path("Variables").path("NEW_VERSION").path("Ref").asText())
        .isEqualTo("ScoringFunction.Version");
    String code = hook.path("InlineCode").asText();
    assertThat(code)
        .contains("{\"action\": \"migrate\"}")
        .contains("\"MIGRATED\"")
        .contains("\"NO_GAMES\", \"SEASON_OFF\"")
        .contains("model_version")
        .contains("put_lifecycle_event_hook_execution_status");
    JsonNode alarm = template.path("Resources").path("NewVersionErrorsAlarm").path("Properties");
    assertThat(alarm.path("Dimensions").toString()).contains("Resource").contains(":live");
  }

  @Test
  void thePipelineStartsOnItsOwnScheduleIsBoundedLoggedTracedAndAlarmed() throws Exception {
    JsonNode machine = template.path("Resources").path("PipelineStateMachine").path("Properties");
    JsonNode schedule = machine.path("Events").path("PipelineSchedule");
    assertThat(schedule.path("Type").asText()).isEqualTo("Schedule");
    assertThat(schedule.path("Properties").path("State").path("Fn::If").get(0).asText())
        .isEqualTo("IsPipelineScheduleEnabled");
    assertThat(schedule.path("Properties").path("Schedule").path("Ref").asText())
        .isEqualTo("PipelineScheduleExpression");
    assertThat(schedule.path("Properties").path("DeadLetterConfig").path("Arn").toString())
        .contains("ScheduleDeadLetterQueue");
    assertThat(machine.path("Logging").path("Level").asText()).isEqualTo("ERROR");
    assertThat(machine.path("Tracing").path("Enabled").asBoolean()).isTrue();
    assertThat(function.path("Properties").path("Tracing").asText()).isEqualTo("Active");

    JsonNode definition =
        Json.MAPPER.readTree(Files.readString(Path.of("statemachine/nba-pipeline.asl.json")));
    int dbt = definition.path("States").path("RunDbt").path("TimeoutSeconds").asInt();
    int dbtAttempts =
        1
            + definition
                .path("States")
                .path("RunDbt")
                .path("Retry")
                .get(0)
                .path("MaxAttempts")
                .asInt();
    assertThat(dbt).isBetween(60, 3 * 3600);
    assertThat(definition.path("States").path("ScoreGames").path("TimeoutSeconds").asInt())
        .isPositive();
    assertThat(definition.path("TimeoutSeconds").asInt())
        .as("the whole run outlasts dbt's attempts")
        .isGreaterThan(dbt * dbtAttempts);

    Map<String, String> metricOf =
        Map.of(
            "PipelineFailedAlarm", "ExecutionsFailed",
            "PipelineTimedOutAlarm", "ExecutionsTimedOut",
            "NoSuccessfulRunAlarm", "ExecutionsSucceeded",
            "DeadLetterAlarm", "ApproximateNumberOfMessagesVisible");
    metricOf.forEach(
        (name, metric) -> {
          JsonNode alarm = template.path("Resources").path(name).path("Properties");
          assertThat(alarm.path("MetricName").asText()).as(name).isEqualTo(metric);
          assertThat(alarm.path("AlarmActions").get(0).path("Ref").asText())
              .as(name)
              .isEqualTo("AlertTopic");
        });
    JsonNode noRun = template.path("Resources").path("NoSuccessfulRunAlarm");
    assertThat(noRun.path("Properties").path("TreatMissingData").asText()).isEqualTo("breaching");
    assertThat(
            noRun.path("Properties").path("Period").asInt()
                * noRun.path("Properties").path("EvaluationPeriods").asInt())
        .isEqualTo(86400);
    assertThat(noRun.path("Condition").asText()).isEqualTo("IsPipelineScheduleEnabled");
  }

  @Test
  void aCustomerManagedKeyIsOptionalAndOnlyThatKeyMayDecrypt() {
    assertThat(template.path("Parameters").path("KmsKeyArn").path("Default").asText()).isEmpty();
    JsonNode policy = template.path("Resources").path("KmsDecryptPolicy");
    assertThat(policy.path("Condition").asText()).isEqualTo("HasKmsKey");
    assertThat(policy.path("Properties").path("RoleName").path("Ref").asText())
        .isEqualTo("ScoringFunctionRole");
    JsonNode statements = policy.path("Properties").path("PolicyDocument").path("Statement");
    assertThat(statements).hasSize(2);
    assertThat(texts(statements.get(0).path("Action"))).containsExactly("kms:Decrypt");
    assertThat(statements.get(0).path("Resource").path("Ref").asText()).isEqualTo("KmsKeyArn");
    // a retrained model is written to the bucket: encrypting with that key, only through S3
    assertThat(texts(statements.get(1).path("Action"))).containsExactly("kms:GenerateDataKey");
    assertThat(statements.get(1).path("Resource").path("Ref").asText()).isEqualTo("KmsKeyArn");
    assertThat(
            statements
                .get(1)
                .path("Condition")
                .path("StringEquals")
                .path("kms:ViaService")
                .path("Fn::Sub")
                .asText())
        .isEqualTo("s3.${AWS::Region}.amazonaws.com");
  }

  /**
   * Each environment's values live in samconfig.toml only: the region, both schedules and the log
   * retention, and every parameter without a default; the deploy job overrides none of them.
   */
  @Test
  void eachEnvironmentsSettingsAreInSamconfigAndTheDeployJobCannotOverrideThem() throws Exception {
    String samconfig = Files.readString(Path.of("samconfig.toml"));
    Set<String> required = new HashSet<>();
    template
        .path("Parameters")
        .properties()
        .forEach(
            e -> {
              if (!e.getValue().has("Default")) {
                required.add(e.getKey());
              }
            });
    for (String env : List.of("dev", "prod")) {
      String section =
          samconfig.split("\\[" + env + "\\.deploy\\.parameters]")[1].split("\\n\\[")[0];
      assertThat(section)
          .as(env)
          .containsPattern("(?m)^region = \"[a-z]+-[a-z]+-\\d\"$")
          .contains("\"Environment=" + env + "\"")
          .contains("PipelineScheduleEnabled=")
          .contains("PipelineScheduleExpression=")
          .contains("LogRetentionDays=");
      for (String parameter : required) {
        assertThat(section).as("%s sets %s", env, parameter).contains("\"" + parameter + "=");
      }
    }
    String prod = samconfig.split("\\[prod\\.deploy\\.parameters]")[1];
    assertThat(prod)
        .contains("\"PipelineScheduleEnabled=true\"")
        .contains("\"LogRetentionDays=90\"");
    String deploy = Files.readString(Path.of(".github/workflows/deploy.yml"));
    assertThat(deploy)
        .doesNotContain("--parameter-overrides")
        .doesNotContain("--region")
        .doesNotContain("vars.AWS_REGION");
    assertThat(deploy).contains("sam deploy --config-env \"$TARGET\"");
  }

  /**
   * The deploy workflow runs only as CI's last job, after both test jobs, with the jar they tested.
   */
  @Test
  void onlyACommitWhoseCiPassedIsDeployedWithTheJarItTested() throws Exception {
    Map<String, Object> deploy = CloudFormationYaml.read(Path.of(".github/workflows/deploy.yml"));
    JsonNode triggers =
        Json.MAPPER.valueToTree(deploy.containsKey("on") ? deploy.get("on") : deploy.get(true));
    assertThat(iterator(triggers.fieldNames())).containsExactly("workflow_call");
    String deployText = Files.readString(Path.of(".github/workflows/deploy.yml"));
    assertThat(deployText)
        .contains("actions/download-artifact@")
        .contains("name: tested-jar")
        .contains("PACKAGE: \"true\"")
        .doesNotContain("mvn ")
        .doesNotContain("aws lambda invoke");

    JsonNode ci =
        Json.MAPPER.valueToTree(CloudFormationYaml.read(Path.of(".github/workflows/ci.yml")));
    JsonNode job = ci.path("jobs").path("deploy");
    assertThat(texts(job.path("needs"))).containsExactlyInAnyOrder("verify", "infrastructure");
    assertThat(job.path("uses").asText()).isEqualTo("./.github/workflows/deploy.yml");
    String upload = ci.path("jobs").path("verify").path("steps").toString();
    assertThat(upload)
        .contains("actions/upload-artifact@")
        .contains("tested-jar")
        .contains("target/ml-pipeline.jar");
    assertThat(ci.path("jobs").path("infrastructure").path("steps").toString())
        .contains("cfn-lint template.yaml");
    assertThat(Files.readString(Path.of("Makefile")))
        .contains("JAR ?= target/ml-pipeline.jar")
        .contains("PACKAGE ?=");
  }

  /**
   * The PreTraffic hook's own code, run with python3 against stand-in boto3 and botocore modules: a
   * smoke run answering NO_GAMES or SEASON_OFF with a model version passes, one without a model
   * version or with another status fails; the Lambda client waits longer than the function's
   * timeout and never retries, and the hook's timeout covers both calls.
   */
  @Test
  void thePreTrafficHookAcceptsAnOffSeasonButNotAMissingModelAndNeverRetriesAnInvocation()
      throws Exception {
    JsonNode hook = template.path("Resources").path("PreTrafficHook").path("Properties");
    Path dir = Files.createTempDirectory("pre-traffic-hook");
    Files.writeString(dir.resolve("index.py"), hook.path("InlineCode").asText());
    Files.createDirectories(dir.resolve("boto3"));
    Files.createDirectories(dir.resolve("botocore"));
    Files.writeString(dir.resolve("botocore/__init__.py"), "");
    Files.writeString(
        dir.resolve("botocore/config.py"),
        """
        class Config:
            def __init__(self, **kwargs):
                self.kwargs = kwargs
        """);
    Files.writeString(
        dir.resolve("boto3/__init__.py"),
        """
        import io, json
        ANSWERS, INVOKED, REPORTED = [], [], []
        class _Lambda:
            def __init__(self, config): self.config = config
            def invoke(self, FunctionName, Payload):
                INVOKED.append(json.loads(Payload))
                return {"Payload": io.BytesIO(json.dumps(ANSWERS.pop(0)).encode())}
        class _CodeDeploy:
            def put_lifecycle_event_hook_execution_status(self, **kw): REPORTED.append(kw["status"])
        def client(name, config=None):
            return _Lambda(config) if name == "lambda" else _CodeDeploy()
        """);
    Files.writeString(
        dir.resolve("run.py"),
        """
        import json, sys
        import boto3, index
        results = {"config": index.LAMBDA.config.kwargs, "runs": []}
        for smoke in json.loads(sys.argv[1]):
            boto3.ANSWERS[:] = [{"status": "MIGRATED"}, smoke]
            try:
                index.handler({"DeploymentId": "d", "LifecycleEventHookExecutionId": "e"}, None)
            except RuntimeError:
                pass
            results["runs"].append([boto3.INVOKED[-2:], boto3.REPORTED[-1]])
        print("RESULT " + json.dumps(results))
        """);
    String smokes =
        """
        [{"status": "NO_GAMES", "model_version": "nba-winner@1.1.0"},
         {"status": "SEASON_OFF", "model_version": "nba-winner@1.1.0"},
         {"status": "SEASON_OFF", "model_version": null},
         {"status": "NO_GAMES"},
         {"status": "SCORED", "model_version": "nba-winner@1.1.0"}]""";
    String out =
        run(
            dir,
            Map.of("NEW_VERSION", "fn:7", "PYTHONPATH", dir.toString()),
            "python3",
            "run.py",
            smokes);
    JsonNode result = Json.MAPPER.readTree(out.substring(out.indexOf("RESULT ") + 7).trim());
    assertThat(stream(result.path("runs")).map(r -> r.get(1).asText()))
        .containsExactly("Succeeded", "Succeeded", "Failed", "Failed", "Failed");
    assertThat(result.path("runs").get(0).get(0).toString())
        .isEqualTo("[{\"action\":\"migrate\"},{\"run_date\":\"2999-12-31\"}]");

    JsonNode config = result.path("config");
    int functionTimeout = function.path("Properties").path("Timeout").asInt();
    assertThat(config.path("retries").path("max_attempts").asInt(-1)).as("no SDK retries").isZero();
    assertThat(config.path("read_timeout").asInt())
        .as("read timeout")
        .isGreaterThan(functionTimeout);
    int perCall = config.path("read_timeout").asInt() + config.path("connect_timeout").asInt();
    assertThat(hook.path("Timeout").asInt())
        .as("the hook outlasts migrate + smoke")
        .isGreaterThanOrEqualTo(2 * perCall + 30);
  }

  /**
   * A deploy uses the newest committed model version (or vars.MODEL_VERSION), never a fixed
   * default, and moves `current` only forward: the workflow's own steps, run with bash against
   * stand-in aws and java commands.
   */
  @Test
  void theDeployJobTakesTheNewestCommittedModelAndMovesCurrentOnlyForward() throws Exception {
    String deployText = Files.readString(Path.of(".github/workflows/deploy.yml"));
    assertThat(deployText)
        .doesNotContainPattern("MODEL_VERSION \\|\\| '")
        .doesNotContain("MODEL_DIR");
    JsonNode steps =
        Json.MAPPER
            .valueToTree(CloudFormationYaml.read(Path.of(".github/workflows/deploy.yml")))
            .path("jobs")
            .path("deploy")
            .path("steps");
    String modelStep = step(steps, "The model version").path("run").asText();
    JsonNode promote = step(steps, "Promote");
    assertThat(promote.path("if").asText())
        .isEqualTo("inputs.environment == 'dev' || inputs.promote");

    String newest;
    try (Stream<Path> versions = Files.list(Path.of("model-artifacts/nba-winner"))) {
      newest =
          versions
              .map(v -> v.getFileName().toString())
              .max(DeploymentFilesIT::compareVersions)
              .orElseThrow();
    }
    Path output = Files.createTempFile("github-output", ".txt");
    run(
        Path.of("."),
        Map.of("GITHUB_OUTPUT", output.toString(), "OVERRIDE", ""),
        "bash",
        "-e",
        "-c",
        modelStep);
    assertThat(Files.readString(output)).isEqualTo("version=" + newest + "\n");
    Files.writeString(output, "");
    run(
        Path.of("."),
        Map.of("GITHUB_OUTPUT", output.toString(), "OVERRIDE", "1.0.0"),
        "bash",
        "-e",
        "-c",
        modelStep);
    assertThat(Files.readString(output)).isEqualTo("version=1.0.0\n");
    assertThat(
            exitCode(
                Path.of("."),
                Map.of("GITHUB_OUTPUT", output.toString(), "OVERRIDE", "../1.0.0"),
                "bash",
                "-e",
                "-c",
                modelStep))
        .isNotZero();

    Path bin = Files.createTempDirectory("stand-ins");
    Files.writeString(
        bin.resolve("aws"),
        """
        #!/bin/bash
        if [ "$ALIAS" = none ]; then echo 'An error occurred (404) when calling the HeadObject operation' >&2; exit 1; fi
        if [ "$ALIAS" = denied ]; then echo 'An error occurred (403) when calling the HeadObject operation' >&2; exit 1; fi
        printf '{"version": "%s"}' "$ALIAS"
        """);
    Files.writeString(bin.resolve("java"), "#!/bin/bash\necho \"PROMOTED $*\"\n");
    bin.resolve("aws").toFile().setExecutable(true);
    bin.resolve("java").toFile().setExecutable(true);
    String script = promote.path("run").asText();
    java.util.function.BiFunction<String, String, String> promoteWith =
        (alias, asked) ->
            run(
                Path.of("."),
                Map.of(
                    "PATH",
                    bin + ":" + System.getenv("PATH"),
                    "RUNNER_TEMP",
                    bin.toString(),
                    "REGISTRY",
                    "s3://b/models/",
                    "VERSION",
                    "1.9.0",
                    "ASKED",
                    asked,
                    "ALIAS",
                    alias),
                "bash",
                "-e",
                "-c",
                script);
    assertThat(promoteWith.apply("none", "false")).contains("PROMOTED").contains("--version 1.9.0");
    assertThat(promoteWith.apply("1.2.0", "false"))
        .contains("PROMOTED")
        .contains("--version 1.9.0");
    assertThat(promoteWith.apply("1.9.0", "false")).doesNotContain("PROMOTED");
    assertThat(promoteWith.apply("1.10.0", "false"))
        .doesNotContain("PROMOTED")
        .contains("::warning::");
    Map<String, String> env =
        Map.of(
            "PATH",
            bin + ":" + System.getenv("PATH"),
            "RUNNER_TEMP",
            bin.toString(),
            "REGISTRY",
            "s3://b/models/",
            "VERSION",
            "1.9.0",
            "ALIAS",
            "1.10.0",
            "ASKED",
            "true");
    assertThat(exitCode(Path.of("."), env, "bash", "-e", "-c", script))
        .as("prod asked to move current back")
        .isNotZero();
    Map<String, String> denied = new java.util.HashMap<>(env);
    denied.put("ALIAS", "denied");
    denied.put("ASKED", "false");
    assertThat(exitCode(Path.of("."), denied, "bash", "-e", "-c", script))
        .as("an unreadable alias is not a missing one")
        .isNotZero();
    assertThat(Files.readString(Path.of("README.md")))
        .contains("ls -d model-artifacts/nba-winner/*/ | sort -V | tail -n 1")
        .contains("`MODEL_VERSION`")
        .contains("only forward");
  }

  /**
   * Prod deploys only a commit of main, checked before any AWS credentials; reviewers are the
   * second gate.
   */
  @Test
  void prodDeploysOnlyACommitOfMainBeforeItGetsCredentials() throws Exception {
    JsonNode steps =
        Json.MAPPER
            .valueToTree(CloudFormationYaml.read(Path.of(".github/workflows/deploy.yml")))
            .path("jobs")
            .path("deploy")
            .path("steps");
    List<String> order = new ArrayList<>();
    steps.forEach(
        s ->
            order.add(
                s.has("uses")
                    ? s.path("uses").asText().replaceAll("@.*", "")
                    : s.path("name").asText()));
    JsonNode gate = step(steps, "Prod deploys only a commit of main");
    assertThat(gate.path("if").asText()).isEqualTo("inputs.environment == 'prod'");
    assertThat(gate.path("run").asText())
        .contains("git merge-base --is-ancestor HEAD refs/remotes/origin/main")
        .contains("exit 1");
    assertThat(order.indexOf(gate.path("name").asText()))
        .isLessThan(order.indexOf("aws-actions/configure-aws-credentials"));
    assertThat(steps.get(0).path("with").path("fetch-depth").asInt(-1))
        .as("checkout fetches main's history")
        .isZero();
    assertThat(Files.readString(Path.of("README.md")))
        .contains("**Prod has two gates.**")
        .contains("required reviewers");
  }

  /** The README's retry counts are the state machine's. */
  @Test
  void theReadmeSaysHowOftenEachStepIsRetried() throws Exception {
    JsonNode states =
        Json.MAPPER
            .readTree(Files.readString(Path.of("statemachine/nba-pipeline.asl.json")))
            .path("States");
    String readme = Files.readString(Path.of("README.md")).replaceAll("\\s+", " ");
    Map<Integer, String> times =
        Map.of(1, "retried once", 2, "retried up to twice", 3, "retried up to three times");
    JsonNode dbt = states.path("RunDbt").path("Retry");
    JsonNode scoring = states.path("ScoreGames").path("Retry");
    assertThat(dbt).hasSize(1);
    assertThat(scoring).hasSize(1);
    assertThat(readme)
        .contains(
            "one-hour `TimeoutSeconds`, "
                + times.get(dbt.get(0).path("MaxAttempts").asInt())
                + ", "
                + dbt.get(0).path("IntervalSeconds").asInt()
                + " s later");
    int interval = scoring.get(0).path("IntervalSeconds").asInt();
    int rate = scoring.get(0).path("BackoffRate").asInt();
    assertThat(readme)
        .contains(
            "then the function (five minutes) "
                + times.get(scoring.get(0).path("MaxAttempts").asInt())
                + " ("
                + interval
                + " s, "
                + interval * rate
                + " s, "
                + interval * rate * rate
                + " s apart)");
    assertThat(
            function
                .path("Properties")
                .path("EventInvokeConfig")
                .path("MaximumRetryAttempts")
                .asInt())
        .isEqualTo(1);
    assertThat(readme).contains("a failed asynchronous invocation is retried once");
    assertThat(
            function
                .path("Properties")
                .path("Events")
                .path("DailySchedule")
                .path("Properties")
                .path("RetryPolicy")
                .path("MaximumRetryAttempts")
                .asInt())
        .isEqualTo(2);
    assertThat(readme).contains("schedules retry twice");
  }

  /**
   * The dbt task is a family ARN (validated), and the state machine may run that family's
   * revisions.
   */
  @Test
  void theDbtTaskIsAFamilyWhoseRevisionsTheStateMachineMayRun() {
    JsonNode parameter = template.path("Parameters").path("DbtTaskDefinitionArn");
    Pattern allowed = Pattern.compile(parameter.path("AllowedPattern").asText());
    assertThat(
            allowed.matcher("arn:aws:ecs:us-east-1:123456789012:task-definition/nba-dbt").matches())
        .isTrue();
    assertThat(
            allowed
                .matcher("arn:aws-us-gov:ecs:us-gov-west-1:123456789012:task-definition/nba_dbt-2")
                .matches())
        .isTrue();
    assertThat(
            allowed
                .matcher("arn:aws:ecs:us-east-1:123456789012:task-definition/nba-dbt:12")
                .matches())
        .isFalse();
    assertThat(allowed.matcher("nba-dbt").matches()).isFalse();
    assertThat(parameter.path("Description").asText()).contains("without a revision");
    List<JsonNode> runTask = new ArrayList<>();
    template
        .path("Resources")
        .path("PipelineStateMachine")
        .path("Properties")
        .path("Policies")
        .forEach(
            p ->
                p.path("Statement")
                    .forEach(
                        s -> {
                          if (texts(s.path("Action")).contains("ecs:RunTask")) {
                            runTask.add(s);
                          }
                        }));
    assertThat(runTask).hasSize(1);
    assertThat(runTask.get(0).path("Resource").path("Fn::Sub").asText())
        .isEqualTo("${DbtTaskDefinitionArn}:*");
  }

  /**
   * With AllAtOnce the hook is the gate; the alarm on `live` is CodeDeploy's, not a second alert.
   */
  @Test
  void theReadmeSaysWhatGatesADeploymentAndWhatTheNewVersionAlarmDoes() throws Exception {
    JsonNode preference = function.path("Properties").path("DeploymentPreference");
    assertThat(preference.path("Type").asText()).isEqualTo("AllAtOnce");
    JsonNode alarm = template.path("Resources").path("NewVersionErrorsAlarm").path("Properties");
    assertThat(alarm.has("AlarmActions"))
        .as("the errors alarm alerts; this one would alert twice")
        .isFalse();
    String readme = Files.readString(Path.of("README.md")).replaceAll("\\s+", " ");
    assertThat(readme)
        .contains("**The hook is what gates a deployment**")
        .contains("The deployment type is `AllAtOnce`");
  }

  private static JsonNode step(JsonNode steps, String namePrefix) {
    return stream(steps)
        .filter(s -> s.path("name").asText().startsWith(namePrefix))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no step " + namePrefix));
  }

  private static int compareVersions(String a, String b) {
    String[] x = a.split("[.-]");
    String[] y = b.split("[.-]");
    for (int i = 0; i < 3; i++) {
      int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** Runs a command (bounded: two minutes), returns its output; fails the test if it fails. */
  private static String run(Path dir, Map<String, String> env, String... command) {
    String[] out = new String[1];
    int code = exitCode(dir, env, out, command);
    assertThat(code).as("%s exited with %s: %s", command[0], code, out[0]).isZero();
    return out[0];
  }

  private static int exitCode(Path dir, Map<String, String> env, String... command) {
    return exitCode(dir, env, new String[1], command);
  }

  private static int exitCode(
      Path dir, Map<String, String> env, String[] output, String... command) {
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
      builder.environment().putAll(env);
      Process process = builder.start();
      java.util.concurrent.CompletableFuture<String> text =
          java.util.concurrent.CompletableFuture.supplyAsync(
              () -> {
                try {
                  return new String(
                      process.getInputStream().readAllBytes(),
                      java.nio.charset.StandardCharsets.UTF_8);
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      if (!process.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " ran past two minutes");
      }
      output[0] = text.get(10, java.util.concurrent.TimeUnit.SECONDS);
      return process.exitValue();
    } catch (Exception e) {
      throw new AssertionError(String.join(" ", command) + ": " + e, e);
    }
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
