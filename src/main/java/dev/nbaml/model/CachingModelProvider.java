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
 * Keeps the verified model of an execution environment. Each run asks the store whether the card
 * changed (a conditional GET on its entity tag); only then is the model file downloaded, checked
 * against the card and loaded. Where the store cannot be reached but a verified model is held, the run
 * goes on with it and says so.
 */
public final class CachingModelProvider implements ModelProvider {
  private static final Logger LOG = LoggerFactory.getLogger(CachingModelProvider.class);

  private record Held(TribuoWinModel model, String cardEtag, Instant loadedAt) {}

  private final ModelStore store;
  private final Clock clock;
  private volatile Held held;

  public CachingModelProvider(ModelStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public synchronized Selection current() {
    Held before = held;
    Optional<ModelStore.StoredFile> card;
    try {
      card = store.getIfChanged(ModelCard.FILE_NAME, before == null ? null : before.cardEtag());
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
    if (card.isEmpty()) {
      return new Selection(before.model(), Optional.empty());
    }
    ModelCard parsed =
        ModelArtifacts.parseCard(card.get().bytes(), store.describe() + ModelCard.FILE_NAME);
    if (before != null && before.model().card().modelSha256().equals(parsed.modelSha256())
        && before.model().card().id().equals(parsed.id())) {
      held = new Held(before.model(), card.get().etag(), before.loadedAt());
      return new Selection(before.model(), Optional.empty());
    }
    ModelStore.StoredFile file =
        store
            .getIfChanged(parsed.modelFile(), null)
            .orElseThrow(() -> new ModelUnavailableException("The store returned no model file"));
    TribuoWinModel model = TribuoWinModel.load(parsed, file.bytes());
    held = new Held(model, card.get().etag(), clock.instant());
    LOG.info("Loaded model {} from {}", model.version(), store.describe());
    return new Selection(model, Optional.empty());
  }
}
