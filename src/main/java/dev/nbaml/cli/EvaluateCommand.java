package dev.nbaml.cli;

import dev.nbaml.core.WinProbabilityModel;
import dev.nbaml.history.History;
import dev.nbaml.history.LabeledGame;
import dev.nbaml.model.ModelArtifacts;
import dev.nbaml.training.Calibration;
import dev.nbaml.training.EvaluationReport;
import dev.nbaml.training.Metrics;
import dev.nbaml.training.TrainingDefaults;
import dev.nbaml.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Evaluates a model version on any season of a games CSV, next to the baselines. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description =
        "Scores the regular-season games of a season (NBA Cup games before the final included;"
            + " play-in, Cup final and playoff games not; features built point in time from the same"
            + " file) and prints accuracy, Brier score, log loss, ROC AUC and calibration next to the baselines.")
final class EvaluateCommand implements Callable<Integer> {

  enum Format {
    json,
    table
  }

  @Option(
      names = "--model",
      required = true,
      paramLabel = "DIR",
      description = "The model version folder.")
  Path model;

  @Option(
      names = "--games",
      required = true,
      paramLabel = "CSV",
      description = "Games CSV holding the season and the games before it.")
  List<Path> games;

  @Option(
      names = "--season",
      required = true,
      description = "The season to evaluate, e.g. 2023-24.")
  String season;

  @Option(
      names = "--legacy-model",
      paramLabel = "DIR",
      defaultValue = TrainingDefaults.LEGACY_MODEL_DIR,
      description = "The legacy model baseline (default: ${DEFAULT-VALUE}; skipped if absent).")
  Path legacyModel;

  @Option(
      names = "--format",
      defaultValue = "json",
      description = "json or table (default: ${DEFAULT-VALUE}).")
  Format format;

  @Override
  public Integer call() throws Exception {
    WinProbabilityModel m = ModelArtifacts.read(model);
    History history = History.fromCsv(games);
    history.warnings().forEach(w -> System.err.println("Warning: " + w));
    List<LabeledGame> target =
        history.labeled().stream()
            .filter(g -> g.season().equals(season) && g.regularSeason())
            .toList();
    if (target.isEmpty()) {
      throw new IllegalArgumentException("No regular-season games of " + season + " in " + games);
    }
    List<LabeledGame> before =
        history.labeled().stream().filter(g -> g.season().compareTo(season) < 0).toList();
    double homeRate =
        before.isEmpty()
            ? 0.5
            : before.stream().mapToInt(LabeledGame::homeWin).average().orElse(0.5);
    Optional<WinProbabilityModel> legacy =
        Files.isDirectory(legacyModel)
            ? Optional.of(ModelArtifacts.read(legacyModel))
            : Optional.empty();
    EvaluationReport report =
        EvaluationReport.evaluate(season + " regular season", m, target, homeRate, legacy);
    System.out.print(
        format == Format.json
            ? Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n"
            : table(m.version(), report));
    return 0;
  }

  static String table(String modelName, EvaluationReport r) {
    StringBuilder s = new StringBuilder();
    s.append(r.games()).append(", ").append(r.model().games()).append(" games\n\n");
    s.append(
        String.format(
            "%-34s %9s %7s %8s %7s%n", "predictor", "accuracy", "Brier", "log loss", "AUC"));
    row(s, modelName, r.model());
    for (Map.Entry<String, Metrics> e : r.baselines().entrySet()) {
      row(s, e.getKey().replace('_', ' '), e.getValue());
    }
    s.append("\ncalibration\n");
    s.append(String.format("%-11s %6s %10s %9s%n", "predicted", "games", "mean p", "observed"));
    for (Calibration.Bin b : r.calibration()) {
      s.append(
          String.format(
              "%.1f - %.1f  %6d %10s %9s%n",
              b.from(),
              b.to(),
              b.games(),
              b.meanPredicted() == null ? "-" : String.format("%.3f", b.meanPredicted()),
              b.observed() == null ? "-" : String.format("%.3f", b.observed())));
    }
    return s.toString();
  }

  private static void row(StringBuilder s, String name, Metrics m) {
    s.append(
        String.format(
            "%-34s %9.3f %7s %8s %7s%n",
            name, m.accuracy(), f(m.brier()), f(m.logLoss()), f(m.rocAuc())));
  }

  private static String f(Double v) {
    return v == null ? "-" : String.format("%.4f", v);
  }
}
