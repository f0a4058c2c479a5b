package dev.nbaml.config;

/** A folder on S3: a bucket and a key prefix that is empty or ends with '/'. */
public record S3Location(String bucket, String prefix) {

  /**
   * Parses {@code s3://bucket/prefix/}; a missing trailing slash is added.
   *
   * @throws IllegalArgumentException when the text is not an s3:// URI with a bucket
   */
  public static S3Location parse(String uri) {
    if (uri == null || !uri.startsWith("s3://")) {
      throw new IllegalArgumentException("'" + uri + "' is not an s3://bucket/prefix/ URI");
    }
    String rest = uri.substring("s3://".length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String prefix = slash < 0 ? "" : rest.substring(slash + 1);
    if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
      throw new IllegalArgumentException("'" + uri + "' does not name a valid S3 bucket");
    }
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      prefix = prefix + "/";
    }
    if (prefix.startsWith("/") || prefix.contains("//")) {
      throw new IllegalArgumentException("'" + uri + "' has an empty path segment");
    }
    return new S3Location(bucket, prefix);
  }

  /** The key of a file in this folder. */
  public String key(String fileName) {
    return prefix + fileName;
  }

  /** A sub-folder. */
  public S3Location resolve(String folder) {
    return new S3Location(bucket, prefix + (folder.endsWith("/") ? folder : folder + "/"));
  }

  @Override
  public String toString() {
    return "s3://" + bucket + "/" + prefix;
  }
}
