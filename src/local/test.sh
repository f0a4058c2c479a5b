#!/usr/bin/env bash
# The tests: unit tests, then integration tests against real PostgreSQL and the moto_server
# S3 + Secrets Manager emulator, both started here if needed (and Chromium installed, which the
# monitoring report test uses). Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/../.."
. src/local/services.sh
nbaml_ensure_chromium
exec mvn -B -ntp verify "$@"
