#!/usr/bin/env bash
# Installs everything schemaforge needs to build, test and benchmark on Debian 12.
# Idempotent: packages already present are skipped by apt, and the whole step is
# skipped when every package is installed already (fast re-runs in CI and dev).
set -euo pipefail

packages=(
  build-essential cmake pkg-config git ca-certificates
  clang libclang-rt-14-dev            # libFuzzer + sanitizers for the fuzz targets
  clang-tidy                          # generated/cpp is held to .clang-tidy (scripts/tidy-generated.sh)
  nlohmann-json3-dev libyaml-cpp-dev libpqxx-dev libmysqlcppconn-dev libsqlite3-dev
  catch2 libkainjow-mustache-dev libmd4c-dev libmd4c-html0-dev libcli11-dev libfmt-dev
  libssl-dev                          # SHA-256 for content hashes and migration sums
  postgresql-15 postgresql-client-15 mariadb-server mariadb-client sqlite3
  graphviz                            # optional: erd.svg from the generated Mermaid/dot
  dpkg-dev debootstrap                # the .deb (CPack) and a clean Debian to install it on (scripts/consumer-test.sh)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
# The Debian postgres/mariadb packages try to start a cluster/service on install;
# in containers without systemd that fails harmlessly, and we run our own servers.
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
