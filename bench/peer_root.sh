#!/usr/bin/env bash
# peer_root.sh - a copy of a JSBSim root without its output directives, for
# the benches that fly its scripts (bench/instructions.sh, bench/ab.sh; the
# C benches make the same copy in bench/jsbsim_peer.h): JSBSim writes its
# output files into the root, and a script's writes to simulation/output/...
# exist only while an output directive does.
#   bench/peer_root.sh ROOT DEST    (DEST is created or filled)
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: bench/peer_root.sh ROOT DEST" >&2; exit 2; }
root=$1 dest=$2
mkdir -p "$dest"
cp -r "$root/aircraft" "$root/engine" "$root/systems" "$root/scripts" "$dest/"
find "$dest" -name '*.xml' -exec sed -i -e '/<output [a-z][^>]*\/>/d' -e '/<output [a-z]/,/<\/output>/d' \
    -e '/<set name="simulation\/output\//d' {} +
