package dev.nbaml.util;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one JSON configuration of the product: snake_case keys, ISO dates, no nulls written. */
public final class Json {

  /** Shared, thread-safe mapper. */
  public static final ObjectMapper MAPPER = configure(JsonMapper.builder()).build();

  /**
   * For files the product reads back (model cards, alias files): a key given twice or anything
   * after the value is an error, so that no edited file is read other than as it looks.
   */
  public static final ObjectMapper STRICT = untrusted(StreamReadConstraints.defaults());

  private Json() {}

  /**
   * The same configuration for reading input nobody vouches for (an invocation's event): the given
   * limits on size, nesting and strings, a key given twice and anything after the value are errors
   * instead of the last key or the first value winning.
   */
  public static ObjectMapper untrusted(StreamReadConstraints limits) {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(limits)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    return configure(JsonMapper.builder(factory))
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();
  }

  private static JsonMapper.Builder configure(JsonMapper.Builder builder) {
    return builder
        .addModule(new JavaTimeModule())
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .defaultPropertyInclusion(
            JsonInclude.Value.construct(
                JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL));
  }
}
