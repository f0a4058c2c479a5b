# Starts what the product needs on this machine and exports how to reach it. Source it:
#   . src/local/services.sh
# - PostgreSQL: the installed cluster (started if stopped, as root), with an admin role that has a
#   password (TCP logins use scram-sha-256), for tests to create their own databases and roles.
# - moto_server: a real S3 + Secrets Manager emulator on 127.0.0.1:${MOTO_PORT:-5000}.
# What it starts itself (not what was already running) is recorded in $NBAML_STATE_DIR, and
# src/local/stop.sh stops exactly that. Nothing here is used in AWS: it is local tooling only.

NBAML_PG_PORT=${NBAML_PG_PORT:-5432}
MOTO_PORT=${MOTO_PORT:-5000}
NBAML_ADMIN_USER=${NBAML_ADMIN_USER:-nbaml_admin}
NBAML_ADMIN_PASSWORD=${NBAML_ADMIN_PASSWORD:-nbaml-local-admin}
NBAML_STATE_DIR=${NBAML_STATE_DIR:-${TMPDIR:-/tmp}/nbaml-services}

nbaml_die() { echo "services.sh: $*" >&2; return 1; }

nbaml_psql_admin() {
  # Runs SQL as the postgres superuser through the local socket (peer authentication).
  if [ "$(id -u)" = 0 ]; then
    su postgres -c "psql -v ON_ERROR_STOP=1 -qAt -p $NBAML_PG_PORT" 
  else
    sudo -u postgres psql -v ON_ERROR_STOP=1 -qAt -p "$NBAML_PG_PORT"
  fi
}

nbaml_start_postgres() {
  if pg_isready -q -h 127.0.0.1 -p "$NBAML_PG_PORT" 2>/dev/null; then
    :
  elif command -v pg_ctlcluster >/dev/null 2>&1; then
    local version
    version=$(pg_lsclusters -h 2>/dev/null | awk -v p="$NBAML_PG_PORT" '$3 == p {print $1; exit}')
    [ -n "$version" ] || nbaml_die "no PostgreSQL cluster on port $NBAML_PG_PORT (pg_lsclusters)" || return 1
    pg_ctlcluster "$version" main start || nbaml_die "cannot start PostgreSQL $version (run as root)" || return 1
    mkdir -p "$NBAML_STATE_DIR" && echo "$version main" >"$NBAML_STATE_DIR/postgres.cluster"
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p "$NBAML_PG_PORT" && break; sleep 0.5; done
  else
    nbaml_die "PostgreSQL is not installed: apt-get install -y postgresql" || return 1
  fi
  nbaml_psql_admin <<SQL || return 1
SET client_min_messages = warning;
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$NBAML_ADMIN_USER') THEN
    CREATE ROLE $NBAML_ADMIN_USER LOGIN CREATEDB CREATEROLE PASSWORD '$NBAML_ADMIN_PASSWORD';
  ELSE
    ALTER ROLE $NBAML_ADMIN_USER LOGIN CREATEDB CREATEROLE PASSWORD '$NBAML_ADMIN_PASSWORD';
  END IF;
END \$\$;
-- Tests drop their databases with (FORCE), which ends the sessions still open in them.
GRANT pg_signal_backend TO $NBAML_ADMIN_USER;
SQL
  export NBAML_TEST_PG_HOST=127.0.0.1 NBAML_TEST_PG_PORT=$NBAML_PG_PORT
  export NBAML_TEST_PG_USER=$NBAML_ADMIN_USER NBAML_TEST_PG_PASSWORD=$NBAML_ADMIN_PASSWORD
}

nbaml_start_moto() {
  export AWS_ENDPOINT_URL=http://127.0.0.1:$MOTO_PORT
  export AWS_REGION=${AWS_REGION:-us-east-1} AWS_DEFAULT_REGION=${AWS_REGION:-us-east-1}
  export AWS_ACCESS_KEY_ID=${AWS_ACCESS_KEY_ID:-test} AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY:-test}
  if curl -fs -o /dev/null "$AWS_ENDPOINT_URL/moto-api/"; then
    return 0
  fi
  command -v moto_server >/dev/null 2>&1 || nbaml_die "moto_server is not installed (pip install 'moto[server]')" || return 1
  nohup moto_server -H 127.0.0.1 -p "$MOTO_PORT" >"${TMPDIR:-/tmp}/moto_server.log" 2>&1 &
  mkdir -p "$NBAML_STATE_DIR" && echo $! >"$NBAML_STATE_DIR/moto_server.$MOTO_PORT.pid"
  for _ in $(seq 1 40); do
    curl -fs -o /dev/null "$AWS_ENDPOINT_URL/moto-api/" && return 0
    sleep 0.25
  done
  nbaml_die "moto_server did not start; see ${TMPDIR:-/tmp}/moto_server.log"
}

nbaml_ensure_chromium() {
  # The report test looks at the monitoring page in headless Chromium (Debian's package).
  command -v chromium >/dev/null 2>&1 && return 0
  [ "$(id -u)" = 0 ] || nbaml_die "Chromium is missing: sudo apt-get install chromium" || return 1
  echo "services.sh: installing Chromium (Debian's package) for the report test" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
}

nbaml_start_postgres && nbaml_start_moto
