package dev.nbaml.config;

import java.util.Optional;

/**
 * Which model the function scores with.
 *
 * @param uri {@code MODEL_URI}: the S3 folder of a model version ({@code model-card.json} and the
 *     model file), or with {@code MODEL_ALIAS} a model's registry folder
 * @param alias {@code MODEL_ALIAS}: the registry alias naming the version to use, e.g. current
 * @param shadowAlias {@code MODEL_SHADOW_ALIAS}: a registry alias (e.g. candidate) whose model,
 *     where the alias exists, scores the same games after the live write, into the shadow table;
 *     the alias {@code {"action": "retrain"}} points at the version it publishes (default {@value
 *     #DEFAULT_SHADOW_ALIAS}); never the same as {@code alias}
 * @param maxBytes {@code MODEL_MAX_BYTES}: largest model file that is downloaded and loaded
 */
public record ModelSettings(
    S3Location uri, Optional<String> alias, Optional<String> shadowAlias, long maxBytes) {

  /** The alias a retrain points at its candidate where MODEL_SHADOW_ALIAS is not set. */
  public static final String DEFAULT_SHADOW_ALIAS = "candidate";

  /** The alias a retrain points at the version it publishes: MODEL_SHADOW_ALIAS, or the default. */
  public String candidateAlias() {
    return shadowAlias.orElse(DEFAULT_SHADOW_ALIAS);
  }

  /** Default of {@code MODEL_MAX_BYTES}: 64 MiB, thousands of times the real model's few KB. */
  public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;
}
