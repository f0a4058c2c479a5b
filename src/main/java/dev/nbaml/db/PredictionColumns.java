package dev.nbaml.db;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The columns a run writes to {@code gold.ml_game_predictions}, with the contract's types: the one
 * home of the table's shape in Java. The writer's staging table is made from {@link #WRITTEN}, and
 * a test checks that the migrations ({@code V1__predictions_table.sql}, which creates the table
 * where the Python job had not, and {@code V4__explanations.sql}) give it exactly {@link #TABLE}.
 */
final class PredictionColumns {

  /** A column and its PostgreSQL type, as {@code information_schema.columns.data_type} names it. */
  record Column(String name, String type) {}

  /** In the contract's order: the input columns but {@code outcome}, then the two probabilities. */
  static final List<Column> CONTRACT =
      List.of(
          new Column("home_team", "text"),
          new Column("away_team", "text"),
          new Column("home_moneyline", "numeric"),
          new Column("away_moneyline", "numeric"),
          new Column("game_date", "date"),
          new Column("home_team_rank", "bigint"),
          new Column("home_days_rest", "integer"),
          new Column("home_team_avg_pts_scored", "numeric"),
          new Column("home_team_avg_pts_scored_opp", "numeric"),
          new Column("home_team_win_pct", "numeric"),
          new Column("home_team_win_pct_last10", "numeric"),
          new Column("home_is_top_players", "numeric"),
          new Column("away_team_rank", "bigint"),
          new Column("away_days_rest", "integer"),
          new Column("away_team_avg_pts_scored", "numeric"),
          new Column("away_team_avg_pts_scored_opp", "numeric"),
          new Column("away_team_win_pct", "numeric"),
          new Column("away_team_win_pct_last10", "numeric"),
          new Column("away_is_top_players", "numeric"),
          new Column("home_team_predicted_win_pct", "double precision"),
          new Column("away_team_predicted_win_pct", "double precision"));

  /** What the product adds, maintained by the database and the upsert. */
  static final List<Column> BOOKKEEPING =
      List.of(
          new Column("created_at", "timestamp without time zone"),
          new Column("modified_at", "timestamp without time zone"),
          new Column("model_version", "text"));

  /**
   * Added by {@code V4__explanations.sql}: the prediction's explanation (see {@code
   * ExplanationJson}).
   */
  static final Column EXPLANATION = new Column("explanation", "jsonb");

  /**
   * What the writer writes, in the order of its binary COPY: the contract's columns, then the
   * explanation.
   */
  static final List<Column> WRITTEN =
      Stream.concat(CONTRACT.stream(), Stream.of(EXPLANATION)).toList();

  /** The migrated table, in column order. */
  static final List<Column> TABLE =
      Stream.of(CONTRACT, BOOKKEEPING, List.of(EXPLANATION)).flatMap(List::stream).toList();

  private PredictionColumns() {}

  static List<String> names() {
    return WRITTEN.stream().map(Column::name).toList();
  }

  /** The column definitions of {@link #WRITTEN}, for a {@code CREATE TABLE}. */
  static String definitions() {
    return WRITTEN.stream().map(c -> c.name() + " " + c.type()).collect(Collectors.joining(", "));
  }
}
