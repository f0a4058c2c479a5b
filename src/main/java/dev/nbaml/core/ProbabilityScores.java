package dev.nbaml.core;

/**
 * The one home of how a probability is scored against a result: the pick, the Brier score and the
 * log loss of one game. Evaluation, training's gate and the report use the Java form; the
 * monitoring SQL that settles predictions in the database is generated here too, and a test checks
 * the two agree.
 */
public final class ProbabilityScores {

  /** Probabilities are clipped to [EPSILON, 1 - EPSILON] for the log loss, as scikit-learn does. */
  public static final double EPSILON = 1e-15;

  private ProbabilityScores() {}

  /**
   * Whether P(home win) = {@code p} picked the result {@code y} (1 home win, 0 away win); 0.5 picks
   * home.
   */
  public static boolean hit(double p, int y) {
    return (p >= 0.5) == (y == 1);
  }

  /** The squared error of {@code p} against {@code y}. */
  public static double brier(double p, int y) {
    return (p - y) * (p - y);
  }

  /** The negative log-likelihood of {@code y} under {@code p}, clipped to {@link #EPSILON}. */
  public static double logLoss(double p, int y) {
    double q = clip(p);
    return y == 1 ? -Math.log(q) : -Math.log(1 - q);
  }

  private static double clip(double p) {
    return Math.min(Math.max(p, EPSILON), 1 - EPSILON);
  }

  /**
   * {@link #hit} in SQL, as 1 or 0, for float8 {@code p} and integer {@code y} expressions; NULL
   * where {@code p} is NULL (a game without a market, for the market's figures), as every SQL form
   * here.
   */
  public static String sqlHit(String p, String y) {
    return "(CASE WHEN "
        + p
        + " IS NULL THEN NULL WHEN ("
        + p
        + " >= 0.5) = ("
        + y
        + " = 1) THEN 1 ELSE 0 END)";
  }

  /** {@link #brier} in SQL. */
  public static String sqlBrier(String p, String y) {
    return "((" + p + " - " + y + ") * (" + p + " - " + y + "))";
  }

  /** {@link #logLoss} in SQL. */
  public static String sqlLogLoss(String p, String y) {
    String q = "least(greatest(" + p + ", " + EPSILON + "::float8), 1 - " + EPSILON + "::float8)";
    // PostgreSQL's greatest() and least() skip NULLs: the NULL case is spelt out.
    return "(CASE WHEN "
        + p
        + " IS NULL THEN NULL WHEN "
        + y
        + " = 1 THEN -ln("
        + q
        + ") ELSE -ln(1 - "
        + q
        + ") END)";
  }
}
