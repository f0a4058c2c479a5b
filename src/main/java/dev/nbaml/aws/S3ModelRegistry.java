package dev.nbaml.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nbaml.config.S3Location;
import dev.nbaml.core.ModelIds;
import dev.nbaml.model.ModelArtifacts;
import dev.nbaml.model.ModelCard;
import dev.nbaml.model.ModelRegistry;
import dev.nbaml.model.ModelStore;
import dev.nbaml.model.TribuoWinModel;
import dev.nbaml.util.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Publishes model versions to the S3 registry and moves its aliases ({@link ModelRegistry}). */
public final class S3ModelRegistry {
  private final S3Client s3;
  private final S3Location registry;
  private final Clock clock;
  private final long modelMaxBytes;

  /**
   * @param modelMaxBytes the largest model file published or verified ({@code MODEL_MAX_BYTES})
   */
  public S3ModelRegistry(S3Client s3, S3Location registry, Clock clock, long modelMaxBytes) {
    this.s3 = s3;
    this.registry = registry;
    this.clock = clock;
    this.modelMaxBytes = modelMaxBytes;
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
    TribuoWinModel model = ModelArtifacts.read(dir, modelMaxBytes);
    ModelCard card = model.card();
    S3Location folder = registry.resolve(ModelRegistry.versionFolder(card.name(), card.version()));
    Optional<byte[]> published = get(folder.key(ModelCard.FILE_NAME));
    if (published.isPresent()) {
      ModelCard existing = ModelArtifacts.parseCard(published.get(), folder + ModelCard.FILE_NAME);
      if (existing.modelSha256().equals(card.modelSha256())) {
        return new Published(card, folder, false);
      }
      throw new IllegalStateException(
          card.id()
              + " is already published at "
              + folder
              + " with another model file: versions are never"
              + " overwritten; give the new model a new version");
    }
    s3.putObject(
        b -> b.bucket(registry.bucket()).key(folder.key(card.modelFile())),
        RequestBody.fromFile(dir.resolve(card.modelFile())));
    s3.putObject(
        b -> b.bucket(registry.bucket()).key(folder.key(ModelCard.FILE_NAME)),
        RequestBody.fromFile(dir.resolve(ModelCard.FILE_NAME)));
    return new Published(card, folder, true);
  }

  /**
   * Points an alias at a published version, after checking that the version is there and verifies.
   *
   * @return the alias as it now is
   */
  public AliasState promote(String name, String version, String alias) {
    S3Location folder = registry.resolve(ModelRegistry.versionFolder(name, version));
    byte[] cardBytes =
        get(folder.key(ModelCard.FILE_NAME))
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        name + "@" + version + " is not published at " + folder));
    ModelCard card = ModelArtifacts.parseCard(cardBytes, folder + ModelCard.FILE_NAME);
    verify(folder, card);
    if (!card.name().equals(name) || !card.version().equals(version)) {
      throw new IllegalStateException(
          folder + " holds " + card.id() + ", not " + name + "@" + version);
    }
    Optional<AliasState> now = alias(name, alias);
    ObjectNode json = Json.MAPPER.createObjectNode();
    json.put("version", version);
    now.map(AliasState::version)
        .filter(v -> !v.equals(version))
        .or(() -> now.flatMap(AliasState::previous))
        .ifPresent(previous -> json.put("previous", previous));
    json.put("promoted_at", clock.instant().toString());
    try {
      put(
          aliasKey(name, alias),
          Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new AliasState(version, Optional.ofNullable(json.path("previous").asText(null)));
  }

  /** Points the alias back at the version it pointed to before the last promotion. */
  public AliasState rollback(String name, String alias) {
    AliasState now =
        alias(name, alias)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "Alias " + alias + " of " + name + " does not exist"));
    String previous =
        now.previous()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "Alias " + alias + " of " + name + " has no previous version"));
    return promote(name, previous, alias);
  }

  /**
   * The versions published under {@code <name>/} (folders whose name is a version; {@code aliases/}
   * and anything else is left out), in no particular order.
   */
  public List<String> versions(String name) {
    String prefix = registry.resolve(name).prefix();
    List<String> versions = new ArrayList<>();
    s3.listObjectsV2Paginator(b -> b.bucket(registry.bucket()).prefix(prefix).delimiter("/"))
        .commonPrefixes()
        .forEach(
            p -> {
              String folder = p.prefix().substring(prefix.length()).replaceAll("/$", "");
              if (ModelIds.isVersion(folder)) {
                versions.add(folder);
              }
            });
    return versions;
  }

  /** The card of a published version. */
  public ModelCard card(String name, String version) {
    S3Location folder = registry.resolve(ModelRegistry.versionFolder(name, version));
    return ModelArtifacts.parseCard(
        get(folder.key(ModelCard.FILE_NAME))
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        name + "@" + version + " is not published at " + folder)),
        folder + ModelCard.FILE_NAME);
  }

  /** The alias, if it exists. */
  public Optional<AliasState> alias(String name, String alias) {
    String key = aliasKey(name, alias);
    return get(key)
        .map(
            bytes -> {
              String version =
                  ModelRegistry.aliasVersion(bytes, "s3://" + registry.bucket() + "/" + key);
              try {
                return new AliasState(
                    version,
                    Optional.ofNullable(Json.MAPPER.readTree(bytes).path("previous").asText(null)));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  private String aliasKey(String name, String alias) {
    return registry.resolve(name).key(ModelRegistry.aliasFile(ModelIds.requireAlias(alias)));
  }

  /** Streams the published model file into a temporary file and verifies it against its card. */
  private void verify(S3Location folder, ModelCard card) {
    Path file;
    try {
      file = Files.createTempFile("nbaml-model-", ".tribuo");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      ModelStore store = new S3ModelStore(s3, folder);
      TribuoWinModel.load(card, file, store.download(card.modelFile(), modelMaxBytes, file));
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // a temporary file: the system removes it
      }
    }
  }

  /** A small file (card, alias), or empty when it does not exist; refused when large. */
  private Optional<byte[]> get(String key) {
    try (ResponseInputStream<GetObjectResponse> in =
        s3.getObject(b -> b.bucket(registry.bucket()).key(key))) {
      Long size = in.response().contentLength();
      if (size != null && size > ModelStore.SMALL_FILE_MAX_BYTES) {
        in.abort();
        throw new IllegalStateException(
            "s3://"
                + registry.bucket()
                + "/"
                + key
                + " is "
                + size
                + " bytes: not a model card or alias file");
      }
      return Optional.of(in.readNBytes((int) ModelStore.SMALL_FILE_MAX_BYTES));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void put(String key, byte[] bytes) {
    s3.putObject(b -> b.bucket(registry.bucket()).key(key), RequestBody.fromBytes(bytes));
  }
}
