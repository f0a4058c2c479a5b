#!/usr/bin/env bash
# Stops what src/local/services.sh started, and only that: the moto_server it started, and the
# PostgreSQL cluster if services.sh had to start it (a cluster that was already running is left
# running). Other sessions may be using them: stop them when you are done.
#   bash src/local/stop.sh
set -euo pipefail
state=${NBAML_STATE_DIR:-${TMPDIR:-/tmp}/nbaml-services}
stopped=0

for pidfile in "$state"/moto_server.*.pid; do
  [ -f "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null && grep -q moto_server "/proc/$pid/cmdline" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    echo "stop.sh: stopped moto_server (pid $pid)"
    stopped=1
  fi
  rm -f "$pidfile"
done

if [ -f "$state/postgres.cluster" ]; then
  read -r version cluster <"$state/postgres.cluster"
  pg_ctlcluster "$version" "$cluster" stop
  echo "stop.sh: stopped PostgreSQL $version/$cluster"
  rm -f "$state/postgres.cluster"
  stopped=1
fi

[ "$stopped" = 1 ] || echo "stop.sh: nothing to stop (services.sh started nothing that is still running)"
