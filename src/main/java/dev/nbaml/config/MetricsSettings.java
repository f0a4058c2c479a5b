package dev.nbaml.config;

/**
 * Where the function's CloudWatch metrics go.
 *
 * @param namespace {@code POWERTOOLS_METRICS_NAMESPACE} (default {@value #DEFAULT_NAMESPACE})
 * @param service {@code POWERTOOLS_SERVICE_NAME}: the {@code Service} dimension (default {@value
 *     #UNDEFINED_SERVICE})
 */
public record MetricsSettings(String namespace, String service) {
  public static final String DEFAULT_NAMESPACE = "NbaMl";
  public static final String UNDEFINED_SERVICE = "service_undefined";
}
