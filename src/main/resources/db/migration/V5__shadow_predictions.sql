-- The shadow model's predictions (MODEL_SHADOW_ALIAS): the predictions table's shape (LIKE, so that
-- every column added to it before this migration comes along), keyed on (home_team, game_date,
-- model_version) so that each shadowed version keeps its own row of a game. The pipeline's readers
-- never see it; monitoring settles it per model version.
CREATE SCHEMA IF NOT EXISTS ${shadow_schema};

CREATE TABLE IF NOT EXISTS ${shadow_schema}.${shadow_table}
    (LIKE ${predictions_schema}.${predictions_table} INCLUDING DEFAULTS);

ALTER TABLE ${shadow_schema}.${shadow_table} ALTER COLUMN model_version SET NOT NULL;

CREATE UNIQUE INDEX IF NOT EXISTS ${shadow_table}_home_team_game_date_model_version_key
    ON ${shadow_schema}.${shadow_table} (home_team, game_date, model_version);
