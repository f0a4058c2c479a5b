package dev.nbaml.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar ml-pipeline.jar <command>}: the command line of the product. */
@Command(
    name = "ml-pipeline",
    mixinStandardHelpOptions = true,
    versionProvider = BuildVersion.class,
    description = "Predicts the winner of every upcoming NBA game (the ML step of the NBA pipeline).",
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

  /** Tribuo logs training progress through java.util.logging; keep the command output clean. */
  private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");

  public static void main(String[] args) {
    dev.nbaml.util.Logging.select(System.getenv());
    TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
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
              if ("DEBUG".equalsIgnoreCase(System.getenv("LOG_LEVEL"))) {
                e.printStackTrace(commandLine.getErr());
              }
              return e instanceof dev.nbaml.config.ConfigException ? 2 : 1;
            });
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }
}
