#!/usr/bin/env bash
# A whole local scoring run on this machine, as in AWS but against local services:
# PostgreSQL with sample upcoming games, the model published to S3 (moto_server) and promoted,
# the database login in Secrets Manager (moto_server), the function invoked, the predictions shown.
# RUN_DATE=YYYY-MM-DD and MODEL_DIR=model-artifacts/<name>/<version> may be set.
set -euo pipefail
cd "$(dirname "$0")/../.."
. src/local/setup.sh

echo "== Invoking the function for $RUN_DATE"
EVENT=$(mktemp)
printf '{"run_date": "%s"}\n' "$RUN_DATE" >"$EVENT"
status=0
bash src/local/ml-pipeline.sh invoke --event "$EVENT" || status=$?

echo "== gold.ml_game_predictions"
PGPASSWORD=$DB_PASSWORD psql -X -h 127.0.0.1 -p "$NBAML_PG_PORT" -U "$DB_USER" -d "$DB_NAME" -P pager=off -c "
  SELECT game_date, home_team, away_team, home_moneyline, away_moneyline,
         home_team_predicted_win_pct AS p_home, away_team_predicted_win_pct AS p_away, model_version
  FROM gold.ml_game_predictions WHERE game_date >= '$RUN_DATE' ORDER BY game_date, home_team"
exit $status
