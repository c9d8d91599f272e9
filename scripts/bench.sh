#!/usr/bin/env bash
# Runs every benchmark under bench/ and prints their numbers. Benchmarks report;
# they never fail on a missed target (targets are printed beside the numbers).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j2 --target bench_ingest bench_render
build/bench/bench_ingest 1000
build/bench/bench_render 1000
