package dev.nbaml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nbaml.core.ModelProvider;
import dev.nbaml.core.ModelUnavailableException;
import dev.nbaml.core.TransientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CachingModelProviderTest {

  /** An in-memory store whose entity tag is the content's hash, and that can be taken down. */
  static final class FakeStore implements ModelStore {
    final Map<String, byte[]> files = new HashMap<>();
    final List<String> downloads = new ArrayList<>();
    final List<Path> targets = new ArrayList<>();
    boolean down;

    @Override
    public Optional<StoredFile> getIfChanged(String name, String etag) {
      if (down) {
        throw new TransientException("connection refused", null);
      }
      byte[] bytes = files.get(name);
      if (bytes == null) {
        throw new ModelUnavailableException(name + " does not exist");
      }
      String tag = Integer.toHexString(java.util.Arrays.hashCode(bytes));
      if (Objects.equals(tag, etag)) {
        return Optional.empty();
      }
      downloads.add(name);
      return Optional.of(new StoredFile(bytes, tag));
    }

    @Override
    public ModelArtifacts.Digest download(String name, long maxBytes, Path target) {
      byte[] bytes = getIfChanged(name, null).orElseThrow().bytes();
      targets.add(target);
      try {
        return ModelArtifacts.copy(new java.io.ByteArrayInputStream(bytes), target, maxBytes, name);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    @Override
    public String describe() {
      return "memory://models/";
    }
  }

  final FakeStore store = new FakeStore();
  final CachingModelProvider provider =
      new CachingModelProvider(store, Optional.empty(), Clock.systemUTC());

  @BeforeEach
  void publishGolden() throws Exception {
    Path golden = TribuoWinModelTest.GOLDEN;
    store.files.put("model-card.json", Files.readAllBytes(golden.resolve("model-card.json")));
    store.files.put("model.tribuo", Files.readAllBytes(golden.resolve("model.tribuo")));
  }

  @Test
  void downloadsTheModelOnceAndOnlyAsksWhetherTheCardChangedAfterwards() {
    ModelProvider.Selection first = provider.current();
    ModelProvider.Selection second = provider.current();

    assertThat(second.model()).isSameAs(first.model());
    assertThat(store.downloads).containsExactly("model-card.json", "model.tribuo");
    assertThat(second.warning()).isEmpty();
  }

  @Test
  void aWarmEnvironmentKeepsItsVerifiedModelWhenTheStoreIsDownAndSaysSo() {
    ModelProvider.Selection first = provider.current();
    store.down = true;

    ModelProvider.Selection kept = provider.current();

    assertThat(kept.model()).isSameAs(first.model());
    assertThat(kept.warning())
        .get()
        .asString()
        .contains("memory://models/ unreachable")
        .contains("scoring with legacy-logistic-regression@1.0.0");
  }

  @Test
  void aColdEnvironmentFailsClearlyWhenTheStoreIsDown() {
    store.down = true;

    assertThatThrownBy(provider::current)
        .isInstanceOf(TransientException.class)
        .hasMessageContaining("Cannot load the model from memory://models/");
  }

  @Test
  void aCorruptNewVersionIsRefusedRatherThanSilentlyIgnored() {
    provider.current();
    store.files.put("model.tribuo", new byte[] {1, 2, 3});
    store.files.put(
        "model-card.json",
        new String(store.files.get("model-card.json"))
            .replace("\"1.0.0\"", "\"1.0.1\"")
            .getBytes());

    assertThatThrownBy(provider::current)
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("does not match its card");
  }

  @Test
  void theModelFileIsStreamedIntoATemporaryFileThatIsDeletedWhetherItLoadsOrIsRefused() {
    provider.current();
    assertThat(store.targets).hasSize(1);
    assertThat(store.targets.get(0)).doesNotExist();

    CachingModelProvider small =
        new CachingModelProvider(store, Optional.empty(), Clock.systemUTC(), 1024);
    assertThatThrownBy(small::current)
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining(
            "is too large: more than 1024 bytes arrived, the limit is 1024 bytes (MODEL_MAX_BYTES)");
    assertThat(store.targets).hasSize(2);
    assertThat(store.targets.get(1)).doesNotExist();
  }
}
