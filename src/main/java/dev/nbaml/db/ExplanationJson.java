package dev.nbaml.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nbaml.core.Explanation;
import dev.nbaml.util.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code explanation} column's JSON, the one place it is written and read: {@code
 * {"model_version": "...", "base": b, "contributions": {"<feature>": c, ...}}}, every number as the
 * shortest decimal that reads back as the same double, so the stored explanation gives the
 * probability back exactly as it was computed.
 */
final class ExplanationJson {

  private ExplanationJson() {}

  static String write(Explanation e) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("model_version", e.modelVersion());
    root.put("base", e.base());
    ObjectNode contributions = root.putObject("contributions");
    e.contributions().forEach(contributions::put);
    try {
      return Json.MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("Cannot write the explanation of " + e.modelVersion(), ex);
    }
  }

  /** The explanation of a stored row; empty text (a row written before explanations) is null. */
  static Explanation read(String json) {
    if (json == null) {
      return null;
    }
    try {
      JsonNode root = Json.MAPPER.readTree(json);
      Map<String, Double> contributions = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> f : root.path("contributions").properties()) {
        contributions.put(f.getKey(), f.getValue().asDouble());
      }
      return new Explanation(
          root.path("model_version").asText(), root.path("base").asDouble(), contributions);
    } catch (JsonProcessingException ex) {
      throw new IllegalArgumentException(
          "An explanation is not JSON: " + ex.getOriginalMessage(), ex);
    }
  }
}
