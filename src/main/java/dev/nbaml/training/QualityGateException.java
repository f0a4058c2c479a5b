package dev.nbaml.training;

import java.util.List;

/** The trained model missed the quality gate; it was not written. */
public class QualityGateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> failures;

  public QualityGateException(List<String> failures) {
    super("Quality gate failed, the model was not written: " + String.join("; ", failures));
    this.failures = List.copyOf(failures);
  }

  /** Each condition the model missed, as a sentence. */
  public List<String> failures() {
    return failures;
  }
}
