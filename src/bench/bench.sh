#!/usr/bin/env bash
# Performance benchmark: whole cold runs in fresh JVMs, warm runs in one JVM, backfills of 100,000 and
# 1,000,000 generated rows next to a plain COPY of the same rows, and the jar's size, against the local
# PostgreSQL and moto_server. Prints a Markdown table and writes it to target/bench/results.md.
# RUNS (cold, default 10), WARM_RUNS (default 300) and BACKFILL_ROWS (default "100000 1000000") may be set.
set -euo pipefail
cd "$(dirname "$0")/../.."
GAMES_SQL=src/bench/games-15.sql
. src/local/setup.sh
command -v /usr/bin/time >/dev/null 2>&1 || { apt-get install -y -qq time >/dev/null; }

RUNS=${RUNS:-10}
WARM_RUNS=${WARM_RUNS:-300}
OUT=target/bench
mkdir -p "$OUT"
EVENT="$OUT/event.json"
printf '{"run_date": "%s"}\n' "$RUN_DATE" >"$EVENT"

cold() { # label, the command that runs the jar (java [options] -jar JAR, or the launcher)
  local label=$1; shift
  : >"$OUT/cold-$label.txt"
  for _ in $(seq 1 "$RUNS"); do
    /usr/bin/time -f "%e %M" -o "$OUT/time.txt" "$@" invoke --event "$EVENT" >"$OUT/summary.json" 2>/dev/null
    grep -q '"games_scored" : 15' "$OUT/summary.json" || { echo "bench: a cold run did not score 15 games" >&2; cat "$OUT/summary.json" >&2; exit 1; }
    cat "$OUT/time.txt" >>"$OUT/cold-$label.txt"
  done
}

echo "== Cold: $RUNS whole runs in fresh JVMs (secret, model download, read 15, score, upsert, monitoring)"
cold default java -jar "$JAR"
cold c1 java -XX:TieredStopAtLevel=1 -jar "$JAR"
# The launcher, as a user runs it: its first invoke after the build writes the AppCDS archive.
rm -f target/ml-pipeline.jsa
bash src/local/ml-pipeline.sh invoke --event "$EVENT" >/dev/null 2>&1
cold cds bash src/local/ml-pipeline.sh
echo "== Warm: $WARM_RUNS runs in one JVM"
java -jar "$JAR" invoke --event "$EVENT" --repeat "$WARM_RUNS" 2>/dev/null >"$OUT/warm.jsonl"

psql_bench() {
  PGOPTIONS="-c client_min_messages=warning" PGPASSWORD=$DB_PASSWORD psql -qAtX -v ON_ERROR_STOP=1 \
    -h 127.0.0.1 -p "$NBAML_PG_PORT" -U "$DB_USER" -d "$DB_NAME" "$@"
}
now() { date +%s.%N; }
PRED_COLUMNS=$(psql_bench -c "SELECT string_agg(column_name, ', ' ORDER BY ordinal_position) FROM information_schema.columns
  WHERE table_schema = 'gold' AND table_name = 'ml_game_predictions' AND column_name NOT IN ('created_at', 'modified_at')")
: >"$OUT/backfill.txt"
for rows in ${BACKFILL_ROWS:-100000 1000000}; do
  echo "== Backfill of $rows rows, and a plain COPY of them"
  psql_bench -v rows="$rows" -f src/bench/history.sql
  psql_bench -c "TRUNCATE gold.ml_game_predictions; DELETE FROM ml_pipeline.backfill_progress"
  last=$(psql_bench -c "SELECT max(game_date) FROM silver.bench_history")
  printf '{"backfill": {"from": "2000-01-01", "to": "%s"}}\n' "$last" >"$OUT/backfill.json"
  # A 256 MB heap: memory that stays flat as rows grow, whatever the GC would otherwise take.
  HISTORY_TABLE=silver.bench_history /usr/bin/time -f "%e %M" -o "$OUT/time.txt" \
    java -Xmx256m -jar "$JAR" invoke --event "$OUT/backfill.json" >"$OUT/backfill-summary.json" 2>/dev/null
  scored=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['games_scored'])" "$OUT/backfill-summary.json")
  [ "$scored" = "$rows" ] || { echo "bench: the backfill scored $scored of $rows rows" >&2; exit 1; }
  psql_bench -c "\\copy (SELECT * FROM silver.bench_history) TO '$OUT/history.csv' CSV"
  psql_bench -c "DROP TABLE IF EXISTS silver.bench_copy; CREATE TABLE silver.bench_copy (LIKE silver.bench_history)"
  start=$(now)
  psql_bench -c "\\copy silver.bench_copy FROM '$OUT/history.csv' CSV"
  copy_s=$(python3 -c "print($(now) - $start)")
  # The table's own limit: a COPY of the backfill's output rows straight into the (emptied) predictions
  # table with its unique key and date index, no upsert, nothing read or scored.
  psql_bench -c "\\copy (SELECT $PRED_COLUMNS FROM gold.ml_game_predictions) TO '$OUT/predictions.csv' CSV"
  psql_bench -c "TRUNCATE gold.ml_game_predictions"
  start=$(now)
  psql_bench -c "\\copy gold.ml_game_predictions ($PRED_COLUMNS) FROM '$OUT/predictions.csv' CSV"
  table_s=$(python3 -c "print($(now) - $start)")
  echo "$rows $(cat "$OUT/time.txt") $copy_s $table_s" >>"$OUT/backfill.txt"
