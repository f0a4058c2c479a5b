package dev.nbaml.util;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests as lower-case hex, as model cards record them. */
public final class Hashing {
  private Hashing() {}

  public static String sha256(byte[] bytes) {
    MessageDigest digest = newSha256();
    digest.update(bytes);
    return hex(digest);
  }

  /** The SHA-256 of a stream's content, read to its end in small pieces (never whole in memory). */
  public static String sha256(InputStream in) throws IOException {
    MessageDigest digest = newSha256();
    byte[] buffer = new byte[64 * 1024];
    for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
      digest.update(buffer, 0, n);
    }
    return hex(digest);
  }

  /** A new SHA-256 digest, to feed while streaming. */
  public static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }

  /** The digest's value as lower-case hex (the digest is reset). */
  public static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }
}
