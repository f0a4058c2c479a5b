package dev.nbaml.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nbaml.lambda.ScoringHandler;
import dev.nbaml.util.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Invokes the function's handler in-process, as Lambda does, with an event. */
public final class Invoke {
  private Invoke() {}

  /** The handler's JSON result; its exceptions as thrown. */
  public static JsonNode handler(ScoringHandler handler, String event) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
    return Json.MAPPER.readTree(out.toByteArray());
  }
}
