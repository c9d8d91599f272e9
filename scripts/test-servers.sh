#!/usr/bin/env bash
# Private PostgreSQL 15 and MariaDB 10.11 servers for the integration tests.
#
#   scripts/test-servers.sh start   # idempotent; waits until both answer, prints the DSNs
#   scripts/test-servers.sh env     # prints `export SCHEMAFORGE_TEST_PG_DSN=… SCHEMAFORGE_TEST_MYSQL_DSN=…`
#   scripts/test-servers.sh stop
#   scripts/test-servers.sh start postgres|mariadb               # one of them
#   scripts/test-servers.sh restart postgres|mariadb fast|immediate [DOWN_SECONDS]
#
# `restart` is for the fault tests (tests/unit/jobs/server_restart_test.cpp),
# which run their own pair under another SCHEMAFORGE_SERVERS_DIR and ports:
# fast is a clean shutdown (pg_ctl -m fast, mariadb-admin shutdown),
# immediate a crash (pg_ctl -m immediate, SIGKILL to mariadbd).
#
# Both listen on 127.0.0.1 only, on their own ports, with data directories under
# the build tree (SCHEMAFORGE_SERVERS_DIR, default build/test-servers), so they
# never touch a system cluster. Works as root (CI: servers run as the postgres /
# mysql system users) and as a normal user. The password is random per data
# directory and kept in a 0600 file there, so no secret is ever committed.
set -euo pipefail

root_dir=$(cd "$(dirname "$0")/.." && pwd)
state=${SCHEMAFORGE_SERVERS_DIR:-$root_dir/build/test-servers}
pg_port=${SCHEMAFORGE_PG_PORT:-54329}
my_port=${SCHEMAFORGE_MYSQL_PORT:-33069}
pg_bin=${SCHEMAFORGE_PG_BIN:-/usr/lib/postgresql/15/bin}
# Fast by default (nothing to keep after a test run); SCHEMAFORGE_SERVERS_DURABLE=1
# keeps every commit through a crash, for the fault tests that crash the server.
if [ "${SCHEMAFORGE_SERVERS_DURABLE:-0}" = 1 ]; then
  pg_durability="-c fsync=on -c synchronous_commit=on -c full_page_writes=on"
  my_flush=1
else
  pg_durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  my_flush=0
fi
db_user=schemaforge
db_name=schemaforge

pg_dir=$state/postgres
my_dir=$state/mariadb
secret_file=$state/password

is_root() { [ "$(id -u)" -eq 0 ]; }
log() { printf 'test-servers: %s\n' "$*" >&2; }

# Run a command as the server's system user when we are root (initdb and
# mariadbd refuse to run as root), as ourselves otherwise.
as_user() {
  local user=$1; shift
  if is_root; then runuser -u "$user" -- "$@"; else "$@"; fi
}

