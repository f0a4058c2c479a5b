package dev.nbaml.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nbaml.training.ModelTrainer;
import dev.nbaml.training.QualityGate;
import dev.nbaml.training.TrainingDefaults;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line's training defaults are {@link TrainingDefaults}, not a copy of them. */
class TrainingDefaultsCommandTest {

  @Test
  void trainWithoutSettingsTrainsWithTheTrainingDefaults() {
    TrainCommand train = new TrainCommand();
    new CommandLine(train).parseArgs("--games", "games.csv");

    assertThat(train.options())
        .isEqualTo(
            new ModelTrainer.Options(
                "nba-winner",
                "1.0.0",
                null,
                null,
                TrainingDefaults.FEATURES,
                TrainingDefaults.EPOCHS,
                TrainingDefaults.LEARNING_RATE,
                TrainingDefaults.SEED,
                TrainingDefaults.GATE));
    assertThat(train.legacyModel).isEqualTo(Path.of(TrainingDefaults.LEGACY_MODEL_DIR));
  }

  @Test
  void theGivenSettingsReplaceTheDefaults() {
    TrainCommand train = new TrainCommand();
    new CommandLine(train)
        .parseArgs(
            "--games",
            "games.csv",
            "--epochs",
            "3",
            "--learning-rate",
            "0.1",
            "--seed",
            "7",
            "--min-accuracy",
            "0.6",
            "--max-brier",
            "0.2",
            "--no-beat-legacy");

    ModelTrainer.Options options = train.options();
    assertThat(options.epochs()).isEqualTo(3);
    assertThat(options.learningRate()).isEqualTo(0.1);
    assertThat(options.seed()).isEqualTo(7L);
    assertThat(options.gate()).isEqualTo(new QualityGate(0.6, 0.2, false));
  }

  @Test
  void evaluateComparesWithTheSameLegacyModelAsTrain() {
    EvaluateCommand evaluate = new EvaluateCommand();
    new CommandLine(evaluate).parseArgs("--model", "m", "--games", "g.csv", "--season", "2022-23");

    assertThat(evaluate.legacyModel).isEqualTo(Path.of(TrainingDefaults.LEGACY_MODEL_DIR));
  }

  @Test
  void theHelpShowsTheDefaultsAsTheyAre() {
    String help = new CommandLine(new TrainCommand()).getUsageMessage();

    assertThat(help)
        .contains("(default: " + TrainingDefaults.EPOCHS + ")")
        .contains("(default: " + TrainingDefaults.LEARNING_RATE + ")")
        .contains("(default: " + TrainingDefaults.SEED + ")")
        .contains("(default: " + TrainingDefaults.MAX_BRIER + ")");
  }
}
