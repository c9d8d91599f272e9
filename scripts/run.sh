#!/usr/bin/env bash
# The main job, from a fresh Debian machine: install dependencies, build
# schemaforge, then read and validate the project's specs (spec/) and print a
# summary of the model.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j2 --target schemaforge

echo "== schemaforge check --spec spec"
build/generator/cli/schemaforge check --spec spec
