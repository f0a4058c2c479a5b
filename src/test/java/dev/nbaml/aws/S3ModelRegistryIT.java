package dev.nbaml.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nbaml.config.S3Location;
import dev.nbaml.core.FeatureCatalog;
import dev.nbaml.lambda.ScoringHandler;
import dev.nbaml.model.LegacyImport;
import dev.nbaml.model.ModelArtifacts;
import dev.nbaml.testing.PipelineFixture;
import dev.nbaml.testing.TestGames;
import dev.nbaml.util.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publish, promote and roll back in the S3 registry, and the function following the alias. */
class S3ModelRegistryIT {
  static final Instant AT = Instant.parse("2024-01-01T00:00:00Z");

  static Path constantModel(Path dir, String version, double intercept) throws Exception {
    String json =
        "{\"features\": "
            + Json.MAPPER.writeValueAsString(FeatureCatalog.TABLE_FEATURES)
            + ", \"coef\": [0,0,0,0,0,0,0,0,0,0,0,0,0,0], \"intercept\": "
            + intercept
            + "}";
    LegacyImport.Coefficients c =
        LegacyImport.Coefficients.parse(json.getBytes(StandardCharsets.UTF_8));
    Path out = dir.resolve(version);
    ModelArtifacts.write(
        out, LegacyImport.model(c, AT), LegacyImport.card(c, "nba-winner", version, AT));
    return out;
  }

  static String modelVersionOfARun(ScoringHandler env) throws Exception {
    return dev.nbaml.testing.Invoke.handler(env, "{\"run_date\": \"2024-01-15\"}")
        .get("model_version")
        .asText();
  }

  @Test
  void publishIsImmutablePromoteMovesTheAliasAndTheFunctionFollowsItIncludingRollback(
      @TempDir Path dir) throws Exception {
    try (PipelineFixture pipeline = new PipelineFixture().migrate()) {
      pipeline.insertGames(TestGames.slate(31, LocalDate.of(2024, 1, 15), 2));
      S3Location root = S3Location.parse("s3://" + pipeline.bucket() + "/registry/");
      S3ModelRegistry registry =
          new S3ModelRegistry(
              pipeline.s3(),
              root,
              Clock.systemUTC(),
              dev.nbaml.config.ModelSettings.DEFAULT_MAX_BYTES);

      S3ModelRegistry.Published v1 = registry.publish(constantModel(dir, "1.0.0", 0.1));
      assertThat(v1.folder())
          .hasToString("s3://" + pipeline.bucket() + "/registry/nba-winner/1.0.0/");
      assertThat(v1.uploaded()).isTrue();
      assertThat(registry.publish(dir.resolve("1.0.0")).uploaded())
          .as("the identical version again")
          .isFalse();
      assertThatThrownBy(() -> registry.publish(constantModel(dir.resolve("again"), "1.0.0", 0.9)))
          .hasMessageContaining("nba-winner@1.0.0 is already published")
          .hasMessageContaining("with another model file")
          .hasMessageContaining("never overwritten");
      registry.publish(constantModel(dir, "1.1.0", 0.2));
      assertThatThrownBy(() -> registry.promote("nba-winner", "9.9.9", "current"))
          .hasMessageContaining("nba-winner@9.9.9 is not published");

      registry.promote("nba-winner", "1.0.0", "current");
      Map<String, String> env = new java.util.HashMap<>(pipeline.env());
      env.put("MODEL_URI", root + "nba-winner/");
      env.put("MODEL_ALIAS", "current");
      try (ScoringHandler function = ScoringHandler.create(env, Clock.systemUTC())) {
        assertThat(modelVersionOfARun(function)).isEqualTo("nba-winner@1.0.0");

        S3ModelRegistry.AliasState promoted = registry.promote("nba-winner", "1.1.0", "current");
        assertThat(promoted.previous()).contains("1.0.0");
        assertThat(modelVersionOfARun(function)).isEqualTo("nba-winner@1.1.0");
        assertThat(pipeline.predictions())
            .allSatisfy(r -> assertThat(r.get("model_version")).isEqualTo("nba-winner@1.1.0"));

        S3ModelRegistry.AliasState rolledBack = registry.rollback("nba-winner", "current");
        assertThat(rolledBack.version()).isEqualTo("1.0.0");
        assertThat(modelVersionOfARun(function)).isEqualTo("nba-winner@1.0.0");
      }
    }
  }
}
