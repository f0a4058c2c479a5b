-- How far each backfill got, so that a rerun after a crash goes on from the last written date.
CREATE TABLE IF NOT EXISTS ml_pipeline.backfill_progress (
    job text PRIMARY KEY,
    last_date date NOT NULL,
    rows_done bigint NOT NULL,
    finished boolean NOT NULL,
    updated_at timestamp NOT NULL DEFAULT current_timestamp
);
