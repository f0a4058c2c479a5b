package dev.nbaml.cli;

import dev.nbaml.config.Config;
import dev.nbaml.config.ConfigException;
import dev.nbaml.config.LoggingSettings;
import dev.nbaml.util.Logging;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar ml-pipeline.jar <command>}: the command line of the product. */
@Command(
    name = "ml-pipeline",
    mixinStandardHelpOptions = true,
    versionProvider = BuildVersion.class,
    description =
        "Predicts the winner of every upcoming NBA game (the ML step of the NBA pipeline).",
    subcommands = {
      InvokeCommand.class,
      MigrateCommand.class,
      ImportLegacyCommand.class,
      PublishCommand.class,
      PromoteCommand.class,
      TrainCommand.class,
      EvaluateCommand.class,
      ReportCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Where log lines go, read once. */
  private static final LoggingSettings LOGGING = Config.logging(Config.environment());

  /** Tribuo logs training progress through java.util.logging; keep the command output clean. */
  private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

  public static void main(String[] args) {
    Logging.select(LOGGING);
    TRIBUO_LOG.setLevel(Level.WARNING);
    System.exit(commandLine().execute(args));
  }

  /** The command line, for tests. */
  public static CommandLine commandLine() {
    return new CommandLine(new Main())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(
            (e, commandLine, parseResult) -> {
              // One line a person can act on; the stack trace only when asked for.
              commandLine.getErr().println("error: " + e.getMessage());
              if (LOGGING.debug()) {
                e.printStackTrace(commandLine.getErr());
              }
              return e instanceof ConfigException ? 2 : 1;
            });
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }
}
