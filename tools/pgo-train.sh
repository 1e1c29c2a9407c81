#!/usr/bin/env bash
# The training run of the release build's profile-guided optimisation
# (Makefile, docs/jsbsim.md): the instrumented saqr command flies the
# repository's own aircraft scripts - Super Mushak (piston engine and
# propeller) and JF-17 (turbine, fly-by-wire), take-offs from the runway
# (ground contacts, brakes, steering) and trimmed cruise (the trim, the
# autopilots) - each interpreted and compiled (saqr_fdm_compile's
# generated code calls back into the library); these are the
# repository's own files.  When the reference JSBSim root is beside the clone
# (SHARED/reference/jsbsim, as in `make test` and CI), it also flies
# JSBSim's c172x and F-16 there, on flights the benchmarks do not time
# (bench/bench_jsbsim.c times c172_cruise_8K, c172_elevator_doublet,
# c1723, f16_runway_test and f16_test): c1722 (the autopilot at altitude),
# c172_cross_wind (a ground trim and a take-off roll) and
# tools/pgo/f16-start-and-climb.xml.  Without it, paths only those
# aircraft take (the c172x propeller's P-factor and Mach tables, the
# F-16's fuel feed) were laid out as cold code: those aircraft's scripts
# ran 2-5% slower (docs/jsbsim.md, "The profile's flights").  The profile steers
# layout, inlining and unrolling only: results are the same bits either
# way.
#   usage: pgo-train.sh SAQR_TRAIN ROOT [SHARED]
set -euo pipefail
saqr=$1
root=$2
shared=${3:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

# fly ROOT SCRIPT...: each script on ROOT, interpreted and compiled
fly() {
    local on=$1 script mode
    shift
    for script in "$@"; do
        for mode in "" --compile; do
            "$saqr" run --root="$on" --script="$script" $mode >/dev/null 2>&1 || {
                echo "pgo-train: saqr run $script $mode on $on failed" >&2
                exit 1
            }
        done
    done
}

fly "$root" aircraft/super-mushak/scripts/takeoff.xml aircraft/super-mushak/scripts/level-trim.xml \
    aircraft/jf17/scripts/takeoff.xml aircraft/jf17/scripts/cruise.xml
flown=4
# the reference root's flights, when its scripts and aircraft are all there
jsbsim_root=$shared/reference/jsbsim
reference=(scripts/c1722.xml scripts/c172_cross_wind.xml "$root/tools/pgo/f16-start-and-climb.xml")
needed=(aircraft/c172x/c172x.xml aircraft/f16/f16.xml "${reference[@]:0:2}")
present=yes
for f in "${needed[@]}"; do [ -n "$shared" ] && [ -f "$jsbsim_root/$f" ] || present=""; done
if [ -n "$present" ]; then
    fly "$jsbsim_root" "${reference[@]}"
    flown=$((flown + ${#reference[@]}))
else
    echo "pgo-train: no reference JSBSim root in \"$shared\": the repository's aircraft only"
fi
echo "pgo-train: profile of $flown scripts, interpreted and compiled"
