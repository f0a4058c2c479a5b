#!/usr/bin/env bash
# Runs target/ml-pipeline.jar for short commands (such as `invoke`) the way Lambda runs the function, and
# fast: C1 only and the serial collector (Lambda's own settings for a function of 1 vCPU or less), a small
# young generation (less memory touched), and an AppCDS archive of the classes a scoring run loads. The
# archive (target/ml-pipeline.jsa) is written by the first `invoke` after each build and mapped by every
# later command; about half the start-up time of a plain `java -jar` (see README, Performance).
# JAVA_OPTS are added last (they win), e.g. JAVA_OPTS="-XX:TieredStopAtLevel=4 -Xmx2g" for a long backfill.
#   bash src/local/ml-pipeline.sh invoke --event events/step-functions.json
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
JAR="$root/target/ml-pipeline.jar"
JSA="$root/target/ml-pipeline.jsa"
[ -f "$JAR" ] || { echo "ml-pipeline.sh: $JAR is missing: run mvn package" >&2; exit 2; }

opts=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmn8m -Xss512k -Xlog:disable -Xlog:all=error:stderr)
if [ -f "$JSA" ] && [ "$JSA" -nt "$JAR" ]; then
  opts+=(-XX:SharedArchiveFile="$JSA")
elif [ "${1:-}" = invoke ]; then
  rm -f "$JSA"
  opts+=(-XX:ArchiveClassesAtExit="$JSA")
fi
# shellcheck disable=SC2086
exec java "${opts[@]}" ${JAVA_OPTS:-} -jar "$JAR" "$@"
