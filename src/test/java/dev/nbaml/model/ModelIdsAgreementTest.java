package dev.nbaml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nbaml.aws.S3ModelRegistry;
import dev.nbaml.config.Config;
import dev.nbaml.config.S3Location;
import dev.nbaml.core.FeatureCatalog;
import dev.nbaml.core.ModelIds;
import dev.nbaml.util.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every place that reads a model name, version or alias accepts exactly what {@link ModelIds}
 * accepts: the card, the registry's alias files, the S3 registry and the {@code MODEL_ALIAS}
 * setting.
 */
class ModelIdsAgreementTest {
  static final List<String> VERSIONS =
      List.of("1.0.0", "2.10.3-rc.1", "1.0", "v1.0.0", "1.0.0 ", "1.0.0/..", "");
  static final List<String> IDS =
      List.of("current", "nba-winner", "x", "Current", "-x", "a_b", "a/b", "", "a".repeat(64));

  @Test
  void theCardAcceptsExactlyTheVersionsAndNamesOfModelIds() throws Exception {
    for (String version : VERSIONS) {
      assertThat(cardParses("m", version)).as(version).isEqualTo(ModelIds.isVersion(version));
    }
    for (String name : IDS) {
      assertThat(cardParses(name, "1.0.0")).as(name).isEqualTo(ModelIds.isName(name));
    }
  }

  @Test
  void anAliasFileIsReadExactlyWhenItNamesAVersionOfModelIds() throws Exception {
    for (String version : VERSIONS) {
      byte[] json = Json.MAPPER.writeValueAsBytes(Map.of("version", version));
      boolean read;
      try {
        read = ModelRegistry.aliasVersion(json, "alias").equals(version);
      } catch (RuntimeException e) {
        read = false;
      }
      assertThat(read).as(version).isEqualTo(ModelIds.isVersion(version));
    }
  }

  @Test
  void theRegistryNamesAFolderExactlyForTheNamesAndVersionsOfModelIds() {
    for (String version : VERSIONS) {
      assertThat(folderNamed("m", version)).as(version).isEqualTo(ModelIds.isVersion(version));
    }
    for (String name : IDS) {
      assertThat(folderNamed(name, "1.0.0")).as(name).isEqualTo(ModelIds.isName(name));
    }
    S3ModelRegistry registry =
        new S3ModelRegistry(null, S3Location.parse("s3://bucket/models/"), Clock.systemUTC(), 1024);
    assertThatThrownBy(() -> registry.promote("m", "../1.0.0", "current"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a semantic version");
  }

  @Test
  void theSettingAndTheS3RegistryAcceptExactlyTheAliasesOfModelIds() {
    S3ModelRegistry registry =
        new S3ModelRegistry(null, S3Location.parse("s3://bucket/models/"), Clock.systemUTC(), 1024);
    for (String alias : IDS) {
      boolean configured;
      try {
        configured =
            Config.function(
                    Map.of(
                        "AWS_REGION",
                        "eu-west-1",
                        "MODEL_ALIAS",
                        alias,
                        "MODEL_URI",
                        "s3://bucket/models/nba-winner/",
                        "DB_SECRET_ID",
                        "nba/db"))
                .model()
                .alias()
                .equals(Optional.of(alias));
      } catch (RuntimeException e) {
        configured = false;
      }
      assertThat(configured).as(alias).isEqualTo(ModelIds.isAlias(alias));
      if (!ModelIds.isAlias(alias)) {
        assertThatThrownBy(() -> registry.alias("m", alias))
            .as(alias)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("is not an alias");
      }
    }
  }

  private static boolean folderNamed(String name, String version) {
    try {
      return ModelRegistry.versionFolder(name, version).equals(name + "/" + version + "/");
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean cardParses(String name, String version) throws Exception {
    String card =
        Json.MAPPER.writeValueAsString(
            Map.of(
                "schema_version",
                1,
                "name",
                name,
                "version",
                version,
                "created_at",
                "2024-01-01T00:00:00Z",
                "model_file",
                "model.tribuo",
                "model_sha256",
                "a".repeat(64),
                "format",
                ModelCard.FORMAT,
                "features",
                FeatureCatalog.TABLE_FEATURES,
                "positive_label",
                ModelCard.HOME_WIN));
    try {
      ModelArtifacts.parseCard(card.getBytes(StandardCharsets.UTF_8), "card");
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
