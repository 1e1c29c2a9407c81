#!/usr/bin/env bash
# The training run of the release build's profile-guided optimisation
# (Makefile, docs/jsbsim.md): the instrumented saqr command flies the
# repository's own aircraft scripts - Super Mushak (piston engine and
# propeller) and JF-17 (turbine, fly-by-wire), take-offs from the runway
# (ground contacts, brakes, steering) and trimmed cruise (the trim, the
# autopilots) - each interpreted and compiled (saqr_fdm_compile's
# generated code calls back into the library).  Only the repository's own
# files: a fresh clone builds the same profile with or without ../shared.
#   usage: pgo-train.sh SAQR_TRAIN ROOT
set -euo pipefail
saqr=$1
root=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
for script in super-mushak/scripts/takeoff super-mushak/scripts/level-trim \
              jf17/scripts/takeoff jf17/scripts/cruise; do
    for mode in "" --compile; do
        "$saqr" run --root="$root" --script="aircraft/$script.xml" $mode >/dev/null 2>&1 || {
            echo "pgo-train: saqr run $script $mode failed" >&2
            exit 1
        }
    done
done
echo "pgo-train: profile of 4 scripts, interpreted and compiled"
