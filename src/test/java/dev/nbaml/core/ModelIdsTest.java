package dev.nbaml.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModelIdsTest {

  @Test
  void versionsAreSemanticVersionsWithAnOptionalPreRelease() {
    assertThat(ModelIds.isVersion("1.2.0")).isTrue();
    assertThat(ModelIds.isVersion("10.0.31-rc.1")).isTrue();
    assertThat(ModelIds.isVersion("1.2")).isFalse();
    assertThat(ModelIds.isVersion("v1.2.0")).isFalse();
    assertThat(ModelIds.isVersion("1.2.0/../x")).isFalse();
    assertThat(ModelIds.isVersion(null)).isFalse();
  }

  @Test
  void namesAndAliasesAreLowerCaseLettersDigitsAndDashesUpTo63() {
    for (String ok : new String[] {"current", "nba-winner", "0", "a".repeat(63)}) {
      assertThat(ModelIds.isAlias(ok)).as(ok).isTrue();
      assertThat(ModelIds.isName(ok)).as(ok).isTrue();
    }
    for (String bad : new String[] {"", "-x", "Current", "a_b", "a/b", "..", "a".repeat(64)}) {
      assertThat(ModelIds.isAlias(bad)).as(bad).isFalse();
      assertThat(ModelIds.isName(bad)).as(bad).isFalse();
    }
    assertThat(ModelIds.isAlias(null)).isFalse();
  }

  @Test
  void requireAliasNamesTheRefusedValue() {
    assertThat(ModelIds.requireAlias("current")).isEqualTo("current");
    assertThatThrownBy(() -> ModelIds.requireAlias("Prod/1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'Prod/1' is not an alias of lower-case letters, digits and '-'");
  }
}
