#!/usr/bin/env bash
# Runs the unit tests and one NASA case of the `saqr` command under valgrind's
# memcheck; any leak or memory error fails.   valgrind-tests.sh BUILD SHARED
set -euo pipefail
b=$1; shared=$2
vg=(valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect)
# The unit tests two at a time (one per core of the project's machine):
# valgrind runs a program on one core, and this loop was most of the CI's
# time.  None of them depends on timing or a fixed port.  Each one's
# output is kept and shown when it fails.
tests=()
for t in "$b"/tests/test_*; do
  case "$t" in
    *test_no_alloc_in_step) continue ;;   # wraps malloc itself
    *test_qtg_aircraft) continue ;;       # minutes of flying: one test of it below
    *test_lessons_fly) continue ;;        # every lesson flown: one sortie below
    *test_station_load) continue ;;       # real-time rates: its security part below
  esac
  tests+=("$t")
done
logs=$(mktemp -d); trap 'rm -rf "$logs"' EXIT
run_one() {
  local t=$1 log; log=$logs/$(basename "$t").log
  if SAQR_SHARED=$shared CMOCKA_MESSAGE_OUTPUT=stdout "${vg[@]}" "$t" >"$log" 2>&1; then
    echo "== valgrind $t: ok"
  else
    echo "== valgrind $t: FAILED (exit $?)"; cat "$log"; return 1
  fi
}
jobs=$(nproc 2>/dev/null || echo 1); [ "$jobs" -gt 2 ] && jobs=2
running=0; failed=0
for t in "${tests[@]}"; do
  run_one "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then wait -n || failed=1; running=$((running - 1)); fi
done
while [ "$running" -gt 0 ]; do wait -n || failed=1; running=$((running - 1)); done
[ "$failed" -eq 0 ] || { echo "valgrind: a unit test failed (above)"; exit 1; }
echo "== valgrind test_station_load (refusals and records; not its timing)"
SAQR_LOAD_ONLY="*_are_*" "${vg[@]}" "$b"/tests/test_station_load >/dev/null
echo "== valgrind saqr check nasa 1 3"
"${vg[@]}" "$b"/saqr check nasa --shared "$shared" --out "$b"/vg-nasa 1 3 >/dev/null
echo "== valgrind saqr run c1723 (5 s)"
mkdir -p "$b"/vg-run
abs_b=$(cd "$b" && pwd); abs_shared=$(cd "$shared" && pwd)
(cd "$b"/vg-run && "${vg[@]}" "$abs_b"/saqr run --root="$abs_shared"/reference/jsbsim --script=scripts/c1723.xml \
    --end=5 >/dev/null)
echo "== valgrind saqr qtg super-mushak (roll rate)"
"${vg[@]}" "$b"/saqr qtg super-mushak --root "$(cd "$(dirname "$0")/.." && pwd)" --only roll-rate >/dev/null
echo "== valgrind saqr fly / grade / debrief / export (the circuit lesson)"
"${vg[@]}" "$b"/saqr fly super-mushak/circuit --record "$b"/vg-run/circuit.rec >/dev/null
"${vg[@]}" "$b"/saqr grade "$b"/vg-run/circuit.rec >/dev/null
"${vg[@]}" "$b"/saqr debrief "$b"/vg-run/circuit.rec -o "$b"/vg-run/circuit.html >/dev/null
"${vg[@]}" "$b"/saqr export "$b"/vg-run/circuit.rec --format acmi -o "$b"/vg-run/circuit.acmi >/dev/null
echo "== valgrind saqr campaign (2 runs of the crosswind landing on 2 threads, and a script campaign)"
"${vg[@]}" "$b"/saqr campaign campaigns/super-mushak-crosswind-landing.xml --runs 2 --threads 2 --out "$b"/vg-run/campaign >/dev/null
"${vg[@]}" "$b"/saqr campaign campaigns/c172-cruise-wind-weight.xml --runs 1 --threads 1 --shared "$abs_shared" --out "$b"/vg-run/campaign-script >/dev/null
