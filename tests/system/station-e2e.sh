#!/usr/bin/env bash
# The instructor station end to end: `saqr serve` on a free loopback port
# with a fresh records database (an instructor with a password, a
# trainee), then web/e2e/station.mjs drives it in headless Chromium
# (Debian's chromium through Playwright): log in, start a lesson, watch the
# instruments, freeze, fail the engine, end and see the grade, find the
# sortie in the trainee's records with its debrief page; then
# tests/system/station_hostile.py sends what a browser never would.  Finally the
# server must stop cleanly on SIGTERM.  make test runs it with the
# optimised and with the sanitizer (ASan + UBSan) build.
#   SAQR=build/rel/saqr bash tests/system/station-e2e.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
saqr=${SAQR:-build/rel/saqr}
case $saqr in /*) ;; *) saqr=$(pwd)/$saqr ;; esac
tmp=$(mktemp -d /tmp/saqr-e2e-XXXXXX)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
db="sqlite://$tmp/records.db"
pw="e2e password $$"
"$saqr" instructor add "E2E Instructor" --number E2E-1 --db "$db" >/dev/null
printf '%s\n' "$pw" | "$saqr" instructor passwd E2E-1 --db "$db" >/dev/null
"$saqr" trainee add "Plt Off E2E" --number PAF-E2E --course super-mushak --db "$db" >/dev/null

# a relative work folder, run from $tmp: the records must keep each
# recording's absolute path (saqr sorties add finds a stored one by it)
(cd "$tmp" && exec "$saqr" serve --port 0 --db "$db" --work work) >"$tmp/serve.out" 2>"$tmp/serve.err" &
server_pid=$!
url=""
for _ in $(seq 1 100); do
  url=$(sed -n 's|^Saqr instructor station: \(http://[^ ]*\)/ .*|\1|p' "$tmp/serve.out")
  [ -n "$url" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$tmp/serve.err" >&2; echo "station-e2e: saqr serve died" >&2; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { cat "$tmp/serve.err" >&2; echo "station-e2e: saqr serve did not start" >&2; exit 1; }
echo "station-e2e: $url"

SAQR_URL="$url" SAQR_E2E_USER=E2E-1 SAQR_E2E_PASSWORD="$pw" node web/e2e/station.mjs
# what a hostile or careless client cannot do (nesting, a bad start, a
# socket outliving its session): over the wire, standard library Python
python3 tests/system/station_hostile.py "$url" E2E-1 "$pw" "$tmp/records.db"

kill -TERM "$server_pid"
rc=0
wait "$server_pid" || rc=$?
server_pid=""
if [ "$rc" -ne 0 ]; then
  cat "$tmp/serve.err" >&2
  echo "station-e2e: saqr serve exited with $rc on SIGTERM" >&2
  exit 1
fi
grep -q "stopping" "$tmp/serve.out" || { echo "station-e2e: no clean stop" >&2; exit 1; }
id=$("$saqr" sorties --trainee PAF-E2E --db "$db" | awk 'NR == 2 { print $1 }')
[ -n "$id" ] && "$saqr" sorties --id "$id" --db "$db" | grep -q "^recording: $tmp/work/sortie-" \
  || { echo "station-e2e: the stored sortie's recording is not $tmp/work/...:" >&2
       "$saqr" sorties --id "${id:-1}" --db "$db" >&2; exit 1; }
echo "station-e2e: passed"
