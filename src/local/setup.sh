# Prepares a local scoring environment (sourced by run.sh and the benchmark): builds the jar; the
# database with the contract's tables, sample games (GAMES_SQL, default the sample slate) and the
# migrations; the secret and the model registry in the local AWS emulator; and exports the function's
# configuration exactly as template.yaml sets it in AWS. RUN_DATE=YYYY-MM-DD and
# MODEL_DIR=model-artifacts/<name>/<version> may be set.
. src/local/services.sh

GAMES_SQL=${GAMES_SQL:-src/local/sample-games.sql}
MODEL_DIR=${MODEL_DIR:-$(ls -d model-artifacts/*/*/ | sort -V | tail -n 1)}
MODEL_DIR=${MODEL_DIR%/}
MODEL_NAME=$(basename "$(dirname "$MODEL_DIR")")
RUN_DATE=${RUN_DATE:-$(TZ=America/New_York date +%F)}
# Local names; override them where several checkouts share one cluster and emulator.
DB_NAME=${NBAML_LOCAL_DB:-nba} DB_USER=${NBAML_LOCAL_DB_USER:-nba_app} DB_PASSWORD=nba-local-app-password
BUCKET=${NBAML_LOCAL_BUCKET:-nba-ml-local} SECRET_ID=${NBAML_LOCAL_SECRET:-nba/local/db}
JAR=target/ml-pipeline.jar

# Builds only when the sources or the pom changed since the jar: an unchanged jar keeps the class
# archive (target/ml-pipeline.jsa) that ml-pipeline.sh writes on the first invoke after a build.
if [ ! -f "$JAR" ] || [ -n "$(find src/main pom.xml -newer "$JAR" -print -quit)" ]; then
  echo "== Building $JAR (sources changed)"
  mvn -B -q -ntp -DskipTests package
fi

echo "== Database $DB_NAME on 127.0.0.1:$NBAML_PG_PORT with sample games for $RUN_DATE"
nbaml_psql_admin <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$DB_USER') THEN
    CREATE ROLE $DB_USER LOGIN PASSWORD '$DB_PASSWORD';
  END IF;
END \$\$;
SQL
if [ -z "$(nbaml_psql_admin <<< "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" ]; then
  nbaml_psql_admin <<< "CREATE DATABASE $DB_NAME OWNER $DB_USER"
fi
PGOPTIONS="-c client_min_messages=warning" PGPASSWORD=$DB_PASSWORD psql -qX -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$NBAML_PG_PORT" -U "$DB_USER" -d "$DB_NAME" \
  -v run_date="$RUN_DATE" -f src/test/resources/sql/contract_tables.sql -f "$GAMES_SQL"

echo "== Secret $SECRET_ID and bucket $BUCKET in the local AWS emulator ($AWS_ENDPOINT_URL)"
SECRET=$(printf '{"username": "%s", "password": "%s", "engine": "postgres", "host": "127.0.0.1", "port": %s, "dbname": "%s"}' \
  "$DB_USER" "$DB_PASSWORD" "$NBAML_PG_PORT" "$DB_NAME")
aws secretsmanager create-secret --name "$SECRET_ID" --secret-string "$SECRET" >/dev/null 2>&1 \
  || aws secretsmanager put-secret-value --secret-id "$SECRET_ID" --secret-string "$SECRET" >/dev/null
aws s3api create-bucket --bucket "$BUCKET" >/dev/null 2>&1 || true

# The function's configuration, as template.yaml sets it in AWS.
export MODEL_URI=s3://$BUCKET/models/$MODEL_NAME/ MODEL_ALIAS=current DB_SECRET_ID=$SECRET_ID
export DB_SSLMODE=disable S3_FORCE_PATH_STYLE=true TIME_ZONE=America/New_York

echo "== Migrating, publishing $MODEL_DIR and promoting it to 'current'"
java -jar "$JAR" migrate
VERSION=$(basename "$MODEL_DIR")
java -jar "$JAR" publish --model "$MODEL_DIR" --to "s3://$BUCKET/models/"
java -jar "$JAR" promote --registry "s3://$BUCKET/models/" --name "$MODEL_NAME" --version "$VERSION"

