#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) in build-fuzz/ and runs
# each reader's fuzzer for SCHEMAFORGE_FUZZ_SECONDS (default 60) from the seeds.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${SCHEMAFORGE_FUZZ_SECONDS:-60}
cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DSCHEMAFORGE_FUZZ=ON -DSCHEMAFORGE_FUZZ_SECONDS="$seconds" >/dev/null
cmake --build build-fuzz -j2
ctest --test-dir build-fuzz -L fuzz -j2 --output-on-failure
