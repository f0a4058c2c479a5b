package dev.nbaml.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nbaml.model.ModelArtifacts;
import dev.nbaml.model.ModelCard;
import dev.nbaml.model.ModelRegistry;
import dev.nbaml.model.TribuoWinModel;
import dev.nbaml.util.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Publishes model versions to the S3 registry and moves its aliases ({@link ModelRegistry}). */
public final class S3ModelRegistry {
  private final S3Client s3;
  private final S3Location registry;
  private final Clock clock;

  public S3ModelRegistry(S3Client s3, S3Location registry, Clock clock) {
    this.s3 = s3;
    this.registry = registry;
    this.clock = clock;
  }

  /** A published version and where it is. */
  public record Published(ModelCard card, S3Location folder, boolean uploaded) {}

  /** What an alias points to now, and before. */
  public record AliasState(String version, Optional<String> previous) {}

  /**
   * Uploads a verified model version under {@code <name>/<version>/}; the card goes last, so a
   * version is visible only once complete.
   *
   * @throws IllegalStateException when that version is already published with another model file
   *     (versions are immutable); publishing the identical version again changes nothing
   * @return where it is published, and whether it was uploaded now
   */
  public Published publish(Path dir) {
    TribuoWinModel model = ModelArtifacts.read(dir);
    ModelCard card = model.card();
    S3Location folder = registry.resolve(ModelRegistry.versionFolder(card.name(), card.version()));
    Optional<byte[]> published = get(folder.key(ModelCard.FILE_NAME));
    if (published.isPresent()) {
      ModelCard existing = ModelArtifacts.parseCard(published.get(), folder + ModelCard.FILE_NAME);
      if (existing.modelSha256().equals(card.modelSha256())) {
        return new Published(card, folder, false);
      }
      throw new IllegalStateException(
          card.id() + " is already published at " + folder + " with another model file: versions are never"
              + " overwritten; give the new model a new version");
    }
    try {
      put(folder.key(card.modelFile()), Files.readAllBytes(dir.resolve(card.modelFile())));
      put(folder.key(ModelCard.FILE_NAME), Files.readAllBytes(dir.resolve(ModelCard.FILE_NAME)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Published(card, folder, true);
  }

  /**
   * Points an alias at a published version, after checking that the version is there and verifies.
   *
   * @return the alias as it now is
   */
  public AliasState promote(String name, String version, String alias) {
    S3Location folder = registry.resolve(ModelRegistry.versionFolder(name, version));
    byte[] cardBytes = get(folder.key(ModelCard.FILE_NAME))
        .orElseThrow(() -> new IllegalStateException(name + "@" + version + " is not published at " + folder));
    ModelCard card = ModelArtifacts.parseCard(cardBytes, folder + ModelCard.FILE_NAME);
    byte[] modelBytes = get(folder.key(card.modelFile()))
        .orElseThrow(() -> new IllegalStateException(folder + card.modelFile() + " is missing"));
    TribuoWinModel.load(card, modelBytes);
    if (!card.name().equals(name) || !card.version().equals(version)) {
      throw new IllegalStateException(folder + " holds " + card.id() + ", not " + name + "@" + version);
    }
    Optional<AliasState> now = alias(name, alias);
    ObjectNode json = Json.MAPPER.createObjectNode();
    json.put("version", version);
    now.map(AliasState::version).filter(v -> !v.equals(version)).or(() -> now.flatMap(AliasState::previous))
        .ifPresent(previous -> json.put("previous", previous));
    json.put("promoted_at", clock.instant().toString());
    try {
      put(aliasKey(name, alias), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new AliasState(version, Optional.ofNullable(json.path("previous").asText(null)));
  }

  /** Points the alias back at the version it pointed to before the last promotion. */
  public AliasState rollback(String name, String alias) {
    AliasState now = alias(name, alias)
        .orElseThrow(() -> new IllegalStateException("Alias " + alias + " of " + name + " does not exist"));
    String previous = now.previous()
        .orElseThrow(() -> new IllegalStateException("Alias " + alias + " of " + name + " has no previous version"));
    return promote(name, previous, alias);
  }

  /** The alias, if it exists. */
  public Optional<AliasState> alias(String name, String alias) {
    String key = aliasKey(name, alias);
    return get(key).map(bytes -> {
      String version = ModelRegistry.aliasVersion(bytes, "s3://" + registry.bucket() + "/" + key);
      try {
        return new AliasState(version, Optional.ofNullable(Json.MAPPER.readTree(bytes).path("previous").asText(null)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private String aliasKey(String name, String alias) {
    if (!ModelRegistry.ALIAS.matcher(alias).matches()) {
      throw new IllegalArgumentException("'" + alias + "' is not an alias of lower-case letters, digits and '-'");
    }
    return registry.resolve(name).key(ModelRegistry.aliasFile(alias));
  }

  private Optional<byte[]> get(String key) {
    try {
      return Optional.of(s3.getObjectAsBytes(b -> b.bucket(registry.bucket()).key(key)).asByteArray());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    }
  }

  private void put(String key, byte[] bytes) {
    s3.putObject(b -> b.bucket(registry.bucket()).key(key), RequestBody.fromBytes(bytes));
  }
}
