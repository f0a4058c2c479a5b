package dev.nbaml.model;

import java.nio.file.Path;
import java.util.Optional;

/** Where model files are kept (an S3 folder in production). */
public interface ModelStore {

  /**
   * Largest small file (a card, an alias) that is read into memory: a real card has about 10 KB.
   */
  long SMALL_FILE_MAX_BYTES = 1024 * 1024;

  /** A small file's content and its entity tag. */
  record StoredFile(byte[] bytes, String etag) {}

  /**
   * A small file of the model folder (a card, an alias), unless it still has the given entity tag.
   *
   * @param etag the tag of the copy already held, or null to always get the file
   * @return empty when the file is unchanged
   * @throws dev.nbaml.core.TransientException when the store cannot be reached
   * @throws dev.nbaml.core.ModelUnavailableException when the file does not exist, is refused or is
   *     larger than {@link #SMALL_FILE_MAX_BYTES}
   */
  Optional<StoredFile> getIfChanged(String fileName, String etag);

  /**
   * Streams a file of the model folder into {@code target} (never whole in memory), computing its
   * SHA-256 on the way. A file larger than {@code maxBytes} is refused before its content is read
   * where the store tells its size, and otherwise as soon as more than that arrives.
   *
   * @return the size and SHA-256 of what was written to {@code target}
   * @throws dev.nbaml.core.TransientException when the store cannot be reached
   * @throws dev.nbaml.core.ModelUnavailableException when the file does not exist or is too large
   */
  ModelArtifacts.Digest download(String fileName, long maxBytes, Path target);

  /** Where the files are, for messages. */
  String describe();
}
