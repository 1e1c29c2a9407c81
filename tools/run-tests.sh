#!/usr/bin/env bash
# Runs one build's tests two at a time (one per core of the project's
# machine): the unit and verification programs, the command's system tests
# and, for the release build, the Python binding's and the installed
# library's (tests/system/install.sh).  Run one by one they
# were most of the release and sanitizer phases of the CI.
#   run-tests.sh BUILD SHARED PYTHON|-- TEST...
# PYTHON is the interpreter for tests/python (`--` leaves them out).
#
# The longest start first, so that no long one is left running alone at
# the end.  Tests that measure real time (frame rates, deadlines) run
# after the pool, alone.  Each job's output is kept and shown when it
# fails; all jobs run even when one fails, and the exit is non-zero then.
set -euo pipefail
. "$(dirname "$0")/pool.sh"
b=$1; shared=$2; python=$3; shift 3
root=$(cd "$(dirname "$0")/.." && pwd)

# Measured in the release build, longest first; any other test after them.
longest=(qtg_jf17 system_run check_python qtg_super_mushak test_native campaign_system install_system test_records_crash
         test_nasa_f16 test_lessons_fly test_sortie_control test_db test_jsbsim_scripts test_linearize)
alone=(test_station_load test_realtime)

declare -A present=()
for t in "$@"; do present[$(basename "$t")]=$t; done
# The qualification tests fly two aircraft: one job each.
if [ -n "${present[test_qtg_aircraft]:-}" ]; then
  qtg_bin=${present[test_qtg_aircraft]}
  present[qtg_jf17]=qtg_jf17; present[qtg_super_mushak]=qtg_super_mushak
fi
present[system_run]=system_run
present[campaign_system]=campaign_system
[ "$python" != "--" ] && present[check_python]=check_python
# the release build's libsaqr as `make install` installs it
[ "$python" != "--" ] && present[install_system]=install_system

pool=(); solo=()
for name in "${longest[@]}"; do [ -n "${present[$name]:-}" ] && pool+=("${present[$name]}"); done
for t in "$@"; do
  name=$(basename "$t")
  case " ${longest[*]} " in *" $name "*) continue ;; esac
  [ "$name" = test_qtg_aircraft ] && continue
  case " ${alone[*]} " in *" $name "*) solo+=("$t"); continue ;; esac
  pool+=("$t")
done

qtg_jf17() { SAQR_SHARED=$shared SAQR_QTG_ONLY='*jf17*' "$qtg_bin"; }
qtg_super_mushak() { SAQR_SHARED=$shared SAQR_QTG_ONLY='*super_mushak*' "$qtg_bin"; }
system_run() { SAQR="$b/saqr" SHARED="$shared" bash "$root/tests/system/run.sh"; }
campaign_system() { SAQR="$b/saqr" SHARED="$shared" bash "$root/tests/system/campaign.sh"; }
check_python() { bash "$root/tools/check-python.sh" "$b/libsaqr.so" "$shared" "$python"; }
install_system() { B="$b" SHARED="$shared" bash "$root/tests/system/install.sh"; }

logs=$(mktemp -d); trap 'rm -rf "$logs"' EXIT
run_one() {
  local j=$1 log ok=0 t0
  log=$logs/$(basename "$j").log; t0=$SECONDS
  case "$j" in
    qtg_* | system_run | campaign_system | check_python | install_system) "$j" >"$log" 2>&1 || ok=$? ;;
    *) SAQR_SHARED=$shared "$j" >"$log" 2>&1 || ok=$? ;;
  esac
  if [ "$ok" -eq 0 ]; then
    echo "== $j: ok ($((SECONDS - t0)) s)"
  else
    echo "== $j: FAILED (exit $ok)"; cat "$log"; return 1
  fi
}

failed=0
pool_run run_one "${pool[@]}" || failed=1
for j in "${solo[@]}"; do run_one "$j" || failed=1; done
[ "$failed" -eq 0 ] || { echo "tests: a job failed (above)"; exit 1; }