done
psql_bench -c "TRUNCATE gold.ml_game_predictions; DROP TABLE IF EXISTS silver.bench_history, silver.bench_copy"
rm -f "$OUT/history.csv" "$OUT/predictions.csv"

python3 - "$OUT" "$JAR" "$RUNS" "$WARM_RUNS" <<'PY' | tee "$OUT/results.md"
import json, os, statistics, sys
out, jar, runs, warm_runs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
def cold(label):
    rows = [line.split() for line in open(f"{out}/cold-{label}.txt") if line.strip()]
    wall = sorted(float(r[0]) for r in rows)
    rss = sorted(int(r[1]) / 1024 for r in rows)
    return statistics.median(wall), wall[0], wall[-1], statistics.median(rss), rss[-1]
lines = [json.loads(l) for l in open(f"{out}/warm.jsonl") if l.startswith("{")]
warm = lines[min(50, len(lines) // 2):]  # after the JIT has warmed up
def med(key): return statistics.median(l["timings"][key] for l in warm)
def p95(key):
    v = sorted(l["timings"][key] for l in warm); return v[int(0.95 * (len(v) - 1))]
print(f"Machine: {os.cpu_count()} cores, Java {os.popen('java -version 2>&1').read().splitlines()[0]}")
print()
print("| measurement | result | target |")
print("|---|---|---|")
for label, name in (("default", "cold full run, `java -jar`, JDK defaults"), ("c1", "cold full run, `java -jar`, -XX:TieredStopAtLevel=1"),
                    ("cds", "cold full run, `src/local/ml-pipeline.sh` (AppCDS, C1, serial GC, -Xmn8m)")):
    m, lo, hi, rss, rss_max = cold(label)
    print(f"| {name} ({runs} runs) | median {m:.2f} s (min {lo:.2f}, max {hi:.2f}); peak RSS median {rss:.0f} MiB (max {rss_max:.0f}) | < 0.5 s; < 88 MiB (half the Python job's 176) |")
print(f"| warm run, the product's own time ({len(warm)} runs) | median {med('own_ms'):.2f} ms (p95 {p95('own_ms'):.2f}) | < 5 ms |")
print(f"| warm run, database time (read + write + monitoring) | median {med('read_ms') + med('write_ms') + med('monitor_ms'):.2f} ms (read {med('read_ms'):.2f}, write {med('write_ms'):.2f}, monitoring {med('monitor_ms'):.2f}) | |")
print(f"| warm run, model check (conditional GET, in parallel with the reads) | median {med('model_ms'):.2f} ms | |")
print(f"| warm run, total | median {med('total_ms'):.2f} ms | |")
for line in open(f"{out}/backfill.txt"):
    rows, wall, rss, copy_s, table_s = line.split()
    rows, wall, rss, copy_s, table_s = int(rows), float(wall), int(rss) / 1024, float(copy_s), float(table_s)
    rate, copy_rate, table_rate = rows / wall, rows / copy_s, rows / table_s
    print(f"| backfill of {rows:,} rows (whole process, read + score + upsert) | {rate:,.0f} rows/s ({wall:.1f} s), peak RSS {rss:.0f} MiB; plain COPY of the same rows {copy_rate:,.0f} rows/s: {100 * rate / copy_rate:.0f}%; COPY straight into the predictions table (its indexes, no upsert) {table_rate:,.0f} rows/s: {100 * rate / table_rate:.0f}% | >= 60% of COPY; flat memory |")
print(f"| jar size | {os.path.getsize(jar) / 1e6:.1f} MB | < 20 MB |")
PY