password() {
  if [ ! -s "$secret_file" ]; then
    mkdir -p "$state"
    (umask 077; head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$secret_file")
  fi
  cat "$secret_file"
}

wait_for() {
  local what=$1; shift
  for _ in $(seq 1 120); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  log "$what did not answer within 60 s"; return 1
}

pg_start() {
  mkdir -p "$pg_dir"
  is_root && chown postgres:postgres "$pg_dir"
  if [ ! -f "$pg_dir/data/PG_VERSION" ]; then
    log "initialising PostgreSQL in $pg_dir/data"
    local pwfile=$pg_dir/pwfile
    (umask 077; password > "$pwfile")
    is_root && chown postgres:postgres "$pwfile"
    as_user postgres "$pg_bin/initdb" -D "$pg_dir/data" -U "$db_user" --pwfile="$pwfile" \
      --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log" 2>&1 \
      || { cat "$pg_dir/initdb.log" >&2; return 1; }
    rm -f "$pwfile"
  fi
  if ! as_user postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" status >/dev/null 2>&1; then
    log "starting PostgreSQL on 127.0.0.1:$pg_port"
    as_user postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c max_connections=200 $pg_durability" \
      start >/dev/null || { tail -20 "$pg_dir/server.log" >&2; return 1; }
  fi
  wait_for PostgreSQL "$pg_bin/pg_isready" -h 127.0.0.1 -p "$pg_port"
  # The database the DSN names; others are created by tests as needed.
  local pw; pw=$(password)
  if ! PGPASSWORD=$pw psql -h 127.0.0.1 -p "$pg_port" -U "$db_user" -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname='$db_name'" | grep -q 1; then
    PGPASSWORD=$pw psql -h 127.0.0.1 -p "$pg_port" -U "$db_user" -d postgres -qc "CREATE DATABASE $db_name" >/dev/null
  fi
}

my_client() { mariadb --protocol=socket --socket="$my_dir/mysqld.sock" -uroot "$@"; }

my_start() {
  mkdir -p "$my_dir"
  is_root && chown mysql:mysql "$my_dir"
  if [ ! -d "$my_dir/data/mysql" ]; then
    log "initialising MariaDB in $my_dir/data"
    local user_opt=(); is_root && user_opt=(--user=mysql)
    mariadb-install-db "${user_opt[@]}" --datadir="$my_dir/data" --auth-root-authentication-method=normal \
      --skip-test-db >"$my_dir/install.log" 2>&1 || { cat "$my_dir/install.log" >&2; return 1; }
  fi
  if ! my_client -e 'SELECT 1' >/dev/null 2>&1; then
    log "starting MariaDB on 127.0.0.1:$my_port"
    local user_opt=(); is_root && user_opt=(--user=mysql)
    # --no-defaults: ignore /etc/mysql so a system configuration cannot leak in.
    nohup mariadbd --no-defaults "${user_opt[@]}" --datadir="$my_dir/data" --port="$my_port" \
      --bind-address=127.0.0.1 --socket="$my_dir/mysqld.sock" --pid-file="$my_dir/mysqld.pid" \
      --log-error="$my_dir/server.log" --innodb-buffer-pool-size=256M --innodb-flush-log-at-trx-commit=$my_flush \
      --max-connections=300 --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
      >/dev/null 2>&1 &
    wait_for MariaDB my_client -e 'SELECT 1' || { tail -20 "$my_dir/server.log" >&2; return 1; }
  fi
  local pw; pw=$(password)
  my_client <<SQL
CREATE USER IF NOT EXISTS '$db_user'@'127.0.0.1' IDENTIFIED BY '$pw';
CREATE USER IF NOT EXISTS '$db_user'@'localhost' IDENTIFIED BY '$pw';
GRANT ALL PRIVILEGES ON *.* TO '$db_user'@'127.0.0.1' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO '$db_user'@'localhost' WITH GRANT OPTION;
CREATE DATABASE IF NOT EXISTS $db_name;
SQL
}

print_env() {
  local pw; pw=$(password)
  echo "export SCHEMAFORGE_TEST_PG_DSN=postgresql://$db_user:$pw@127.0.0.1:$pg_port/$db_name SCHEMAFORGE_TEST_MYSQL_DSN=mysql://$db_user:$pw@127.0.0.1:$my_port/$db_name"
}

pg_stop() {
  as_user postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -m "$1" -w stop >/dev/null 2>&1 || true
}

my_stop() {
  if [ "$1" = immediate ]; then
    [ -f "$my_dir/mysqld.pid" ] && kill -9 "$(cat "$my_dir/mysqld.pid")" 2>/dev/null || true
    for _ in $(seq 1 100); do my_client -e 'SELECT 1' >/dev/null 2>&1 || break; sleep 0.1; done
    rm -f "$my_dir/mysqld.sock" "$my_dir/mysqld.pid"
  else
    mariadb-admin --protocol=socket --socket="$my_dir/mysqld.sock" -uroot shutdown >/dev/null 2>&1 || true
  fi
}

stop() {
  if [ -f "$pg_dir/data/PG_VERSION" ]; then
    as_user postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1 && log "PostgreSQL stopped" || true
  fi
  if [ -S "$my_dir/mysqld.sock" ]; then
    mariadb-admin --protocol=socket --socket="$my_dir/mysqld.sock" -uroot shutdown >/dev/null 2>&1 && log "MariaDB stopped" || true
  fi
}

case "${1:-}" in
  start)
    case "${2:-both}" in
      postgres) pg_start ;;
      mariadb) my_start ;;
      both) pg_start; my_start ;;
      *) echo "usage: $0 start [postgres|mariadb]" >&2; exit 2 ;;
    esac
    print_env ;;
  restart)
    case "${2:-}:${3:-}" in
      postgres:fast|postgres:immediate) pg_stop "$3"; sleep "${4:-0}"; pg_start ;;
      mariadb:fast|mariadb:immediate) my_stop "$3"; sleep "${4:-0}"; my_start ;;
      *) echo "usage: $0 restart postgres|mariadb fast|immediate [DOWN_SECONDS]" >&2; exit 2 ;;
    esac ;;
  env) print_env ;;
  stop) stop ;;
  *) echo "usage: $0 start [postgres|mariadb]|restart postgres|mariadb fast|immediate|stop|env" >&2; exit 2 ;;
esac
