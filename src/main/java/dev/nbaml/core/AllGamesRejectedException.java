package dev.nbaml.core;

/** Every game of the run was invalid: nothing was written. The summary says why, game by game. */
public class AllGamesRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient RunSummary summary;

  public AllGamesRejectedException(RunSummary summary) {
    super(
        "All "
            + summary.gamesRejected()
            + " games for "
            + summary.runDate()
            + " were rejected, nothing was written; first: "
            + summary.rejected().get(0).detail());
    this.summary = summary;
  }

  public RunSummary summary() {
    return summary;
  }
}
