-- The predictions table of the contract (../shared/CONTRACT.md), created where the Python job had
-- not created it already, plus what this product adds: the model version of each row, and the
-- unique key that makes a re-run an update instead of a duplicate.
CREATE SCHEMA IF NOT EXISTS ${predictions_schema};

CREATE TABLE IF NOT EXISTS ${predictions_schema}.${predictions_table} (
    home_team text,
    away_team text,
    home_moneyline numeric,
    away_moneyline numeric,
    game_date date,
    home_team_rank bigint,
    home_days_rest integer,
    home_team_avg_pts_scored numeric,
    home_team_avg_pts_scored_opp numeric,
    home_team_win_pct numeric,
    home_team_win_pct_last10 numeric,
    home_is_top_players numeric,
    away_team_rank bigint,
    away_days_rest integer,
    away_team_avg_pts_scored numeric,
    away_team_avg_pts_scored_opp numeric,
    away_team_win_pct numeric,
    away_team_win_pct_last10 numeric,
    away_is_top_players numeric,
    home_team_predicted_win_pct double precision,
    away_team_predicted_win_pct double precision,
    created_at timestamp DEFAULT current_timestamp,
    modified_at timestamp DEFAULT current_timestamp
);

ALTER TABLE ${predictions_schema}.${predictions_table} ADD COLUMN IF NOT EXISTS model_version text;

-- Fails, naming the duplicate key, if an older table holds two rows for one home team and date:
-- delete the older copies, then migrate again.
CREATE UNIQUE INDEX IF NOT EXISTS ${predictions_table}_home_team_game_date_key
    ON ${predictions_schema}.${predictions_table} (home_team, game_date);
