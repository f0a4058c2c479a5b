package dev.nbaml.training;

import dev.nbaml.core.FeatureCatalog;
import java.util.List;

/**
 * The training settings and the quality gate used unless told otherwise. They are {@code train}'s
 * defaults too: picocli takes its defaults as compile-time constant text, written there as {@code
 * "" + TrainingDefaults.EPOCHS}, so that no default is written twice. The committed models were
 * trained with these (their cards record them), so a change here is a change of the next model.
 */
public final class TrainingDefaults {

  /** The features of the trained models. */
  public static final List<String> FEATURES = FeatureCatalog.MODEL_FEATURES;

  /** Passes of SGD over the training games. */
  public static final int EPOCHS = 10;

  /** AdaGrad's learning rate. */
  public static final double LEARNING_RATE = 0.05;

  /** The seed of the SGD's shuffling: the same input gives the same model file. */
  public static final long SEED = 42;

  /** Gate: the largest Brier score on the validation games. */
  public static final double MAX_BRIER = 0.25;

  /**
   * Gate: whether the model must beat the legacy model's accuracy (when the legacy model is given).
   */
  public static final boolean BEAT_LEGACY = true;

  /** Gate: no minimum accuracy unless one is given. */
  public static final QualityGate GATE = new QualityGate(null, MAX_BRIER, BEAT_LEGACY);

  /** The legacy model, the baseline and the gate's bar, as committed in this repository. */
  public static final String LEGACY_MODEL_DIR = "model-artifacts/legacy-logistic-regression/1.0.0";

  private TrainingDefaults() {}
}
