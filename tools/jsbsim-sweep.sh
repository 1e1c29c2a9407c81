#!/usr/bin/env bash
# jsbsim-sweep.sh - flies every script and loads/trims every aircraft of a
# JSBSim root with both JSBSim and `saqr run`, and classifies the outcome.
#
#   tools/jsbsim-sweep.sh JSBSIM_BINARY JSBSIM_ROOT OUT_DIR [options]
#     --saqr=PATH      saqr binary (default build/rel/saqr next to this tool)
#     --end=SECONDS    cap every script at this simulation time (default 60)
#     --timeout=SEC    wall-clock limit per run (default 120)
#     --only=REGEX     only scripts/aircraft whose name matches REGEX
#     --no-scripts, --no-aircraft   skip one half of the sweep
#
# The root is never run in place: its aircraft/, engine/, systems/ and
# scripts/ are copied to OUT_DIR/root first (JSBSim writes files into its
# root and working folder).  Both simulators get the same output directive
# (OUT_DIR/root/sweep_output.xml: the columns of the reference CSVs, 20 Hz)
# through --logdirectivefile, and each run has its own working folder, so
# OUT_DIR/scripts/NAME/{jsbsim,saqr}/ hold the CSVs, the console output and
# `saqr compare`'s report (compare.txt).
#
# Script outcome, in this order: jsbsim-failed (JSBSim exits non-zero or
# writes no CSV), saqr-load-failed (exit 2, first error line kept),
# saqr-crashed (signal or timeout), saqr-run-failed (exit 1: the run
# stopped, e.g. a failed trim), saqr-short (saqr stopped before JSBSim did),
# match (every gated column within the issue's targets over the whole run:
# position/h-sl-ft 5 ft; vc-kts, vtrue-kts 0.5 kt; phi, theta, psi 0.5 deg
# (modulo 360); engine-rpm 10 rpm, the t = 0 row included: both write it
# before the engines start) or diverges (per gated column over its
# target: from when, at which height above ground, and the largest excess).
# The other columns are in compare.txt, not gated.
# Aircraft: loads (--aircraft NAME --initfile IC --end=0) in each, and a
# trim: a small script that starts the engines (propulsion/set-running =
# -1, mixtures full), sets simulation/do_simple_trim = 1 (full trim) at t = 0.1 s and
# flies to 5 s.  The IC is the first of the aircraft's in-flight reset
# files, then generic ones (5000 ft 120 kt, 10000 ft 250 kt), that JSBSim
# trims from; Saqr gets the same one, and the two 5 s runs are compared
# with the script gates.  Results: OUT_DIR/scripts.tsv, OUT_DIR/aircraft.tsv,
# OUT_DIR/summary.md.
set -u

usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
[ $# -ge 3 ] || usage
JSBSIM=$(readlink -f "$1"); SRC_ROOT=$(readlink -f "$2"); OUT=$3; shift 3
HERE=$(cd "$(dirname "$0")" && pwd)
SAQR=$HERE/../build/rel/saqr
END_S=60; TIMEOUT_S=120; ONLY=.; DO_SCRIPTS=1; DO_AIRCRAFT=1
for a in "$@"; do
    case $a in
        --saqr=*) SAQR=${a#*=} ;;
        --end=*) END_S=${a#*=} ;;
        --timeout=*) TIMEOUT_S=${a#*=} ;;
        --only=*) ONLY=${a#*=} ;;
        --no-scripts) DO_SCRIPTS=0 ;;
        --no-aircraft) DO_AIRCRAFT=0 ;;
        *) usage ;;
    esac
done
SAQR=$(readlink -f "$SAQR")
[ -x "$JSBSIM" ] || { echo "no JSBSim binary at $JSBSIM" >&2; exit 2; }
[ -x "$SAQR" ] || { echo "no saqr binary at $SAQR" >&2; exit 2; }
[ -d "$SRC_ROOT/aircraft" ] || { echo "$SRC_ROOT is not a JSBSim root (no aircraft/)" >&2; exit 2; }

