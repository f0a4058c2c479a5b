package dev.nbaml.config;

/**
 * The tables the product reads and writes.
 *
 * @param features {@code FEATURES_TABLE}: the input table
 * @param predictions {@code PREDICTIONS_TABLE}: the output table
 * @param shadowPredictions {@code SHADOW_PREDICTIONS_TABLE}: the shadow model's rows, the output
 *     table's shape keyed on (home_team, game_date, model_version); never read by the pipeline's
 *     consumers
 * @param featureFlags {@code FEATURE_FLAGS_TABLE}: the table of the {@code season} flag
 * @param performance {@code PERFORMANCE_TABLE}: realised performance per model version and date
 * @param outcomes {@code OUTCOMES_TABLE}: where results come from (home_team, away_team, game_date,
 *     outcome); monitoring is skipped where it does not exist
 * @param history {@code HISTORY_TABLE}: feature rows of past games (dbt's audit copies), which
 *     backfills re-score and {@code train --from-db} learns from
 */
public record Tables(
    TableName features,
    TableName predictions,
    TableName shadowPredictions,
    TableName featureFlags,
    TableName performance,
    TableName outcomes,
    TableName history) {}
