package dev.nbaml.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A feature's training distribution, kept in the model card for drift checks: summary statistics
 * and the decile bins with the share of training values in each (the expected side of a population
 * stability index).
 */
public record FeatureDistribution(
    int count,
    double mean,
    double std,
    double min,
    double max,
    List<Double> quantiles,
    List<Double> binEdges,
    List<Double> binShares) {

  /** The quantile levels stored: 1, 5, 10, 25, 50, 75, 90, 95, 99 %. */
  public static final double[] LEVELS = {0.01, 0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95, 0.99};

  public static FeatureDistribution of(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    double mean = Arrays.stream(v).average().orElse(0);
    double variance = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / Math.max(1, n - 1);
    List<Double> quantiles = new ArrayList<>();
    for (double level : LEVELS) {
      quantiles.add(r(quantile(v, level)));
    }
    // Inner edges at the deciles, without repeats (a 0/1 feature has one edge).
    List<Double> edges = new ArrayList<>();
    for (int d = 1; d < 10; d++) {
      double edge = r(quantile(v, d / 10.0));
      if (edges.isEmpty() || edge > edges.get(edges.size() - 1)) {
        edges.add(edge);
      }
    }
    double[] counts = new double[edges.size() + 1];
    for (double x : v) {
      counts[bin(edges, x)]++;
    }
    List<Double> shares = new ArrayList<>();
    for (double c : counts) {
      shares.add(r(c / n));
    }
    return new FeatureDistribution(
        n, r(mean), r(Math.sqrt(variance)), r(v[0]), r(v[n - 1]), quantiles, edges, shares);
  }

  /** The bin of a value: values equal to an edge fall into the bin above it. */
  public static int bin(List<Double> edges, double x) {
    int b = 0;
    while (b < edges.size() && x >= edges.get(b)) {
      b++;
    }
    return b;
  }

  private static double quantile(double[] sorted, double level) {
    double pos = level * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  private static double r(double x) {
    return Math.round(x * 1e6) / 1e6;
  }
}