mkdir -p "$OUT"; OUT=$(readlink -f "$OUT")
# A private copy of saqr: a rebuild during the sweep must not change it.
cp "$SAQR" "$OUT/saqr" && SAQR=$OUT/saqr
ROOT=$OUT/root
[ "$ROOT" != "$SRC_ROOT" ] || { echo "OUT_DIR/root must not be the source root" >&2; exit 2; }
rm -rf "$ROOT"; mkdir -p "$ROOT"
for d in aircraft engine systems scripts; do
    [ -d "$SRC_ROOT/$d" ] && cp -r "$SRC_ROOT/$d" "$ROOT/"
done
mkdir -p "$ROOT/sweep"

# The reference CSVs' columns; properties an aircraft lacks are left out by
# both simulators (with a warning).
cat > "$ROOT/sweep_output.xml" <<'EOF'
<?xml version="1.0"?>
<output name="sweep_out.csv" type="CSV" rate="20">
  <property> position/h-sl-ft </property>
  <property> position/h-agl-ft </property>
  <property> position/lat-geod-deg </property>
  <property> position/long-gc-deg </property>
  <property> attitude/phi-deg </property>
  <property> attitude/theta-deg </property>
  <property> attitude/psi-deg </property>
  <property> velocities/u-fps </property>
  <property> velocities/v-fps </property>
  <property> velocities/w-fps </property>
  <property> velocities/p-rad_sec </property>
  <property> velocities/q-rad_sec </property>
  <property> velocities/r-rad_sec </property>
  <property> velocities/vc-kts </property>
  <property> velocities/vtrue-kts </property>
  <property> velocities/mach </property>
  <property> aero/alpha-deg </property>
  <property> aero/beta-deg </property>
  <property> aero/qbar-psf </property>
  <property> fcs/elevator-pos-rad </property>
  <property> fcs/left-aileron-pos-rad </property>
  <property> fcs/rudder-pos-rad </property>
  <property> fcs/throttle-pos-norm </property>
  <property> propulsion/total-fuel-lbs </property>
  <property> propulsion/engine/engine-rpm </property>
  <property> propulsion/engine/n2 </property>
  <property> propulsion/engine/thrust-lbs </property>
</output>
EOF

# run DIR LOG CMD... : runs CMD niced with the time limit in DIR, stdout and
# stderr to DIR/LOG.out and DIR/LOG.err; prints the exit status.
run() {
    local dir=$1 log=$2; shift 2
    mkdir -p "$dir"
    (cd "$dir" && nice -n 10 timeout -k 5 "$TIMEOUT_S" "$@" >"$log.out" 2>"$log.err" </dev/null)
    echo $?
}

# First line of a saqr stderr that is not a warning.
first_error() {
    local l
    l=$(grep -v 'warning:' "$1" | grep -v '^\s*$' | head -1)
    [ -n "$l" ] || l=$(tail -1 "$1")
    printf '%s' "$l" | tr '\t' ' ' | cut -c1-300
}

# First JSBSim error: exception message, "could not", "Trim Failed", ...
jsbsim_error() {
    local l
    l=$(sed 's/\x1b\[[0-9;]*m//g' "$1.err" "$1.out" 2>/dev/null | grep -m1 'The message was' )
    [ -n "$l" ] || l=$(sed 's/\x1b\[[0-9;]*m//g' "$1.err" "$1.out" 2>/dev/null |
        grep -i -m1 -E 'error|could not|not found|unknown|failed|unable|aborted' )
    printf '%s' "$l" | tr '\t' ' ' | sed 's/^ *//' | cut -c1-300
}

