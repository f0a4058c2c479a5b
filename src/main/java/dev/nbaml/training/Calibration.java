package dev.nbaml.training;

import java.util.ArrayList;
import java.util.List;

/** A reliability table: predicted probability bins against the observed home-win rate. */
public final class Calibration {
  private Calibration() {}

  /** One bin: [from, to), how many games, the mean prediction and the observed rate. */
  public record Bin(double from, double to, int games, Double meanPredicted, Double observed) {}

  /** Ten bins of width 0.1. */
  public static List<Bin> table(double[] p, int[] y) {
    int bins = 10;
    int[] count = new int[bins];
    double[] sumP = new double[bins];
    double[] sumY = new double[bins];
    for (int i = 0; i < p.length; i++) {
      int b = Math.min(bins - 1, (int) Math.floor(p[i] * bins));
      count[b]++;
      sumP[b] += p[i];
      sumY[b] += y[i];
    }
    List<Bin> table = new ArrayList<>();
    for (int b = 0; b < bins; b++) {
      table.add(
          new Bin(
              b / 10.0,
              (b + 1) / 10.0,
              count[b],
              count[b] == 0 ? null : Metrics.round(sumP[b] / count[b]),
              count[b] == 0 ? null : Metrics.round(sumY[b] / count[b])));
    }
    return table;
  }
}
