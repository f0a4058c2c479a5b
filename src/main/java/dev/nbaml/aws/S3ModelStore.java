package dev.nbaml.aws;

import dev.nbaml.core.ModelUnavailableException;
import dev.nbaml.core.TransientException;
import dev.nbaml.model.ModelStore;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** A model folder on S3. Unchanged files cost one conditional GET (If-None-Match) and no download. */
public final class S3ModelStore implements ModelStore {
  private final S3Client s3;
  private final S3Location folder;

  public S3ModelStore(S3Client s3, S3Location folder) {
    this.s3 = s3;
    this.folder = folder;
  }

  @Override
  public Optional<StoredFile> getIfChanged(String fileName, String etag) {
    String key = folder.key(fileName);
    GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(folder.bucket()).key(key);
    if (etag != null) {
      request.ifNoneMatch(etag);
    }
    try {
      ResponseBytes<GetObjectResponse> bytes = s3.getObjectAsBytes(request.build());
      return Optional.of(new StoredFile(bytes.asByteArray(), bytes.response().eTag()));
    } catch (NoSuchKeyException e) {
      throw new ModelUnavailableException("s3://" + folder.bucket() + "/" + key + " does not exist", e);
    } catch (S3Exception e) {
      if (e.statusCode() == 304) {
        return Optional.empty();
      }
      String what = "GET s3://" + folder.bucket() + "/" + key + " failed with HTTP " + e.statusCode()
          + " " + e.awsErrorDetails().errorCode();
      if (e.statusCode() >= 500 || e.statusCode() == 429 || e.isThrottlingException()) {
        throw new TransientException(what, e);
      }
      throw new ModelUnavailableException(what, e);
    } catch (SdkClientException e) {
      throw new TransientException(
          "GET s3://" + folder.bucket() + "/" + key + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public String describe() {
    return folder.toString();
  }
}
