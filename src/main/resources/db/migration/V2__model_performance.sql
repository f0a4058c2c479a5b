-- Realised performance per model version and game date, settled by every run from the outcomes of
-- played games, next to the moneyline favourite on the same games.
CREATE SCHEMA IF NOT EXISTS ${performance_schema};

CREATE TABLE IF NOT EXISTS ${performance_schema}.${performance_table} (
    model_version text NOT NULL,
    game_date date NOT NULL,
    games integer NOT NULL,
    correct integer NOT NULL,
    accuracy double precision NOT NULL,
    brier double precision NOT NULL,
    log_loss double precision NOT NULL,
    market_games integer NOT NULL,
    market_correct integer NOT NULL,
    market_accuracy double precision,
    market_brier double precision,
    market_log_loss double precision,
    updated_at timestamp NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (model_version, game_date)
);

-- Drift and rolling figures read the newest predictions first.
CREATE INDEX IF NOT EXISTS ${predictions_table}_game_date_idx
    ON ${predictions_schema}.${predictions_table} (game_date DESC);
