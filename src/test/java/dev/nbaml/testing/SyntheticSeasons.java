package dev.nbaml.testing;

import dev.nbaml.history.GameResult;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Game history made with a fixed seed: 30 teams of hidden strength, a home advantage, and closing
 * lines that know the true probability (with a 4.5% vig), so that a model has something to learn.
 */
public final class SyntheticSeasons {
  private SyntheticSeasons() {}

  public static List<GameResult> generate(long seed, int firstYear, int seasons, int gamesPerDay) {
    Random r = new Random(seed);
    List<GameResult> games = new ArrayList<>();
    for (int s = 0; s < seasons; s++) {
      int year = firstYear + s;
      String season = year + "-" + String.format("%02d", (year + 1) % 100);
      double[] strength = new double[30];
      for (int t = 0; t < 30; t++) {
        strength[t] = r.nextGaussian() * 0.6;
      }
      LocalDate day = LocalDate.of(year, 10, 20);
      for (int d = 0; d < 120; d++, day = day.plusDays(1)) {
        List<Integer> teams = new ArrayList<>();
        for (int t = 0; t < 30; t++) {
          teams.add(t);
        }
        java.util.Collections.shuffle(teams, r);
        for (int g = 0; g < gamesPerDay; g++) {
          int h = teams.get(2 * g);
          int a = teams.get(2 * g + 1);
          double p = 1 / (1 + Math.exp(-(0.3 + strength[h] - strength[a])));
          boolean homeWins = r.nextDouble() < p;
          int loser = 95 + r.nextInt(15);
          int winner = loser + 1 + r.nextInt(15);
          games.add(
              new GameResult(
                  day,
                  season,
                  dev.nbaml.history.GameType.REGULAR,
                  TestGames.TEAMS.get(h),
                  TestGames.TEAMS.get(a),
                  homeWins ? winner : loser,
                  homeWins ? loser : winner,
                  odds(p * 1.045),
                  odds((1 - p) * 1.045)));
        }
      }
    }
    return games;
  }

  static double odds(double implied) {
    double p = Math.min(0.97, Math.max(0.03, implied));
    double odds = p >= 0.5 ? -100 * p / (1 - p) : 100 * (1 - p) / p;
    return Math.abs(odds) < 100 ? (odds < 0 ? -100 : 100) : Math.round(odds);
  }
}
