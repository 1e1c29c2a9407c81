#!/usr/bin/env bash
# ab.sh - two builds of Saqr against each other on JSBSim's scripts, run by
# run.  This machine's speed drifts by several per cent within minutes and
# jumps between runs (docs/jsbsim.md, "The frame's code, and the machine the
# ratio is measured on"), so a change of 1-3% does not show in the best
# times of two benchmark runs made one after the other.  Here each build
# flies in its own long-lived process (bench/fly_requests: the aircraft
# compiled once, then every flight a fresh instance of the whole script),
# the two take turns flight by flight, which of them goes first alternating,
# and what is reported per script is the median and the quartiles of the
# ratios B/A of the pairs: the drift cancels within a pair.  A build
# against itself (an A/A run) shows the method's own spread.
#
#   bench/ab.sh [--pairs N] [--shared DIR] [--interpreted] A B [SCRIPT ...]
#     A, B          fly_requests programs of the two builds (make
#                   build/rel/bench/fly_requests in each tree)
#     --pairs N     flights of each build per script (default 30)
#     --shared DIR  the folder holding reference/jsbsim (default ../shared)
#     SCRIPT        names under scripts/ (default: bench_jsbsim's five)
# The scripts fly on a copy of the JSBSim root without its output
# directives, as in bench_jsbsim.  Exit 0, 1 when a build fails to fly a
# script, 2 on a bad command line.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
shared="$here/../shared" pairs=30 mode="" progs=() scripts=()
while [ $# -gt 0 ]; do
    case "$1" in
    --pairs) pairs=$2; shift 2 ;;
    --shared) shared=$2; shift 2 ;;
    --interpreted) mode=--interpreted; shift ;;
    -*) echo "ab.sh: unknown option $1" >&2; exit 2 ;;
    *) if [ ${#progs[@]} -lt 2 ]; then progs+=("$1"); else scripts+=("$1"); fi; shift ;;
    esac
done
[ ${#progs[@]} -eq 2 ] || { echo "usage: bench/ab.sh [--pairs N] [--shared DIR] [--interpreted] A B [SCRIPT ...]" >&2; exit 2; }
case "$pairs" in '' | *[!0-9]* | 0) echo "ab.sh: --pairs wants a whole number > 0, not \"$pairs\"" >&2; exit 2 ;; esac
for p in "${progs[@]}"; do
    [ -x "$p" ] || { echo "ab.sh: $p is not a program (make build/rel/bench/fly_requests)" >&2; exit 2; }
done
[ ${#scripts[@]} -gt 0 ] || scripts=(c172_cruise_8K c172_elevator_doublet c1723 f16_runway_test f16_test)
root="$shared/reference/jsbsim"
[ -d "$root/scripts" ] || { echo "ab.sh: no JSBSim root at $root" >&2; exit 2; }

work=$(mktemp -d /tmp/saqr-ab-XXXXXX)
pids=()
cleanup() {
    exec 3>&- 4<&- 5>&- 6<&- 2>/dev/null || true
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
peer="$work/root"
bash "$here/bench/peer_root.sh" "$root" "$peer"

# each build reads script names from one pipe and answers on another
mkfifo "$work/a.in" "$work/a.out" "$work/b.in" "$work/b.out"
"${progs[0]}" "$peer" $mode <"$work/a.in" >"$work/a.out" & pids+=($!)
"${progs[1]}" "$peer" $mode <"$work/b.in" >"$work/b.out" & pids+=($!)
exec 3>"$work/a.in" 4<"$work/a.out" 5>"$work/b.in" 6<"$work/b.out"

# fly NAME SCRIPT: one flight of build a or b, its us a frame on stdout
fly() {
    local t
    if [ "$1" = a ]; then
        echo "$2" >&3
        read -r t <&4 || { echo "ab.sh: ${progs[0]} failed on $2" >&2; exit 1; }
    else
        echo "$2" >&5
        read -r t <&6 || { echo "ab.sh: ${progs[1]} failed on $2" >&2; exit 1; }
    fi
    echo "$t"
}

for s in "${scripts[@]}"; do # the compiles, and a first flight each
    fly a "$s" >/dev/null
    fly b "$s" >/dev/null
done
for ((i = 0; i < pairs; i++)); do
    for s in "${scripts[@]}"; do
        if ((i % 2 == 0)); then ta=$(fly a "$s"); tb=$(fly b "$s"); else tb=$(fly b "$s"); ta=$(fly a "$s"); fi
        echo "$s $ta $tb" >>"$work/pairs"
    done
done

printf "%-24s %10s %10s %9s %19s\n" script "A best us" "B best us" "B/A med" "B/A quartiles"
for s in "${scripts[@]}"; do
    awk -v s="$s" '$1 == s { print $3 / $2, $2, $3 }' "$work/pairs" | sort -g |
        awk -v s="$s" '{ r[NR] = $1; if (NR == 1 || $2 < a) a = $2; if (NR == 1 || $3 < b) b = $3 }
            END {
                q1 = r[int((NR + 3) / 4)]; q3 = r[int((3 * NR + 3) / 4)]
                med = NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2
                printf "%-24s %10.4f %10.4f %+8.2f%% %+8.2f%% %+8.2f%%\n", s, a, b, (med - 1) * 100, (q1 - 1) * 100, (q3 - 1) * 100
            }'
done
