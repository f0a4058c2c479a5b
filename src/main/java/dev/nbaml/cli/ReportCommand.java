package dev.nbaml.cli;

import dev.nbaml.config.Config;
import dev.nbaml.config.ConfigException;
import dev.nbaml.config.FunctionConfig;
import dev.nbaml.lambda.Wiring;
import dev.nbaml.monitoring.MonitoringReport;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes the monitoring report: an HTML page with PNG charts. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a self-contained HTML page and PNG charts: rolling accuracy and Brier score of the model"
          + " against the moneyline favourite, a reliability diagram, and the drift of each feature.",
      "Configured from the environment as the function is (the model of MODEL_URI/MODEL_ALIAS, its settled"
          + " predictions in the database)."
    })
final class ReportCommand implements Callable<Integer> {

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Where to write index.html and the charts.")
  Path out;

  @Option(
      names = "--model-version",
      description = "Model version to report on, e.g. nba-winner@1.0.0 (default: the current one).")
  String modelVersion;

  @Override
  public Integer call() throws Exception {
    System.setProperty("java.awt.headless", "true");
    FunctionConfig config;
    try {
      config = Config.function(Config.environment());
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    MonitoringReport.Input input =
        Wiring.report(config, Clock.systemUTC(), Optional.ofNullable(modelVersion));
    Path page = MonitoringReport.write(out, input);
    System.out.println(
        "Wrote "
            + page
            + " ("
            + input.games().size()
            + " settled predictions of "
            + input.modelVersion()
            + ")");
    return 0;
  }
}
