#!/usr/bin/env bash
# instructions.sh - instructions a frame, JSBSim against Saqr, on the
# scripts bench_jsbsim times.  Time ratios move with the machine by
# several per cent between runs; instruction counts do not, so this is the
# stable measure of how much work each program does (docs/jsbsim.md,
# "Speed").  Both run under valgrind's callgrind; for each, the run that
# stops right after loading and initialising (JSBSim --end=0, step_script
# --frames 0) is taken off the whole run, and the rest divided by the
# frames flown.  JSBSim runs on a copy of the root without its output
# directives, as in bench_jsbsim.
#
#   bench/instructions.sh --jsbsim PATH [--shared DIR] [--build DIR]
#                         [--interpreted] [SCRIPT ...]
#     --build DIR    the build holding bench/step_script (build/rel)
#     SCRIPT         names under scripts/ (default: bench_jsbsim's five)
# Takes a few minutes (JSBSim under callgrind is slow).
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
jsbsim="" shared="$here/../shared" build="$here/build/rel" mode=""
scripts=()
while [ $# -gt 0 ]; do
    case "$1" in
    --jsbsim) jsbsim=$2; shift 2 ;;
    --shared) shared=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --interpreted) mode=--interpreted; shift ;;
    -*) echo "instructions.sh: unknown option $1" >&2; exit 2 ;;
    *) scripts+=("$1"); shift ;;
    esac
done
[ ${#scripts[@]} -gt 0 ] || scripts=(c172_cruise_8K c172_elevator_doublet c1723 f16_runway_test f16_test)
[ -n "$jsbsim" ] && [ -x "$jsbsim" ] || { echo "instructions.sh: --jsbsim PATH to a JSBSim program" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "instructions.sh: valgrind is needed" >&2; exit 2; }
driver="$build/bench/step_script"
[ -x "$driver" ] || { echo "instructions.sh: $driver is not built (make $driver)" >&2; exit 2; }
root="$shared/reference/jsbsim"
[ -d "$root/scripts" ] || { echo "instructions.sh: no JSBSim root at $root" >&2; exit 2; }

peer=$(mktemp -d /tmp/saqr-instructions-XXXXXX)
trap 'rm -rf "$peer"' EXIT
bash "$here/bench/peer_root.sh" "$root" "$peer"

# instructions of one program run under callgrind (its output is dropped)
count() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
        awk '/Collected/ {gsub(",", "", $4); n = $4} END {print n + 0}'
}

printf "%-22s %8s %14s %14s %8s\n" script frames "jsbsim instr" "saqr instr" ratio
for s in "${scripts[@]}"; do
    frames=$("$driver" "$peer" "scripts/$s.xml" $mode)
    saqr_full=$(count "$driver" "$peer" "scripts/$s.xml" $mode)
    saqr_zero=$(count "$driver" "$peer" "scripts/$s.xml" $mode --frames 0)
    jsb_full=$(cd "$peer" && JSBSIM_DEBUG=0 count "$jsbsim" --root=. --script="scripts/$s.xml")
    jsb_zero=$(cd "$peer" && JSBSIM_DEBUG=0 count "$jsbsim" --root=. --script="scripts/$s.xml" --end=0)
    awk -v s="$s" -v n="$frames" -v a="$jsb_full" -v b="$jsb_zero" -v c="$saqr_full" -v d="$saqr_zero" \
        'BEGIN { j = (a - b) / n; q = (c - d) / n; printf "%-22s %8d %14.0f %14.0f %7.1fx\n", s, n, j, q, j / q }'
done
