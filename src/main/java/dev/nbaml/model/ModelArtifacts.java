package dev.nbaml.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.nbaml.config.ModelSettings;
import dev.nbaml.core.ModelUnavailableException;
import dev.nbaml.util.Hashing;
import dev.nbaml.util.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/**
 * A model version on disk: a folder holding the Tribuo protobuf file and its {@code
 * model-card.json}.
 */
public final class ModelArtifacts {

  /** The model file's name inside a version folder. */
  public static final String MODEL_FILE = "model.tribuo";

  /**
   * Cards are read strictly: a field this product does not know (a "transform", a "threshold")
   * could be meant to change what a prediction means, so it is refused instead of silently ignored.
   */
  private static final ObjectReader CARD_READER =
      Json.STRICT
          .readerFor(ModelCard.class)
          .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ModelArtifacts() {}

  /** The size and SHA-256 of a file, computed while it was streamed. */
  public record Digest(long size, String sha256) {}

  /**
   * Copies a model file from {@code in} into {@code target} in small pieces, computing its SHA-256
   * on the way; stops as soon as more than {@code maxBytes} arrive. Memory use does not grow with
   * the file.
   *
   * @param what the file, for the error message
   * @throws ModelUnavailableException when the file is larger than {@code maxBytes}
   */
  public static Digest copy(InputStream in, Path target, long maxBytes, String what)
      throws IOException {
    MessageDigest sha256 = Hashing.newSha256();
    byte[] buffer = new byte[64 * 1024];
    long size = 0;
    try (OutputStream out = Files.newOutputStream(target)) {
      for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
        size += n;
        if (size > maxBytes) {
          throw tooLarge(what, "more than " + maxBytes + " bytes arrived", maxBytes);
        }
        sha256.update(buffer, 0, n);
        out.write(buffer, 0, n);
      }
    }
    return new Digest(size, Hashing.hex(sha256));
  }

  /** The error for a model file over the limit. */
  public static ModelUnavailableException tooLarge(String what, String size, long maxBytes) {
    return new ModelUnavailableException(
        "Model file "
            + what
            + " is too large: "
            + size
            + ", the limit is "
            + maxBytes
            + " bytes (MODEL_MAX_BYTES); refused without loading it (a real model has a few KB: is it the"
            + " right file?)");
  }

  /** The model in Tribuo's protobuf form. */
  public static byte[] toBytes(Model<Label> model) {
    return model.serialize().toByteArray();
  }

  /**
   * Writes the model and its card (with the model file's SHA-256 filled in) into {@code dir}.
   *
   * @return the card as written
   */
  public static ModelCard write(Path dir, Model<Label> model, ModelCard card) {
    byte[] bytes = toBytes(model);
    ModelCard complete = card.withModelSha256(Hashing.sha256(bytes)).validate();
    try {
      Files.createDirectories(dir);
      Files.write(dir.resolve(complete.modelFile()), bytes);
      Files.write(dir.resolve(ModelCard.FILE_NAME), cardBytes(complete));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the model to " + dir, e);
    }
    return complete;
  }

  /**
   * Reads and verifies the model version in {@code dir}, its model file at most the default limit.
   */
  public static TribuoWinModel read(Path dir) {
    return read(dir, ModelSettings.DEFAULT_MAX_BYTES);
  }

  /**
   * Reads and verifies the model version in {@code dir}, refusing a model file over {@code
   * maxBytes}.
   */
  public static TribuoWinModel read(Path dir, long maxBytes) {
    Path cardFile = dir.resolve(ModelCard.FILE_NAME);
    try {
      if (Files.size(cardFile) > ModelStore.SMALL_FILE_MAX_BYTES) {
        throw new ModelUnavailableException(
            "The model card "
                + cardFile
                + " is larger than "
                + ModelStore.SMALL_FILE_MAX_BYTES
                + " bytes: not a model card");
      }
      ModelCard card = parseCard(Files.readAllBytes(cardFile), cardFile.toString());
      Path modelFile = dir.resolve(card.modelFile());
      long size = Files.size(modelFile);
      if (size > maxBytes) {
        throw tooLarge(modelFile.toString(), size + " bytes", maxBytes);
      }
      String sha256;
      try (InputStream in = Files.newInputStream(modelFile)) {
        sha256 = Hashing.sha256(in);
      }
      return TribuoWinModel.load(card, modelFile, new Digest(size, sha256));
    } catch (IOException e) {
      throw new ModelUnavailableException("Cannot read the model in " + dir + ": " + e, e);
    }
  }

  /** The card as pretty-printed JSON. */
  public static byte[] cardBytes(ModelCard card) {
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(card);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write the model card", e);
    }
  }

  /**
   * Parses a card.
   *
   * @param where where the bytes came from, for the error message
   * @throws ModelUnavailableException when the bytes are not a valid card
   */
  public static ModelCard parseCard(byte[] bytes, String where) {
    try {
      return CARD_READER.<ModelCard>readValue(bytes).validate();
    } catch (UnrecognizedPropertyException e) {
      throw new ModelUnavailableException(
          "The model card "
              + where
              + " has a field this product does not know, '"
              + e.getPropertyName()
              + "': it may be meant to change what the model's predictions mean, so the card is refused"
              + " (the fields a card may have: "
              + e.getKnownPropertyIds()
              + ")",
          e);
    } catch (IOException | IllegalArgumentException e) {
      throw new ModelUnavailableException(
          "The model card " + where + " is not valid: " + e.getMessage(), e);
    }
  }
}
