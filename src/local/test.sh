#!/usr/bin/env bash
# The tests: unit tests, then integration tests against real PostgreSQL and the moto_server
# S3 + Secrets Manager emulator, both started here if needed. Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/../.."
. src/local/services.sh
exec mvn -B -ntp verify "$@"
