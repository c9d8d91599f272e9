#!/usr/bin/env bash
# Runs every benchmark under bench/ and prints their numbers. Benchmarks report;
# they never fail on a missed target (targets are printed beside the numbers).
# The peers (dbmate, @pgkit/migra) come from npm when it is reachable.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
eval "$(bash scripts/test-servers.sh start)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j2 --target bench_ingest bench_render bench_migrate bench_drift bench_scale bench_repository bench_worker bench_soak

tools=build/bench-tools
dbmate="" migra=""
if command -v npm >/dev/null 2>&1; then
  mkdir -p "$tools"
  (cd "$tools" && npm install --no-audit --no-fund --silent dbmate @pgkit/migra graphile-worker@0.17 pg-boss@10 >/dev/null 2>&1) || true
  cp bench/peers/*.mjs "$tools/"   # beside node_modules, where their imports resolve
  [ -x "$tools/node_modules/.bin/dbmate" ] && dbmate="$tools/node_modules/.bin/dbmate"
  [ -x "$tools/node_modules/.bin/migra" ] && migra="$tools/node_modules/.bin/migra"
fi

build/bench/bench_ingest 1000
build/bench/bench_render 1000
build/bench/bench_migrate 200 $dbmate
build/bench/bench_drift 1000 $migra
# Growth with the schema (issue 20, item 6): 1,000 and 10,000 tables, three
# runs for the spread. SQLite's and MariaDB's own DDL of 10,000 tables takes
# minutes to build (untimed); SCHEMAFORGE_SCALE_ENGINES narrows the drift engines.
for run in 1 2 3; do
  build/bench/bench_scale 1000 10000 --engines "${SCHEMAFORGE_SCALE_ENGINES:-sqlite,postgres,mysql}"
done
build/bench/bench_repository 5000
if [ -d "$tools/node_modules/graphile-worker" ] && [ -d "$tools/node_modules/pg-boss" ]; then
  build/bench/bench_worker 5000 "$(command -v node)" "$tools"
else
  build/bench/bench_worker 5000
fi

# The soak (docs/benchmarks.md, "Soak"): 30 minutes unless SCHEMAFORGE_SOAK_MINUTES
# says otherwise (0 skips it). It restarts the test servers once each.
soak_minutes="${SCHEMAFORGE_SOAK_MINUTES:-30}"
if [ "$soak_minutes" -gt 0 ]; then
  build/bench/bench_soak "$soak_minutes"
fi
