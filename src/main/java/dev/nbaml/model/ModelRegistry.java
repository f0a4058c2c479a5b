package dev.nbaml.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nbaml.core.ModelIds;
import dev.nbaml.core.ModelUnavailableException;
import dev.nbaml.util.Json;
import java.io.IOException;

/**
 * The layout of the model registry under one location (an S3 prefix):
 *
 * <pre>
 *   &lt;name&gt;/&lt;version&gt;/model-card.json     immutable: a version is never overwritten
 *   &lt;name&gt;/&lt;version&gt;/model.tribuo
 *   &lt;name&gt;/aliases/&lt;alias&gt;.json          {"version": "1.2.0", ...}: moved by promote
 * </pre>
 *
 * The function's {@code MODEL_URI} is either a version folder or, with {@code MODEL_ALIAS}, a
 * model's folder ({@code <registry>/<name>/}) whose alias names the version to use.
 */
public final class ModelRegistry {
  private ModelRegistry() {}

  /**
   * The folder of a model version, relative to the registry.
   *
   * @throws IllegalArgumentException when the name or the version is not of the forms of {@link
   *     ModelIds}
   */
  public static String versionFolder(String name, String version) {
    if (!ModelIds.isName(name)) {
      throw new IllegalArgumentException(
          "'" + name + "' is not a model name of lower-case letters, digits and '-'");
    }
    if (!ModelIds.isVersion(version)) {
      throw new IllegalArgumentException(
          "'" + version + "' is not a semantic version such as 1.2.0");
    }
    return name + "/" + version + "/";
  }

  /** The alias file, relative to the model's folder. */
  public static String aliasFile(String alias) {
    return "aliases/" + alias + ".json";
  }

  /** The version an alias file points to. */
  public static String aliasVersion(byte[] json, String where) {
    try {
      JsonNode root = Json.STRICT.readTree(json);
      JsonNode value = root == null ? null : root.get("version");
      String version = value != null && value.isTextual() ? value.asText() : null;
      if (!ModelIds.isVersion(version)) {
        String shown = value == null ? "no version" : value.toString();
        throw new ModelUnavailableException(
            "Alias "
                + where
                + " names no valid version: "
                + (shown.length() > 60 ? shown.substring(0, 60) + "..." : shown));
      }
      return version;
    } catch (IOException e) {
      throw new ModelUnavailableException("Alias " + where + " is not JSON", e);
    }
  }
}
