#!/usr/bin/env bash
# Runs every test, from a fresh Debian machine: installs the dependencies,
# starts private PostgreSQL and MariaDB servers, builds with GCC and with
# Clang (Release, warnings as errors), builds and runs the consumer example
# three ways (scripts/consumer-test.sh), fuzzes each spec reader, and runs the
# whole suite under ctest (its summary is the last line).
#
#   scripts/test.sh            # everything
#   SCHEMAFORGE_FUZZ_SECONDS=0 scripts/test.sh   # skip the fuzzers (local loops)
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
# Start on a line of its own: a failure inside `eval "$(…)"` would not stop
# this script, and every database test would then fail for want of a DSN.
bash scripts/test-servers.sh start >/dev/null ||
  { echo "test.sh: the test servers did not start (see above); nothing was tested" >&2; exit 1; }
# The DSNs, as an export line; tests read them from the environment.
eval "$(bash scripts/test-servers.sh env)"
if [ "${CI:-}" = "true" ]; then trap 'bash scripts/test-servers.sh stop' EXIT; fi

# GCC, Release, our warnings as errors: the build the whole suite runs on.
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DSCHEMAFORGE_WERROR=ON >/dev/null
# generated/ is committed: check it before the build regenerates it.
cmake --build build -j2 --target schemaforge
build/generator/cli/schemaforge generate --spec spec --out generated --check
cmake --build build -j2

# Clang, Release, warnings as errors: everything but the benchmarks builds; a quick subset runs
# (the drivers, the queue conformance suite on every engine, the repositories,
# render and the differ).
cmake -S . -B build-clang -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Release -DSCHEMAFORGE_WERROR=ON \
  -DSCHEMAFORGE_GENERATE=OFF -DSCHEMAFORGE_BUILD_BENCH=OFF >/dev/null
cmake --build build-clang -j2
build-clang/tests/schemaforge_tests "[db],[conformance],[repository],[render],[diff],[drift]"

# A separate project using schemaforge: installed + find_package, FetchContent, .deb.
bash scripts/consumer-test.sh

if [ "${SCHEMAFORGE_FUZZ_SECONDS:-60}" != "0" ]; then
  bash scripts/fuzz.sh
fi

ctest --test-dir build -j2 --output-on-failure
