#!/usr/bin/env bash
# The example end to end, as its own CI would run it, on each database given:
# apply the committed migrations, enqueue 30 deliveries, let the worker send
# them all (it exits 1 unless every one is delivered and counted once), then
# require that the database has not drifted from the specs.
#
#   examples/consumer/run.sh <schemaforge program> <deliveries-worker> <dsn>...
#
# Each DSN must name an empty database (a SQLite file that does not exist yet
# is created).
set -euo pipefail
cd "$(dirname "$0")"
if [ $# -lt 3 ]; then
  echo "usage: $0 <schemaforge> <deliveries-worker> <dsn>..." >&2
  exit 2
fi
schemaforge=$1 worker=$2
shift 2
for dsn in "$@"; do
  # The DSN goes through the environment, so no password reaches `ps` or this log.
  export SCHEMAFORGE_DSN=$dsn
  "$schemaforge" migrate up
  "$worker" --enqueue 30
  "$schemaforge" drift
  "$schemaforge" migrate status
done
echo "consumer example: every database migrated, worked off and drift-free"
