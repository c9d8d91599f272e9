#!/usr/bin/env bash
# The main job, from a fresh Debian machine: install dependencies, build
# schemaforge, read and validate the project's specs (spec/), print a summary
# of the model, generate DDL, views, schema.json, docs and C++ repositories
# into generated/, migrate the embedded SQLite database (build/schemaforge.db)
# up, then enqueue sample jobs and run the worker until they are done.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j2 --target schemaforge schemaforge-worker

echo "== schemaforge check --spec spec"
build/generator/cli/schemaforge check --spec spec
echo "== schemaforge generate --spec spec --out generated"
build/generator/cli/schemaforge generate --spec spec --out generated
echo "== schemaforge migrate up --dir migrations --dsn sqlite:build/schemaforge.db"
build/generator/cli/schemaforge migrate up --dir migrations --dsn sqlite:build/schemaforge.db
build/generator/cli/schemaforge migrate status --dir migrations --dsn sqlite:build/schemaforge.db
echo "== schemaforge-worker --dsn sqlite:build/schemaforge.db --enqueue-samples 200 --until-idle"
build/runtime/worker/schemaforge-worker --dsn sqlite:build/schemaforge.db --tables jobs,deletion_jobs,rewrap_jobs,pq_migration_jobs \
  --kms-key-file build/local-kms.json --enqueue-samples 200 --until-idle
