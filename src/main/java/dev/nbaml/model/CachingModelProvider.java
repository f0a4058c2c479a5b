package dev.nbaml.model;

import dev.nbaml.core.ModelProvider;
import dev.nbaml.core.ModelUnavailableException;
import dev.nbaml.core.TransientException;
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
 */
public final class CachingModelProvider implements ModelProvider {
  private static final Logger LOG = LoggerFactory.getLogger(CachingModelProvider.class);

  private record Held(TribuoWinModel model, String folder, String pointerEtag, Instant loadedAt) {}

  private final ModelStore store;
  private final Optional<String> alias;
  private final Clock clock;
  private Held held;

  /**
   * @param store the model folder ({@code MODEL_URI})
   * @param alias with an alias, the store is a model's registry folder and the alias names the version
   */
  public CachingModelProvider(ModelStore store, Optional<String> alias, Clock clock) {
    this.store = store;
    this.alias = alias;
    this.clock = clock;
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
      String warning = "Model store " + store.describe() + " unreachable (" + e.getMessage()
          + "); scoring with " + before.model().version() + " loaded at " + before.loadedAt();
      LOG.warn(warning);
      return new Selection(before.model(), Optional.of(warning));
    }
  }

  /** Whether the held model is the newest, by a conditional GET of the alias file or the card. */
  private Selection refresh(Held before) {
    String folder = "";
    String pointer = ModelCard.FILE_NAME;
    if (alias.isPresent()) {
      pointer = ModelRegistry.aliasFile(alias.get());
    }
    Optional<ModelStore.StoredFile> changed =
        store.getIfChanged(pointer, before == null ? null : before.pointerEtag());
    if (changed.isEmpty()) {
      return new Selection(before.model(), Optional.empty());
    }
    byte[] cardBytes = changed.get().bytes();
    if (alias.isPresent()) {
      folder = ModelRegistry.aliasVersion(cardBytes, store.describe() + pointer) + "/";
      cardBytes = store.getIfChanged(folder + ModelCard.FILE_NAME, null).orElseThrow().bytes();
    }
    ModelCard card = ModelArtifacts.parseCard(cardBytes, store.describe() + folder + ModelCard.FILE_NAME);
    if (before != null && before.folder().equals(folder) && before.model().card().equals(card)) {
      held = new Held(before.model(), folder, changed.get().etag(), before.loadedAt());
      return new Selection(before.model(), Optional.empty());
    }
    ModelStore.StoredFile file =
        store.getIfChanged(folder + card.modelFile(), null)
            .orElseThrow(() -> new ModelUnavailableException("The store returned no model file"));
    TribuoWinModel model = TribuoWinModel.load(card, file.bytes());
    held = new Held(model, folder, changed.get().etag(), clock.instant());
    LOG.info("Loaded model {} from {}{}", model.version(), store.describe(), folder);
    return new Selection(model, Optional.empty());
  }
}
