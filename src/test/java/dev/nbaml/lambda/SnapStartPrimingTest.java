package dev.nbaml.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SnapStart's hooks never run under sam local or in tests of the handler: they are tested here. */
class SnapStartPrimingTest {
  final List<String> calls = new ArrayList<>();

  @Test
  void beforeTheSnapshotItPrimesThenDropsConnectionsAndCredentials() {
    new SnapStartPriming(() -> calls.add("prime"), () -> calls.add("forget"))
        .beforeCheckpoint(null);
    assertThat(calls).containsExactly("prime", "forget");
  }

  @Test
  void aFailedPrimingDoesNotFailTheSnapshotAndStillLeavesNoSecretInIt() {
    new SnapStartPriming(
            () -> {
              throw new IllegalStateException("model store unreachable");
            },
            () -> calls.add("forget"))
        .beforeCheckpoint(null);
    assertThat(calls).containsExactly("forget");
  }

  @Test
  void afterRestoreTheFirstRunFetchesFreshCredentialsAndConnects() {
    new SnapStartPriming(() -> calls.add("prime"), () -> calls.add("forget")).afterRestore(null);
    assertThat(calls).containsExactly("forget");
  }
}
