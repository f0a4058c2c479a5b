-- The pipeline's tables as dbt builds them (../shared/CONTRACT.md), for tests and the local run.
CREATE SCHEMA IF NOT EXISTS silver;
CREATE SCHEMA IF NOT EXISTS gold;

CREATE TABLE IF NOT EXISTS silver.ml_game_features (
    home_team text, away_team text,
    home_moneyline numeric, away_moneyline numeric,
    game_date date,
    home_team_rank bigint, home_days_rest integer,
    home_team_avg_pts_scored numeric, home_team_avg_pts_scored_opp numeric,
    home_team_win_pct numeric, home_team_win_pct_last10 numeric, home_is_top_players numeric,
    away_team_rank bigint, away_days_rest integer,
    away_team_avg_pts_scored numeric, away_team_avg_pts_scored_opp numeric,
    away_team_win_pct numeric, away_team_win_pct_last10 numeric, away_is_top_players numeric,
    outcome integer
);

CREATE TABLE IF NOT EXISTS silver.ml_game_features_audit (
    LIKE silver.ml_game_features,
    audit_inserted_at timestamp DEFAULT current_timestamp
);
