package dev.nbaml.model;

import dev.nbaml.config.ModelSettings;
import dev.nbaml.core.ModelProvider;
import dev.nbaml.core.ModelUnavailableException;
import dev.nbaml.core.TransientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the verified model of an execution environment. Each run asks the store whether what it
 * points to changed (a conditional GET on the alias file or the card); only then is the model file
 * downloaded, checked against its card and loaded. Where the store cannot be reached but a verified
 * model is held, the run goes on with it and says so.
 *
 * <p>The model file is streamed into a temporary file while its SHA-256 is computed, never read
 * whole into memory, and refused past {@code maxBytes} ({@code MODEL_MAX_BYTES}); the temporary
 * file is deleted once the model is loaded or refused.
 */
public final class CachingModelProvider implements ModelProvider {
  private static final Logger LOG = LoggerFactory.getLogger(CachingModelProvider.class);

  private record Held(TribuoWinModel model, String folder, String pointerEtag, Instant loadedAt) {}

  private final ModelStore store;
  private final Optional<String> alias;
  private final Clock clock;
  private final long maxBytes;
  private Held held;

  /** Whether the last refresh found no alias file. */
  private boolean aliasMissing;

  /** A provider that accepts model files up to the default {@code MODEL_MAX_BYTES}. */
  public CachingModelProvider(ModelStore store, Optional<String> alias, Clock clock) {
    this(store, alias, clock, ModelSettings.DEFAULT_MAX_BYTES);
  }

  /**
   * @param store the model folder ({@code MODEL_URI})
   * @param alias with an alias, the store is a model's registry folder and the alias names the
   *     version
   * @param maxBytes the largest model file accepted ({@code MODEL_MAX_BYTES})
   */
  public CachingModelProvider(
      ModelStore store, Optional<String> alias, Clock clock, long maxBytes) {
    this.store = store;
    this.alias = alias;
    this.clock = clock;
    this.maxBytes = maxBytes;
  }

  @Override
  public synchronized Selection current() {
    Held before = held;
    try {
      return refresh(before);
    } catch (TransientException e) {
      if (before == null) {
        throw new TransientException(
            "Cannot load the model from " + store.describe() + ": " + e.getMessage(), e);
      }
      String warning =
          "Model store "
              + store.describe()
              + " unreachable ("
              + e.getMessage()
              + "); scoring with "
              + before.model().version()
              + " loaded at "
              + before.loadedAt();
      LOG.warn(warning);
      return new Selection(before.model(), Optional.of(warning));
    }
  }

  /**
   * Empty where the alias file does not exist (no shadow model set); otherwise as {@link #current}.
   */
  @Override
  public synchronized Optional<Selection> ifPresent() {
    try {
      return Optional.of(current());
    } catch (ModelUnavailableException e) {
      if (aliasMissing) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Whether the held model is the newest, by a conditional GET of the alias file or the card. */
  private Selection refresh(Held before) {
    String folder = "";
    String pointer = ModelCard.FILE_NAME;
    if (alias.isPresent()) {
      pointer = ModelRegistry.aliasFile(alias.get());
    }
    Optional<ModelStore.StoredFile> changed;
    aliasMissing = false;
    try {
      changed = store.getIfChanged(pointer, before == null ? null : before.pointerEtag());
    } catch (ModelUnavailableException e) {
      aliasMissing = alias.isPresent() && e.notFound();
      throw e;
    }
    if (changed.isEmpty()) {
      return new Selection(before.model(), Optional.empty());
    }
    byte[] cardBytes = changed.get().bytes();
    String version = null;
    if (alias.isPresent()) {
      version = ModelRegistry.aliasVersion(cardBytes, store.describe() + pointer);
      folder = version + "/";
      cardBytes = store.getIfChanged(folder + ModelCard.FILE_NAME, null).orElseThrow().bytes();
    }
    ModelCard card =
        ModelArtifacts.parseCard(cardBytes, store.describe() + folder + ModelCard.FILE_NAME);
    if (version != null && !registryName().equals(card.name())) {
      throw new ModelUnavailableException(
          "The model card "
              + store.describe()
              + folder
              + ModelCard.FILE_NAME
              + " says model "
              + card.name()
              + ", but it is in the registry folder of model "
              + registryName()
              + ": refused");
    }
    if (version != null && !version.equals(card.version())) {
      throw new ModelUnavailableException(
          "The model card "
              + store.describe()
              + folder
              + ModelCard.FILE_NAME
              + " says version "
              + card.version()
              + ", but it is in the folder of version "
              + version
              + " (versions are immutable: the card was edited or copied)");
    }
    if (before != null && before.folder().equals(folder) && before.model().card().equals(card)) {
      held = new Held(before.model(), folder, changed.get().etag(), before.loadedAt());
      return new Selection(before.model(), Optional.empty());
    }
    TribuoWinModel model = download(folder, card);
    held = new Held(model, folder, changed.get().etag(), clock.instant());
    LOG.info("Loaded model {} from {}{}", model.version(), store.describe(), folder);
    return new Selection(model, Optional.empty());
  }

  /**
   * Streams the card's model file into a temporary file, verifies and loads it, and deletes the
   * file.
   */
  /** The model whose registry folder the store is, with an alias: the last part of its location. */
  private String registryName() {
    String location = store.describe();
    String trimmed =
        location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
    return trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }

  private TribuoWinModel download(String folder, ModelCard card) {
    Path file;
    try {
      file = Files.createTempFile("nbaml-model-", ".tribuo");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a temporary file for the model", e);
    }
    try {
      ModelArtifacts.Digest digest = store.download(folder + card.modelFile(), maxBytes, file);
      return TribuoWinModel.load(card, file, digest);
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        LOG.warn("Cannot delete the temporary model file {}: {}", file, e.getMessage());
      }
    }
  }
}
