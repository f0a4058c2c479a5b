package dev.nbaml.training;

import java.util.List;

/** The trained model missed the quality gate; it was not written. */
public class QualityGateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public QualityGateException(List<String> failures) {
    super("Quality gate failed, the model was not written: " + String.join("; ", failures));
  }
}
