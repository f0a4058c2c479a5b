package dev.nbaml.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nbaml.core.GameFeatures;
import dev.nbaml.core.WinProbabilityModel;
import dev.nbaml.model.ModelArtifacts;
import dev.nbaml.testing.JarRunner;
import dev.nbaml.testing.RecentSeasonCsv;
import dev.nbaml.testing.TestGames;
import dev.nbaml.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A golden model: src/test/resources/models/golden/1.0.0 was trained by the jar's {@code train}
 * from generated seasons ({@link RecentSeasonCsv}, fixed seed), with {@link #TRAIN}. Retraining
 * must give the same bytes, and the model the same predictions. Needs no ../shared, so every CI
 * checks it. After an intended change of training, regenerate it with the same command and update
 * the pinned figures.
 */
class GoldenModelIT {
  static final Path GOLDEN = Path.of("src/test/resources/models/golden/1.0.0");

  /** SHA-256 of the golden model.tribuo. */
  static final String MODEL_SHA256 =
      "d9391e5d696384d2230ecb804bfa3bd6f2f0f8985a53a81455e6ccd5c8d5aae6";

  /** The train command's arguments after {@code --games CSV --out DIR}. */
  static final List<String> TRAIN =
      List.of(
          "--validation-season",
          RecentSeasonCsv.LAST_SEASON,
          "--created-at",
          "2024-01-01T00:00:00Z",
          "--legacy-model",
          "none",
          "--name",
          "golden");

  static JarRunner.Result train(Path dir, Path out) throws Exception {
    Path csv = dir.resolve("games.csv");
    Files.writeString(csv, RecentSeasonCsv.generate().text());
    List<String> args =
        new java.util.ArrayList<>(
            List.of("train", "--games", csv.toString(), "--out", out.toString()));
    args.addAll(TRAIN);
    return JarRunner.run(Map.of(), args.toArray(String[]::new));
  }

  static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  @Test
  void retrainingFromTheGeneratedSeasonsReproducesTheGoldenModelByteForByte(@TempDir Path dir)
      throws Exception {
    Path out = dir.resolve("1.0.0");

    JarRunner.Result train = train(dir, out);

    assertThat(train.exitCode()).as(train.stderr()).isZero();
    assertThat(sha256(GOLDEN.resolve(ModelArtifacts.MODEL_FILE))).isEqualTo(MODEL_SHA256);
    assertThat(sha256(out.resolve(ModelArtifacts.MODEL_FILE))).isEqualTo(MODEL_SHA256);
    assertThat(Json.MAPPER.readTree(out.resolve("model-card.json").toFile()))
        .isEqualTo(Json.MAPPER.readTree(GOLDEN.resolve("model-card.json").toFile()));
  }

  @Test
  void theGoldenModelGivesThePinnedPredictions() {
    WinProbabilityModel model = ModelArtifacts.read(GOLDEN);
    List<GameFeatures> games = TestGames.slate(5, LocalDate.of(2024, 1, 15), 4);

    double[] pinned = {
      0.5662426997653608, 0.3170723515926621, 0.7864533296700709, 0.42106916921336035
    };
    assertThat(model.version()).isEqualTo("golden@1.0.0");
    for (int i = 0; i < games.size(); i++) {
      assertThat(model.homeWinProbability(games.get(i)))
          .as(games.get(i).toString())
          .isCloseTo(pinned[i], within(1e-12));
    }
  }
}
