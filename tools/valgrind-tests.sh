#!/usr/bin/env bash
# Runs the unit tests and the `saqr` command's main paths under valgrind's
# memcheck; any leak or memory error fails.   valgrind-tests.sh BUILD SHARED
set -euo pipefail
. "$(dirname "$0")/pool.sh"
b=$1; shared=$2
vg=(valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect)
abs_b=$(cd "$b" && pwd); abs_shared=$(cd "$shared" && pwd); root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$b"/vg-run
# saqr_fdm_compile's compiler without AVX under valgrind (tools/valgrind-cc/cc)
export PATH="$root/tools/valgrind-cc:$PATH"

# Every job two at a time (one per core of the project's machine):
# valgrind runs a program on one core, and this was most of the CI's time.
# None of them depends on timing or a fixed port.  The longest start first
# (measured under valgrind, 90 s down to 15 s, 2026-12-08), so that no long one is
# left running alone at the end.  Each job's output is kept and shown
# when it fails.
heavy=(test_station test_nasa_f16 test_sortie_control test_jsbsim_scripts test_lesson_diversion_fly test_db
       test_records test_records_crash test_takeover test_linearize test_aircraft_systems test_aero_daveml
       test_native test_auth test_nasa_checkcases test_fdm_turbulence test_dryden test_batch)
first=() tests=()
for name in "${heavy[@]}"; do [ -x "$b/tests/$name" ] && first+=("$b/tests/$name"); done
for t in "$b"/tests/test_*; do
  name=$(basename "$t")
  case " ${heavy[*]} " in *" $name "*) continue ;; esac
  case "$name" in
    test_no_alloc_in_step) continue ;;   # wraps malloc itself
    test_qtg_aircraft) continue ;;       # minutes of flying: one test of it below
    test_lessons_fly) continue ;;        # every lesson flown: one sortie below
    test_station_load) continue ;;       # real-time rates: its security part below
    test_formation) continue ;;          # whole lessons flown: its lead's part below
  esac
  tests+=("$t")
done

# The command's paths, each a job of its own (the fly/grade/debrief/export
# chain in order).
job_station_load() { SAQR_LOAD_ONLY="*_are_*" "${vg[@]}" "$b"/tests/test_station_load; }
job_formation() { SAQR_TEST_ONLY="*lead*" SAQR_SHARED="$shared" "${vg[@]}" "$b"/tests/test_formation; }
job_check_nasa() { "${vg[@]}" "$b"/saqr check nasa --shared "$shared" --out "$b"/vg-nasa 1 3; }
job_run_c1723() {
  (cd "$b"/vg-run && "${vg[@]}" "$abs_b"/saqr run --root="$abs_shared"/reference/jsbsim --script=scripts/c1723.xml \
      --end=5)
}
job_qtg() { "${vg[@]}" "$b"/saqr qtg super-mushak --root "$root" --only roll-rate; }
job_lesson_chain() {
  "${vg[@]}" "$b"/saqr fly super-mushak/circuit --record "$b"/vg-run/circuit.rec --overwrite &&
  "${vg[@]}" "$b"/saqr grade "$b"/vg-run/circuit.rec &&
  "${vg[@]}" "$b"/saqr debrief "$b"/vg-run/circuit.rec -o "$b"/vg-run/circuit.html &&
  "${vg[@]}" "$b"/saqr export "$b"/vg-run/circuit.rec --format acmi -o "$b"/vg-run/circuit.acmi
}
job_campaigns() {
  "${vg[@]}" "$b"/saqr campaign campaigns/super-mushak-crosswind-landing.xml --runs 2 --threads 2 \
      --out "$b"/vg-run/campaign &&
  "${vg[@]}" "$b"/saqr campaign campaigns/c172-cruise-wind-weight.xml --runs 1 --threads 1 --shared "$abs_shared" \
      --out "$b"/vg-run/campaign-script
}
# the command's longest paths (15-35 s) after the heavy tests, the rest after them
jobs_list=("${first[@]}" job_station_load job_campaigns job_lesson_chain job_formation "${tests[@]}" job_check_nasa
           job_run_c1723 job_qtg)

logs=$(mktemp -d); trap 'rm -rf "$logs"' EXIT
run_one() {
  local j=$1 log t0=$SECONDS; log=$logs/$(basename "$j").log
  local ok=0
  case "$j" in
    job_*) "$j" >"$log" 2>&1 || ok=$? ;;
    *) SAQR_SHARED=$shared CMOCKA_MESSAGE_OUTPUT=stdout "${vg[@]}" "$j" >"$log" 2>&1 || ok=$? ;;
  esac
  if [ "$ok" -eq 0 ]; then
    echo "== valgrind $j: ok ($((SECONDS - t0)) s)"
  else
    echo "== valgrind $j: FAILED (exit $ok)"; cat "$log"; return 1
  fi
}
pool_run run_one "${jobs_list[@]}" || { echo "valgrind: a job failed (above)"; exit 1; }
