package dev.nbaml.model;

import java.util.Optional;

/** Where model files are kept (an S3 folder in production). */
public interface ModelStore {

  /** A file's content and its entity tag. */
  record StoredFile(byte[] bytes, String etag) {}

  /**
   * A file of the model folder, unless it still has the given entity tag.
   *
   * @param etag the tag of the copy already held, or null to always get the file
   * @return empty when the file is unchanged
   * @throws dev.nbaml.core.TransientException when the store cannot be reached
   * @throws dev.nbaml.core.ModelUnavailableException when the file does not exist or is refused
   */
  Optional<StoredFile> getIfChanged(String fileName, String etag);

  /** Where the files are, for messages. */
  String describe();
}
