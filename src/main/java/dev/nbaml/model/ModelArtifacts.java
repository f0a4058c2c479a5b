package dev.nbaml.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.nbaml.core.ModelUnavailableException;
import dev.nbaml.util.Hashing;
import dev.nbaml.util.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/** A model version on disk: a folder holding the Tribuo protobuf file and its {@code model-card.json}. */
public final class ModelArtifacts {

  /** The model file's name inside a version folder. */
  public static final String MODEL_FILE = "model.tribuo";

  private ModelArtifacts() {}

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

  /** Reads and verifies the model version in {@code dir}. */
  public static TribuoWinModel read(Path dir) {
    Path cardFile = dir.resolve(ModelCard.FILE_NAME);
    try {
      ModelCard card = parseCard(Files.readAllBytes(cardFile), cardFile.toString());
      return TribuoWinModel.load(card, Files.readAllBytes(dir.resolve(card.modelFile())));
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
      return Json.MAPPER.readValue(bytes, ModelCard.class).validate();
    } catch (IOException | IllegalArgumentException e) {
      throw new ModelUnavailableException(
          "The model card " + where + " is not valid: " + e.getMessage(), e);
    }
  }
}
