package dev.nbaml.history;

import dev.nbaml.core.GameFeatures;
import dev.nbaml.util.Hashing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Game history from CSV files, as point-in-time feature rows with results.
 *
 * @param warnings the rows left out and why (unknown game types, exhibitions), for the user to read
 */
public record History(
    List<LabeledGame> labeled, String sha256, String description, List<String> warnings) {

  /** Reads the files (a game listed twice is kept once), oldest first, and builds the features. */
  public static History fromCsv(List<Path> files) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    List<GameResult> games = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    List<String> warnings = new ArrayList<>();
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      all.write(bytes);
      GameCsv.Read read = GameCsv.parse(new String(bytes, StandardCharsets.UTF_8), file.toString());
      warnings.addAll(read.warnings());
      for (GameResult g : read.games()) {
        if (seen.add(g.gameDate() + "|" + g.homeTeam() + "|" + g.awayTeam())) {
          games.add(g);
        }
      }
    }
    games.sort(Comparator.comparing(GameResult::gameDate));
    List<GameFeatures> rows = FeatureBuilder.pointInTime(games);
    List<LabeledGame> labeled = new ArrayList<>(games.size());
    for (int i = 0; i < games.size(); i++) {
      GameResult g = games.get(i);
      labeled.add(new LabeledGame(rows.get(i), g.homeWon() ? 1 : 0, g.season(), g.type()));
    }
    String names = String.join(", ", files.stream().map(p -> p.getFileName().toString()).toList());
    return new History(
        labeled, Hashing.sha256(all.toByteArray()), "game CSV: " + names, List.copyOf(warnings));
  }
}
