#!/usr/bin/env bash
# Starts (or stops) the PostgreSQL server the records tests run against and
# writes its URL to build/pg-test-url, where the tests read it
# (tests/unit/db_test_util.h; $SAQR_TEST_PG_URL overrides the file).
#   pg-test-server.sh start   - idempotent; prints the URL
#   pg-test-server.sh stop    - stops what `start` started; removes the file
#   pg-test-server.sh url     - prints the URL of a started server
#
# As root, or with passwordless sudo: the Debian `postgresql` package's
# cluster (the newest under /usr/lib/postgresql/*; created with
# pg_createcluster when missing) is started, and the role and database
# saqr_test (password saqr_test) are created in it when missing.  Otherwise
# (a developer without sudo): a private cluster in build/pg-data, owned by
# the current user, on a free port of 127.0.0.1 with its socket in
# build/pg-sock.  Either way the URL is
#   postgres://saqr_test:saqr_test@127.0.0.1:PORT/saqr_test
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
url_file=build/pg-test-url
mode=${1:-start}
mkdir -p build

die() { echo "pg-test-server: $*" >&2; exit 1; }

pg_bin() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$d" ] && [ -x "$d/postgres" ] || die "no PostgreSQL server under /usr/lib/postgresql (run tools/install-deps.sh)"
  echo "$d"
}

# How to run a command as the postgres OS user: "runuser", "sudo" or "".
as_postgres_via() {
  id postgres >/dev/null 2>&1 || { echo ""; return; }
  if [ "$(id -u)" -eq 0 ]; then echo runuser
  elif command -v sudo >/dev/null 2>&1 && sudo -n -u postgres true 2>/dev/null && sudo -n true 2>/dev/null; then echo sudo
  else echo ""; fi
}

as_postgres() {
  case "$via" in
    runuser) runuser -u postgres -- "$@" ;;
    sudo) sudo -n -u postgres "$@" ;;
  esac
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi
}

check_url() {
  local u=$1 i
  for i in $(seq 1 50); do
    "$bin/psql" "$u" -XtAqc 'SELECT 1' >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  "$bin/psql" "$u" -XtAqc 'SELECT 1' >&2 || die "the server does not answer at ${u/:saqr_test@/@}"
}

# --------------------------------------------------------- system cluster
start_system() {
  local ver port
  ver=$(basename "$(dirname "$bin")")
  command -v pg_lsclusters >/dev/null || die "postgresql-common (pg_lsclusters) is missing"
  if ! pg_lsclusters -h | awk -v v="$ver" '$1 == v && $2 == "main" { f = 1 } END { exit !f }'; then
    echo "pg-test-server: creating cluster $ver/main" >&2
    as_root pg_createcluster "$ver" main >&2
  fi
  if ! pg_lsclusters -h | awk -v v="$ver" '$1 == v && $2 == "main" && $4 == "online" { f = 1 } END { exit !f }'; then
    as_root pg_ctlcluster "$ver" main start >&2
  fi
  port=$(pg_lsclusters -h | awk -v v="$ver" '$1 == v && $2 == "main" { print $3 }')
  local psql=("$bin/psql" -X -q -v ON_ERROR_STOP=1 -p "$port" -d postgres)
  local i
  for i in $(seq 1 50); do as_postgres "${psql[@]}" -tAc 'SELECT 1' >/dev/null 2>&1 && break; sleep 0.2; done
  as_postgres "${psql[@]}" >&2 -c "DO \$\$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'saqr_test') THEN
        CREATE ROLE saqr_test LOGIN PASSWORD 'saqr_test';
      END IF; END \$\$;"
  if [ "$(as_postgres "${psql[@]}" -tAc "SELECT 1 FROM pg_catalog.pg_database WHERE datname = 'saqr_test'")" != 1 ]; then
    as_postgres "${psql[@]}" -c 'CREATE DATABASE saqr_test OWNER saqr_test' >&2
  fi
  echo "postgres://saqr_test:saqr_test@127.0.0.1:$port/saqr_test"
}

stop_system() {
  local ver
  ver=$(basename "$(dirname "$bin")")
  if pg_lsclusters -h 2>/dev/null | awk -v v="$ver" '$1 == v && $2 == "main" && $4 == "online" { f = 1 } END { exit !f }'; then
    as_root pg_ctlcluster "$ver" main stop
  fi
}

# -------------------------------------------------------- private cluster
data=build/pg-data
sock=$root/build/pg-sock

private_port() { sed -n 4p "$data/postmaster.pid" 2>/dev/null || true; }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_private() {
  [ "$(id -u)" -ne 0 ] || die "as root, use the system cluster (install the postgresql package)"
  mkdir -p "$sock"
  if [ ! -f "$data/PG_VERSION" ]; then
    rm -rf "$data"
    local pw
    pw=build/pg-pwfile.$$
    (umask 077 && echo saqr_test >"$pw")
    "$bin/initdb" -D "$data" -U saqr_test --pwfile="$pw" -A scram-sha-256 --auth-local=trust -E UTF8 --locale=C \
      >build/pg-initdb.log 2>&1 || { rm -f "$pw"; cat build/pg-initdb.log >&2; die "initdb failed"; }
    rm -f "$pw"
  fi
  local port
  if ! "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    port=54329
    while ! port_free "$port"; do
      port=$((port + 1))
      [ "$port" -lt 54400 ] || die "no free port in 54329-54399"
    done
    "$bin/pg_ctl" -D "$data" -l build/pg-data.log -w -t 30 \
      -o "-p $port -k $sock -c listen_addresses=127.0.0.1" start >/dev/null ||
      { tail -n 20 build/pg-data.log >&2; die "the private cluster did not start"; }
  fi
  port=$(private_port)
  if [ "$("$bin/psql" -X -h "$sock" -p "$port" -U saqr_test -d postgres -tAc \
      "SELECT 1 FROM pg_catalog.pg_database WHERE datname = 'saqr_test'")" != 1 ]; then
    "$bin/psql" -X -q -h "$sock" -p "$port" -U saqr_test -d postgres -c 'CREATE DATABASE saqr_test' >&2
  fi
  echo "postgres://saqr_test:saqr_test@127.0.0.1:$port/saqr_test"
}

bin=$(pg_bin)
case "$mode" in
  start)
    if [ -n "${SAQR_TEST_PG_URL:-}" ]; then
      url=$SAQR_TEST_PG_URL
    elif [ -f "$data/PG_VERSION" ] && [ "$(id -u)" -ne 0 ]; then
      url=$(start_private)          # a private cluster made earlier stays the choice
    else
      via=$(as_postgres_via)
      if [ -n "$via" ]; then url=$(start_system); else url=$(start_private); fi
    fi
    case "$url" in
      postgres://*[[:space:]]* | '' ) die "could not work out the server's URL (got: $url)" ;;
      postgres://*) ;;
      *) die "could not work out the server's URL (got: $url)" ;;
    esac
    check_url "$url"
    echo "$url" >"$url_file"
    echo "$url"
    ;;
  stop)
    if [ -f "$data/PG_VERSION" ]; then
      "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1 && "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null
    elif [ -n "$(as_postgres_via)" ]; then
      stop_system
    fi
    rm -f "$url_file"
    ;;
  url)
    [ -f "$url_file" ] || die "not started (run: bash tools/pg-test-server.sh start)"
    cat "$url_file"
    ;;
  *) die "usage: pg-test-server.sh start|stop|url" ;;
esac
