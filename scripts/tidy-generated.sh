#!/usr/bin/env bash
# clang-tidy over the generated repositories (generated/cpp) with the
# project's .clang-tidy, warnings as errors. Needs the build's
# compile_commands.json: scripts/tidy-generated.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
tidy=$(command -v clang-tidy || command -v clang-tidy-14 || true)
if [[ -z $tidy ]]; then
  echo "tidy-generated: clang-tidy is not installed (scripts/install-deps.sh installs it)" >&2
  exit 1
fi
# clang-tidy counts the warnings it suppressed in other people's headers on
# stderr ("N warnings generated."); that line is noise, the findings are not.
set +e
# The compile commands may come from GCC, whose flags clang does not all know.
ls generated/cpp/*.cpp | xargs -P 2 -n 1 "$tidy" -p "$build" --quiet --extra-arg=-Wno-unknown-warning-option 2>&1 | grep -v 'warnings generated\.$'
codes=("${PIPESTATUS[@]}")
set -e
status=${codes[1]}
if [[ $status -ne 0 ]]; then
  echo "tidy-generated: clang-tidy found problems in generated/cpp (see above); fix templates/cpp" >&2
  exit 1
fi
echo "tidy-generated: generated/cpp is clang-tidy clean"
