-- Each prediction's explanation: the model's log-odds of a home win taken apart by feature around an
-- average game, {"model_version": "...", "base": b, "contributions": {"<feature>": c, ...}}, where
-- 1 / (1 + exp(-(b + sum of c))) is P(home win) before rounding. Rows written before this version have
-- none (NULL).
ALTER TABLE ${predictions_schema}.${predictions_table} ADD COLUMN IF NOT EXISTS explanation jsonb;
