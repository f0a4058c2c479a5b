package dev.nbaml.aws;

import dev.nbaml.config.S3Location;
import dev.nbaml.core.ModelUnavailableException;
import dev.nbaml.core.TransientException;
import dev.nbaml.model.ModelArtifacts;
import dev.nbaml.model.ModelStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A model folder on S3. Unchanged files cost one conditional GET (If-None-Match) and no download.
 * Every GET is bounded: the object's size (Content-Length) is checked as soon as the response
 * headers arrive, before any of its content is read, and the content is streamed in small pieces
 * (small files into memory, the model file into a file) and cut off past the limit.
 */
public final class S3ModelStore implements ModelStore {
  private final S3Client s3;
  private final S3Location folder;

  public S3ModelStore(S3Client s3, S3Location folder) {
    this.s3 = s3;
    this.folder = folder;
  }

  @Override
  public Optional<StoredFile> getIfChanged(String fileName, String etag) {
    return get(
        fileName,
        etag,
        SMALL_FILE_MAX_BYTES,
        S3ModelStore::notSmall,
        (in, what) -> {
          byte[] bytes = in.readNBytes((int) SMALL_FILE_MAX_BYTES + 1);
          if (bytes.length > SMALL_FILE_MAX_BYTES) {
            throw new ModelUnavailableException(
                what
                    + " is larger than "
                    + SMALL_FILE_MAX_BYTES
                    + " bytes: not a model card"
                    + " or alias file");
          }
          return new StoredFile(bytes, in.response().eTag());
        });
  }

  @Override
  public ModelArtifacts.Digest download(String fileName, long maxBytes, Path target) {
    return get(
            fileName,
            null,
            maxBytes,
            (what, size) -> ModelArtifacts.tooLarge(what, size + " bytes", maxBytes),
            (in, what) -> ModelArtifacts.copy(in, target, maxBytes, what))
        .orElseThrow(
            () ->
                new ModelUnavailableException(
                    "s3://"
                        + folder.bucket()
                        + "/"
                        + folder.key(fileName)
                        + " answered 'not modified' to an unconditional GET"));
  }

  private interface Body<T> {
    T read(ResponseInputStream<GetObjectResponse> in, String what) throws IOException;
  }

  private static ModelUnavailableException notSmall(String what, long size) {
    return new ModelUnavailableException(
        what
            + " is "
            + size
            + " bytes, larger than "
            + SMALL_FILE_MAX_BYTES
            + ": not a model card or alias file");
  }

  private interface TooLarge {
    ModelUnavailableException of(String what, long size);
  }

  private <T> Optional<T> get(
      String fileName, String etag, long maxBytes, TooLarge tooLarge, Body<T> body) {
    String key = folder.key(fileName);
    String what = "s3://" + folder.bucket() + "/" + key;
    GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(folder.bucket()).key(key);
    if (etag != null) {
      request.ifNoneMatch(etag);
    }
    try (ResponseInputStream<GetObjectResponse> in = s3.getObject(request.build())) {
      Long size = in.response().contentLength();
      if (size != null && size > maxBytes) {
        in.abort(); // nothing of the content is read: the connection is dropped, not drained
        throw tooLarge.of(what, size);
      }
      try {
        return Optional.of(body.read(in, what));
      } catch (ModelUnavailableException refused) {
        in.abort();
        throw refused;
      }
    } catch (NoSuchKeyException e) {
      throw ModelUnavailableException.notFound(what + " does not exist", e);
    } catch (S3Exception e) {
      if (e.statusCode() == 304) {
        return Optional.empty();
      }
      String failed =
          "GET "
              + what
              + " failed with HTTP "
              + e.statusCode()
              + " "
              + (e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode());
      if (e.statusCode() >= 500 || e.statusCode() == 429 || e.isThrottlingException()) {
        throw new TransientException(failed, e);
      }
      throw new ModelUnavailableException(failed, e);
    } catch (SdkClientException e) {
      throw new TransientException("GET " + what + " failed: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new TransientException(
          "GET " + what + " failed while reading: " + e.getMessage(), new UncheckedIOException(e));
    }
  }

  @Override
  public String describe() {
    return folder.toString();
  }
}
