package dev.nbaml.training;

import dev.nbaml.core.ProbabilityScores;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * How well probabilities of a home win match outcomes (1 = home win).
 *
 * @param games how many games
 * @param accuracy share of games whose pick (home when p &gt;= 0.5) won
 * @param brier mean squared error of p
 * @param logLoss mean negative log-likelihood (p clipped to [1e-15, 1 - 1e-15])
 * @param rocAuc probability that a home win got a higher p than a home loss (ties count half)
 */
public record Metrics(int games, double accuracy, Double brier, Double logLoss, Double rocAuc) {

  /** Metrics of probabilities. */
  public static Metrics of(double[] p, int[] y) {
    int n = p.length;
    if (n == 0 || y.length != n) {
      throw new IllegalArgumentException(
          "Need as many outcomes as probabilities, and at least one");
    }
    double correct = 0;
    double brier = 0;
    double logLoss = 0;
    for (int i = 0; i < n; i++) {
      correct += ProbabilityScores.hit(p[i], y[i]) ? 1 : 0;
      brier += ProbabilityScores.brier(p[i], y[i]);
      logLoss += ProbabilityScores.logLoss(p[i], y[i]);
    }
    return new Metrics(n, round(correct / n), round(brier / n), round(logLoss / n), auc(p, y));
  }

  /** Metrics of picks alone (a baseline with no probabilities): accuracy only. */
  public static Metrics ofPicks(boolean[] pickHome, int[] y) {
    double correct = 0;
    for (int i = 0; i < y.length; i++) {
      correct += (pickHome[i] ? 1 : 0) == y[i] ? 1 : 0;
    }
    return new Metrics(y.length, round(correct / y.length), null, null, null);
  }

  static Double auc(double[] p, int[] y) {
    Integer[] order = IntStream.range(0, p.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
    double[] ranks = new double[p.length];
    int i = 0;
    while (i < order.length) {
      int j = i;
      while (j + 1 < order.length && p[order[j + 1]] == p[order[i]]) {
        j++;
      }
      double rank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        ranks[order[k]] = rank;
      }
      i = j + 1;
    }
    long positives = Arrays.stream(y).filter(v -> v == 1).count();
    long negatives = y.length - positives;
    if (positives == 0 || negatives == 0) {
      return null;
    }
    double sum = 0;
    for (int k = 0; k < y.length; k++) {
      if (y[k] == 1) {
        sum += ranks[k];
      }
    }
    return round((sum - positives * (positives + 1) / 2.0) / (positives * (double) negatives));
  }

  static double round(double value) {
    return Math.round(value * 10000.0) / 10000.0;
  }
}
