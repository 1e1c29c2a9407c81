#!/usr/bin/env bash
# Flies the scripts of Saqr's own aircraft (aircraft/*/scripts/*.xml) in
# JSBSim and in Saqr and prints `saqr compare` for each: the models must
# load and fly in JSBSim itself, with the same results.
#   JSBSIM=/path/to/JSBSim tools/own-aircraft-vs-jsbsim.sh [OUTDIR]
# JSBSim writes into its root, so it runs on a copy under OUTDIR.
set -euo pipefail
jsbsim=${JSBSIM:?set JSBSIM to a JSBSim binary}
repo=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$(mktemp -d)}
saqr=$repo/build/rel/saqr
mkdir -p "$out/root/aircraft"
cp -r "$repo"/aircraft/* "$out/root/aircraft/"
for script in "$out"/root/aircraft/*/scripts/*.xml; do
  rel=${script#"$out/root/"}
  name=$(echo "${rel%.xml}" | tr '/' '_')
  sed "s/saqr-run.csv/$name.csv/" "$repo/data/jsbsim/reference-columns.xml" > "$out/cols_$name.xml"
  (cd "$out/root" && "$jsbsim" --root="$out/root" --script="$rel" --logdirectivefile="$out/cols_$name.xml" >"$out/$name.jsbsim.log" 2>&1)
  mkdir -p "$out/saqr_$name"
  (cd "$out/saqr_$name" && "$saqr" run --root="$repo" --script="$rel" --logdirectivefile="$out/cols_$name.xml" >"$out/$name.saqr.log" 2>&1)
  echo "== $rel (Saqr vs JSBSim)"
  "$saqr" compare "$out/saqr_$name/$name.csv" "$out/root/$name.csv" | grep -E "h-sl-ft|vc-kts|-deg |rpm|columns" || true
done
