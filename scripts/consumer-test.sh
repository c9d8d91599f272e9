#!/usr/bin/env bash
# A consumer's road into schemaforge, as CI proves it (issue 18): the
# separate project in examples/consumer/ is built three ways and each build
# migrates fresh SQLite, PostgreSQL and MariaDB databases, runs its worker
# until its jobs are done and checks drift (examples/consumer/run.sh):
#   1. against schemaforge installed to a temporary prefix, found with
#      find_package (GCC, Release);
#   2. with schemaforge fetched by FetchContent from this checkout (Clang,
#      Release): our tests, benchmarks and warning flags must stay out;
#   3. against the .deb that CPack makes, installed with apt on a clean
#      Debian 12 made by debootstrap (minbase), where the example is built
#      with the package alone and run (in a chroot: same network, so the test
#      servers are reachable).
#
# Needs the Release build in build/ (scripts/test.sh makes it) and the test
# servers' DSNs in SCHEMAFORGE_TEST_PG_DSN / SCHEMAFORGE_TEST_MYSQL_DSN.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$(mktemp -d /tmp/sf-consumer.XXXXXX)
sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo
root_files=""
cleanup() {
  # The clean Debian is root's (debootstrap), with /proc mounted in it.
  if [ -n "$root_files" ]; then
    $sudo umount "$work/clean-debian/proc" 2>/dev/null || true
    $sudo rm -rf --one-file-system "$work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

: "${SCHEMAFORGE_TEST_PG_DSN:?start the servers first: eval \"\$(scripts/test-servers.sh env)\"}"
: "${SCHEMAFORGE_TEST_MYSQL_DSN:?start the servers first}"

# Empty databases named $1 on both servers; prints the three DSNs to use.
fresh_databases() {
  local name=$1 my=${SCHEMAFORGE_TEST_MYSQL_DSN#mysql://}
  psql -q "$SCHEMAFORGE_TEST_PG_DSN" -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null
  local user=${my%%:*} rest=${my#*:}
  local password=${rest%%@*} hostport=${rest#*@}
  hostport=${hostport%%/*}
  MYSQL_PWD=$password mysql -h "${hostport%:*}" -P "${hostport#*:}" -u "$user" \
    -e "DROP DATABASE IF EXISTS $name; CREATE DATABASE $name"
  echo "sqlite:$work/$name.db ${SCHEMAFORGE_TEST_PG_DSN%/*}/$name ${SCHEMAFORGE_TEST_MYSQL_DSN%/*}/$name"
}

# The example is copied out, so nothing is written into this checkout.
src=$work/consumer
cp -r examples/consumer "$src"

# Builds the example into $1 with the remaining cmake arguments, then runs it
# with the schemaforge program $2 on fresh databases named $3.
build_and_run() {
  local dir=$1 program=$2 dbname=$3
  shift 3
  echo "consumer-test: building examples/consumer in $dir ($*)"
  cmake -S "$src" -B "$dir" -DCMAKE_BUILD_TYPE=Release "$@" >"$dir.configure.log" ||
    { cat "$dir.configure.log"; return 1; }
  cmake --build "$dir" -j2 >"$dir.build.log" 2>&1 || { tail -50 "$dir.build.log"; return 1; }
  # shellcheck disable=SC2046  # three DSNs, split on purpose
  bash "$src/run.sh" "$program" "$dir/deliveries-worker" $(fresh_databases "$dbname")
}

# The build step regenerates when a spec changes and only then, and a header
# whose bytes did not change keeps its timestamp (so its includers do not rebuild).
check_regeneration() {
  local dir=$1 header
  header=$(find "$dir" -path '*schemaforge/cpp/mailboxes.hpp')
  local out
  out=$(cmake --build "$dir" -j2)  # whole, not piped: grep -q would cut the build short
  if grep -q "schemaforge: repositories" <<<"$out"; then
    echo "consumer-test: a build with nothing changed regenerated the repositories" >&2
    return 1
  fi
  local before
  before=$(stat -c %Y.%y "$header")
  sleep 1
  touch "$src/spec/mailboxes.md"
  out=$(cmake --build "$dir" -j2)
  if ! grep -q "schemaforge: repositories" <<<"$out"; then
    echo "consumer-test: a changed spec did not regenerate the repositories" >&2
    return 1
  fi
  if [ "$(stat -c %Y.%y "$header")" != "$before" ]; then
    echo "consumer-test: regeneration rewrote an unchanged header ($header)" >&2
    return 1
  fi
  echo "consumer-test: regenerates on a spec change only; unchanged headers keep their timestamps"
}

echo "consumer-test: 1. cmake --install to a temporary prefix, find_package, GCC"
cmake --install build --prefix "$work/prefix" >/dev/null
test -x "$work/prefix/bin/schemaforge" -a -x "$work/prefix/bin/schemaforge-worker"
"$work/prefix/bin/schemaforge" --version
build_and_run "$work/installed" "$work/prefix/bin/schemaforge" sf_consumer_installed \
  -DCMAKE_CXX_COMPILER=g++ -DCMAKE_PREFIX_PATH="$work/prefix"
check_regeneration "$work/installed"

echo "consumer-test: 2. FetchContent of this checkout, Clang"
build_and_run "$work/fetched" "$work/fetched/_deps/schemaforge-build/generator/cli/schemaforge" sf_consumer_fetched \
  -DCMAKE_CXX_COMPILER=clang++ -DSCHEMAFORGE_SOURCE_DIR="$root"
# Our tests, benchmarks and fuzzers are not part of a consumer's build.
if find "$work/fetched/_deps" -name 'schemaforge_tests' -o -name 'bench_*' -type f | grep -q .; then
  echo "consumer-test: FetchContent built schemaforge's tests or benchmarks" >&2
  exit 1
fi

echo "consumer-test: 3. the .deb, installed with apt on a clean Debian (debootstrap) and used there"
(cd build && cpack -G DEB >/dev/null)
deb=$(ls build/schemaforge_*.deb)
dpkg-deb --info "$deb" | grep -E "Package|Version|Depends"
clean=$work/clean-debian
mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
root_files=yes
$sudo debootstrap --variant=minbase bookworm "$clean" "${mirror:-http://deb.debian.org/debian}" >"$work/debootstrap.log" 2>&1 ||
  { tail -20 "$work/debootstrap.log"; exit 1; }
# A real system has /proc (an installed schemaforge finds its templates through /proc/self/exe).
$sudo mount -t proc proc "$clean/proc"
$sudo cp "$deb" "$clean/tmp/schemaforge.deb"
$sudo cp /etc/resolv.conf "$clean/etc/resolv.conf"
$sudo cp -r "$src" "$clean/consumer"
in_clean() { $sudo chroot "$clean" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root "$@"; }
# The package brings its own dependencies; a compiler and make are the consumer's.
in_clean sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  /tmp/schemaforge.deb g++ make' >"$work/clean-install.log" 2>&1 || { tail -30 "$work/clean-install.log"; exit 1; }
in_clean schemaforge --version
in_clean sh -c 'cd /consumer && cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null && cmake --build build -j2 >/dev/null'
# The chroot shares this machine's network: the test servers are reachable.
read -r _ pg my <<<"$(fresh_databases sf_consumer_packaged)"
in_clean bash /consumer/run.sh schemaforge /consumer/build/deliveries-worker sqlite:/tmp/deliveries.db "$pg" "$my"

echo "consumer-test: the example built and ran against the installed package, FetchContent and the .deb"
