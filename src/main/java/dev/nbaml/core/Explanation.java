package dev.nbaml.core;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A logistic regression's prediction taken apart around an average game: its log-odds of a home win
 * are {@code base} plus the sum of the {@code contributions}, so that {@link #probability()} is
 * P(home win) before rounding.
 *
 * <p>{@code base} is the intercept plus, over the features, weight × training mean (the mean the
 * model card records; 0 for a model whose card records none, see {@link #of}); each contribution is
 * weight × (value − training mean): positive for the home team, negative for the away team.
 *
 * @param modelVersion the model that scored, e.g. {@code nba-winner@1.1.0}
 * @param base log-odds of a home win for a game whose every feature is at its training mean
 * @param contributions each feature's addition to the log-odds, in the model's feature order
 */
public record Explanation(String modelVersion, double base, Map<String, Double> contributions) {

  public Explanation {
    contributions = Collections.unmodifiableMap(new LinkedHashMap<>(contributions));
  }

  /**
   * The decomposition of a linear log-odds {@code intercept + Σ weight × value}.
   *
   * @param names the features, in the order of {@code weights} and {@code values}
   * @param means each feature's training mean; a feature without one counts from 0
   */
  public static Explanation of(
      String modelVersion,
      double intercept,
      List<String> names,
      double[] weights,
      double[] values,
      Map<String, Double> means) {
    if (weights.length != names.size() || values.length != names.size()) {
      throw new IllegalArgumentException(
          "Expected "
              + names.size()
              + " weights and values, got "
              + weights.length
              + " and "
              + values.length);
    }
    double base = intercept;
    Map<String, Double> contributions = new LinkedHashMap<>();
    for (int i = 0; i < weights.length; i++) {
      double mean = means.getOrDefault(names.get(i), 0.0);
      base += weights[i] * mean;
      contributions.put(names.get(i), weights[i] * (values[i] - mean));
    }
    return new Explanation(modelVersion, base, contributions);
  }

  /** {@code base} plus every contribution: the log-odds of a home win. */
  public double logOdds() {
    double sum = base;
    for (double c : contributions.values()) {
      sum += c;
    }
    return sum;
  }

  /** P(home win) before rounding: {@code 1 / (1 + exp(-(base + Σ contributions)))}. */
  public double probability() {
    return 1.0 / (1.0 + Math.exp(-logOdds()));
  }

  /**
   * The {@code n} features with the largest contributions in size, largest first (ties by name).
   */
  public List<Map.Entry<String, Double>> largest(int n) {
    return contributions.entrySet().stream()
        .sorted(
            Comparator.<Map.Entry<String, Double>>comparingDouble(e -> -Math.abs(e.getValue()))
                .thenComparing(Map.Entry::getKey))
        .limit(n)
        .map(e -> Map.entry(e.getKey(), e.getValue()))
        .toList();
  }
}