# gate A.csv B.csv: prints "match" or "diverges COLUMN t=T jsbsim=X saqr=Y"
# (the first gated column over its target), then "span A_END B_END ROWS",
# then "over" and, per gated column over its target, "COLUMN from T (max D
# at T)".  Rows are joined on time (to the millisecond).
gate() {
    awk -F, -v A="$1" -v B="$2" '
    function tol(n) {
        if (n == "position/h-sl-ft") return 5
        if (n ~ /^velocities\/(vc|vtrue)-kts$/) return 0.5
        if (n ~ /^attitude\/(phi|theta|psi)-deg$/) return 0.5
        if (n ~ /engine-rpm$/) return 10
        return -1
    }
    function isnan(s) { return s ~ /[nN][aA][nN]/ || s ~ /[iI][nN][fF]/ }
    BEGIN {
        na = 0
        while ((getline line < A) > 0) {
            nf = split(line, f, ",")
            if (na == 0) { for (i = 2; i <= nf; i++) { sub(/^\/fdm\/jsbsim\//, "", f[i]); acol[f[i]] = i }
                           na = 1; continue }
            key = sprintf("%.3f", f[1]); arow[key] = line; aend = f[1]
        }
        nb = 0; rows = 0; first = ""; nover = 0
        while ((getline line < B) > 0) {
            nf = split(line, f, ",")
            if (nb == 0) { for (i = 2; i <= nf; i++) { sub(/^\/fdm\/jsbsim\//, "", f[i]); bname[i] = f[i] }
                           nbf = nf; nb = 1; continue }
            bend = f[1]
            key = sprintf("%.3f", f[1])
            if (!(key in arow)) continue
            split(arow[key], g, ",")
            rows++
            agl = ("position/h-agl-ft" in acol) ? g[acol["position/h-agl-ft"]] + 0 : 0
            for (i = 2; i <= nbf; i++) {
                n = bname[i]; t = tol(n)
                if (t < 0 || !(n in acol)) continue
                x = g[acol[n]]; y = f[i]
                if (isnan(x) && isnan(y)) continue
                if (isnan(x) || isnan(y)) { d = 1e300 }
                else {
                    d = x - y; if (d < 0) d = -d
                    if (n ~ /attitude\/(phi|psi)-deg$/ && d > 180) d = 360 - d
                }
                if (d <= t) continue
                if (first == "") first = sprintf("diverges %s t=%s jsbsim=%.6g saqr=%.6g", n, f[1] + 0, x, y)
                if (!(n in from)) { from[n] = f[1] + 0; from_agl[n] = agl; order[++nover] = n; worst[n] = 0 }
                if (d > worst[n]) { worst[n] = d; worst_t[n] = f[1] + 0 }
            }
        }
        print (first == "" ? "match" : first)
        printf "span %s %s %d\n", aend, bend, rows
        printf "over"
        for (k = 1; k <= nover; k++) {
            n = order[k]
            printf "%s %s from %g s at %.0f ft AGL (max %.3g at %g s)", (k > 1 ? ";" : ""), n, from[n], from_agl[n],
                   worst[n], worst_t[n]
        }
        printf "\n"
    }'
}

is_script() { grep -q '<runscript' "$1" 2>/dev/null; }

# ------------------------------------------------------------------ scripts
if [ $DO_SCRIPTS = 1 ]; then
    printf 'script\taircraft\tresult\tdetail\tjsbsim_end_s\tsaqr_end_s\tsaqr_wall_s\tjsbsim_wall_s\n' > "$OUT/scripts.tsv"
    for s in "$SRC_ROOT"/scripts/*.xml; do
        name=$(basename "$s" .xml)
        echo "$name" | grep -Eq "$ONLY" || continue
        if ! is_script "$s"; then
            printf '%s\t-\tnot-a-script\t%s\n' "$name" "no <runscript> (support file)" >> "$OUT/scripts.tsv"
            continue
        fi
        ac=$(grep -o '<use [^>]*aircraft="[^"]*"' "$s" | head -1 | sed 's/.*aircraft="\([^"]*\)".*/\1/')
        d=$OUT/scripts/$name; rm -rf "$d"; mkdir -p "$d/jsbsim" "$d/saqr"
        t0=$(date +%s.%N)
        jrc=$(run "$d/jsbsim" run "$JSBSIM" --root="$ROOT" --script="scripts/$name.xml" \
                --logdirectivefile=sweep_output.xml --outputpath="$d/jsbsim" --end="$END_S")
        t1=$(date +%s.%N)
        src=$(run "$d/saqr" run "$SAQR" run --root="$ROOT" --script="scripts/$name.xml" \
                --logdirectivefile=sweep_output.xml --end="$END_S")
        t2=$(date +%s.%N)
        jw=$(echo "$t1 - $t0" | bc); sw=$(echo "$t2 - $t1" | bc)
        jend=-; send=-
        [ -f "$d/jsbsim/sweep_out.csv" ] && jend=$(tail -1 "$d/jsbsim/sweep_out.csv" | cut -d, -f1)
        [ -f "$d/saqr/sweep_out.csv" ] && send=$(tail -1 "$d/saqr/sweep_out.csv" | cut -d, -f1)
        detail=""
        if [ "$jrc" != 0 ] || [ ! -s "$d/jsbsim/sweep_out.csv" ]; then
            result=jsbsim-failed; detail="exit $jrc: $(jsbsim_error "$d/jsbsim/run")"
            case $src in 0) detail="$detail; saqr ran" ;; 2) detail="$detail; saqr: $(first_error "$d/saqr/run.err")" ;;
                          *) detail="$detail; saqr exit $src" ;; esac
        elif [ "$src" = 2 ]; then
            result=saqr-load-failed; detail=$(first_error "$d/saqr/run.err")
        elif [ "$src" -ge 124 ]; then
            result=saqr-crashed; [ "$src" = 124 ] && detail="timeout ${TIMEOUT_S}s" || detail="exit $src (signal $((src - 128)))"
        else
            "$SAQR" compare "$d/jsbsim/sweep_out.csv" "$d/saqr/sweep_out.csv" > "$d/compare.txt" 2>&1
            g=$(gate "$d/jsbsim/sweep_out.csv" "$d/saqr/sweep_out.csv")
            verdict=$(echo "$g" | head -1)
            if [ "$src" = 1 ]; then
                result=saqr-run-failed; detail="$(first_error "$d/saqr/run.err"); before that: $verdict"
            elif [ "$verdict" = match ] && [ "$(echo "$send < $jend - 0.06" | bc)" = 1 ]; then
                result=saqr-short; detail="saqr stopped at $send s, JSBSim at $jend s"
            elif [ "$verdict" = match ]; then
                result=match
            else
                result=diverges; detail="$(echo "$g" | sed -n 3p | sed 's/^over //')"
            fi
        fi
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%.2f\t%.2f\n' "$name" "$ac" "$result" "$detail" "$jend" "$send" "$sw" "$jw" \
            >> "$OUT/scripts.tsv"
        echo "script $name: $result $detail" >&2
    done
fi

# ----------------------------------------------------------------- aircraft
# In-flight reset files: an altitude above 100 and a speed above 0 (any
# units), in name order.
inflight_ics() {
    local f alt spd
    for f in "$1"/*.xml; do
        grep -q '<initialize' "$f" || continue
        alt=$(grep -o -E '<(altitude|altitudeAGL|altitudeMSL)[^>]*>[^<]*' "$f" | head -1 | sed 's/.*>//' | tr -d ' ')
        spd=$(grep -o -E '<(vt|vc|ve|ubody|mach|vground)[^>]*>[^<]*' "$f" | sed 's/.*>//' | tr -d ' ' | sort -g | tail -1)
        [ -n "$alt" ] && [ -n "$spd" ] || continue
        [ "$(echo "$alt > 100 && $spd > 0" | bc 2>/dev/null)" = 1 ] && basename "$f" .xml
    done
}

# generic_ic FILE ALT_FT VC_KTS
generic_ic() {
    cat > "$1" <<EOF
<?xml version="1.0"?>
<initialize name="sweep generic in-flight IC">
  <latitude unit="DEG"> 47.0 </latitude>
  <longitude unit="DEG"> 122.0 </longitude>
  <altitude unit="FT"> $2 </altitude>
  <vc unit="KTS"> $3 </vc>
  <psi unit="DEG"> 90.0 </psi>
</initialize>
EOF
}

# trim_script AIRCRAFT IC: starts the engines (running, mixture full) if
# the aircraft has any, full trim at 0.1 s, flies to 5 s.
trim_script() {
    local neng i start=""
    neng=$(grep -c -E '<engine[ >]' "$ROOT/aircraft/$1/$1.xml")
    if [ "$neng" -gt 0 ]; then
        start='    <event name="engines running">
      <condition> simulation/sim-time-sec ge 0 </condition>
      <set name="propulsion/set-running" value="-1"/>'
        for ((i = 0; i < neng; i++)); do
            start="$start
      <set name=\"fcs/mixture-cmd-norm[$i]\" value=\"1\"/>"
        done
        start="$start
    </event>"
    fi
    cat > "$ROOT/sweep/trim_$1_$2.xml" <<EOF
<?xml version="1.0"?>
<runscript name="sweep trim of $1 from $2">
  <use aircraft="$1" initialize="$2"/>
  <run start="0" end="5" dt="0.0083333333">
$start
    <event name="trim">
      <condition> simulation/sim-time-sec gt 0.1 </condition>
      <set name="simulation/do_simple_trim" value="1"/>
    </event>
  </run>
</runscript>
EOF
    echo "sweep/trim_$1_$2.xml"
}

word() { case $1 in 0) echo ok ;; 124) echo timeout ;; -) echo - ;; *) [ "$1" -gt 128 ] && echo "crash($1)" || echo "fail($1)" ;; esac; }

if [ $DO_AIRCRAFT = 1 ]; then
    printf 'aircraft\tic\tjsbsim_load\tsaqr_load\tjsbsim_trim\tsaqr_trim\tmatch\tsaqr_detail\tjsbsim_detail\n' > "$OUT/aircraft.tsv"
    for dir in "$ROOT"/aircraft/*/; do
        dir=${dir%/}; ac=$(basename "$dir")
        echo "$ac" | grep -Eq "$ONLY" || continue
        d=$OUT/aircraft/$ac; rm -rf "$d"; mkdir -p "$d"
        if [ ! -f "$dir/$ac.xml" ]; then
            printf '%s\t-\tno-model\tno-model\t-\t-\t-\tno %s.xml in the folder\t\n' "$ac" "$ac" >> "$OUT/aircraft.tsv"
            continue
        fi
        generic_ic "$dir/sweep_ic_120kt.xml" 5000 120
        generic_ic "$dir/sweep_ic_250kt.xml" 10000 250
        # Load: the first candidate IC (loading does not depend on it).
        cands="$(inflight_ics "$dir" | tr '\n' ' ')sweep_ic_120kt sweep_ic_250kt"
        ic0=${cands%% *}
        jl=$(run "$d/jsbsim" load "$JSBSIM" --root="$ROOT" --aircraft="$ac" --initfile="$dir/$ic0.xml" --end=0 \
                --outputpath="$d/jsbsim")
        sl=$(run "$d/saqr" load "$SAQR" run --root="$ROOT" --aircraft="$ac" --initfile="$dir/$ic0.xml" --end=0)
        # Trim: the first candidate IC that JSBSim trims, else the first one.
        jt=-; st=-; ic=-; jtw=-; match=-
        if [ "$jl" = 0 ]; then
            for c in $cands; do
                sc=$(trim_script "$ac" "$c")
                rm -f "$d/jsbsim/sweep_out.csv"
                jt=$(run "$d/jsbsim" trim "$JSBSIM" --root="$ROOT" --script="$sc" --logdirectivefile=sweep_output.xml \
                        --outputpath="$d/jsbsim")
                ic=$c
                [ "$jt" = 0 ] && ! grep -q 'Trim Failed' "$d/jsbsim/trim.out" "$d/jsbsim/trim.err" && break
            done
            jtw=$(word "$jt")
            grep -q 'Trim Failed' "$d/jsbsim/trim.out" "$d/jsbsim/trim.err" 2>/dev/null && jtw=failed
            [ "$jtw" = ok ] || ic=$ic0
        fi
        if [ "$sl" = 0 ]; then
            [ "$ic" = - ] && ic=$ic0
            sc=$(trim_script "$ac" "$ic")
            st=$(run "$d/saqr" trim "$SAQR" run --root="$ROOT" --script="$sc" --logdirectivefile=sweep_output.xml)
            if [ "$st" = 0 ] && [ "$jtw" = ok ]; then
                g=$(gate "$d/jsbsim/sweep_out.csv" "$d/saqr/sweep_out.csv")
                match=$(echo "$g" | head -1)
                [ "$match" = match ] || match="diverges: $(echo "$g" | sed -n 3p | sed 's/^over //')"
                "$SAQR" compare "$d/jsbsim/sweep_out.csv" "$d/saqr/sweep_out.csv" > "$d/compare.txt" 2>&1
            fi
        fi
        stw=$(word "$st")
        sdetail=""; jdetail=""
        [ "$sl" != 0 ] && sdetail=$(first_error "$d/saqr/load.err")
        [ "$sl" = 0 ] && [ "$st" != 0 ] && sdetail=$(first_error "$d/saqr/trim.err")
        [ "$jl" != 0 ] && jdetail=$(jsbsim_error "$d/jsbsim/load")
        [ "$jl" = 0 ] && [ "$jtw" != ok ] && jdetail=$(jsbsim_error "$d/jsbsim/trim")
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$ac" "${ic#sweep_ic_}" "$(word "$jl")" "$(word "$sl")" "$jtw" "$stw" \
            "$match" "$sdetail" "$jdetail" >> "$OUT/aircraft.tsv"
        echo "aircraft $ac: load jsbsim $(word "$jl") saqr $(word "$sl"); trim ($ic) jsbsim $jtw saqr $stw; $match $sdetail" >&2
    done
fi

# ------------------------------------------------------------------ summary
{
    if [ -f "$OUT/scripts.tsv" ]; then
        echo "### Scripts (capped at $END_S s of simulation time)"
        echo
        awk -F'\t' 'NR > 1 { n[$3]++; tot++ } END { for (k in n) printf "- %s: %d\n", k, n[k]; printf "- total files: %d\n", tot }' \
            "$OUT/scripts.tsv" | sort
        echo
        echo "| script | aircraft | result | detail |"
        echo "|---|---|---|---|"
        awk -F'\t' 'NR > 1 { gsub(/\|/, "\\|", $4); printf "| %s | %s | %s | %s |\n", $1, $2, $3, $4 }' "$OUT/scripts.tsv"
        echo
    fi
    if [ -f "$OUT/aircraft.tsv" ]; then
        echo "### Aircraft"
        echo
        awk -F'\t' 'NR > 1 { tot++; if ($3 == "ok") jl++; if ($4 == "ok") sl++; if ($3 == "ok" && $4 == "ok") bl++
                              if ($5 == "ok") jt++; if ($6 == "ok") st++; if ($5 == "ok" && $6 == "ok") bt++
                              if ($7 == "match") m++ }
                    END { printf "- folders: %d; load: JSBSim %d, Saqr %d, both %d\n", tot, jl, sl, bl
                          printf "- trim: JSBSim %d, Saqr %d, both %d; trimmed 5 s flight within targets: %d\n", jt, st, bt, m }' \
            "$OUT/aircraft.tsv"
        echo
        echo "| aircraft | IC | JSBSim load | Saqr load | JSBSim trim | Saqr trim | 5 s after trim | Saqr message |"
        echo "|---|---|---|---|---|---|---|---|"
        awk -F'\t' 'NR > 1 { gsub(/\|/, "\\|", $8); printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8 }' \
            "$OUT/aircraft.tsv"
    fi
} > "$OUT/summary.md"
echo "summary: $OUT/summary.md" >&2
