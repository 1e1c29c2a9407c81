#!/usr/bin/env bash
# System tests of the `saqr` command as a user runs it: the NASA check
# command end to end, and bad input (malformed, missing or hostile files,
# unknown names) giving a clear message and a non-zero exit, never a crash.
# Environment: SAQR (the binary), SHARED (the ../shared folder).
set -u
saqr=${SAQR:?}; shared=${SHARED:?}
case $saqr in /*) ;; *) saqr=$(pwd)/$saqr ;; esac
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# what a command keeps in the user's data folder (the default records, the
# recordings of stored sorties flown without --record) stays in $tmp
export XDG_DATA_HOME="$tmp/data-home"
fails=0

. "$(dirname "$0")/expect.sh"

# A port nobody uses now (the kernel's choice), so that two copies of these
# tests on one machine (two clones, a CI beside a developer) do not meet.
free_port() {
  python3 -c 'import socket, sys
s = socket.socket(socket.AF_INET, getattr(socket, sys.argv[1]))
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])' "$1"
}
fg_port=$(free_port SOCK_DGRAM); server_port=$(free_port SOCK_STREAM); fly_port=$(free_port SOCK_DGRAM)

cases=$(dirname "$0")/../../data/nasa

expect "check nasa runs case 1 and passes" 0 "case 01: PASS" -- \
  "$saqr" check nasa --shared "$shared" --out "$tmp/out1" 1
head -1 "$tmp/out1/Atmos_01.csv" | grep -q "^time,gePosition_ft_X,.*altitudeMsl_ft,.*trueAirspeed_nmi_h$" \
  && [ "$(wc -l < "$tmp/out1/Atmos_01.csv")" -eq 302 ] && echo "ok   Atmos_01.csv has NASA's columns and 301 rows at 0.1 s" \
  || { echo "FAIL Atmos_01.csv columns/rows"; fails=$((fails + 1)); }
expect "a held-back case runs and says so" 0 "held back" -- \
  "$saqr" check nasa --shared "$shared" --out "$tmp/out4" 4
expect "case 14 (never flown here) is refused" 2 'unknown case "14"' -- \
  "$saqr" check nasa --shared "$shared" --out "$tmp/o" 14
expect "F-16 cases 11 and 12 trim, hold altitude and speed, and pass" 0 "case 12: PASS" -- \
  "$saqr" check nasa --shared "$shared" --out "$tmp/f16" 11 12
grep -q "case 11: PASS" "$tmp/out" && grep -q "trim (straight and level" "$tmp/out" \
  && grep -q "hold  altitude .*: ok" "$tmp/out" && grep -q "held back" "$tmp/out" \
  && [ "$(wc -l < "$tmp/f16/Atmos_11.csv")" -eq 1802 ] && [ "$(wc -l < "$tmp/f16/Atmos_12.csv")" -eq 1802 ] \
  && echo "ok   Atmos_11.csv and Atmos_12.csv hold 180 s at 0.1 s; the trim and the holds are reported" \
  || { echo "FAIL F-16 case 11/12 report or CSV rows"; sed 's/^/    /' "$tmp/out" | head -30; fails=$((fails + 1)); }
expect "F-16 autopilot steps 13.1 and 13.3 reach their commands" 0 "case 13p3: PASS" -- \
  "$saqr" check nasa --shared "$shared" --out "$tmp/f16" 13.1 13.3
expect "F-16 autopilot 13.2 (-5 kt) and 13.4 (2,000 ft offset) reach their commands" 0 "case 13p4: PASS" -- \
  "$saqr" check nasa --shared "$shared" --out "$tmp/f16" 13.2 13.4
grep -q "case 13p2: PASS" "$tmp/out" && grep -q "reach cross-track .*+2000 ft.*: ok" "$tmp/out" \
  && [ -f "$tmp/f16/Atmos_13p2.csv" ] && [ "$(wc -l < "$tmp/f16/Atmos_13p4.csv")" -eq 602 ] \
  && echo "ok   Atmos_13p2.csv and Atmos_13p4.csv (60 s at 0.1 s) written; the cross-track is judged" \
  || { echo "FAIL F-16 case 13.2/13.4 report or CSV rows"; sed 's/^/    /' "$tmp/out" | head -30; fails=$((fails + 1)); }
expect "F-16 navigator cases 15 and 16 circle at 3 nm over the pole and the date line" 0 "case 16: PASS" -- \
  "$saqr" check nasa --shared "$shared" --out "$tmp/f16" 15 16
grep -q "case 15: PASS" "$tmp/out" && grep -q "cross longitude .*180 deg: 2 times" "$tmp/out" \
  && grep -q "cross latitude .*0 deg: 1 time" "$tmp/out" && grep -q "reach range .*: ok" "$tmp/out" \
  && echo "ok   cases 15 and 16: range from the centre, date line and equator crossings reported" \
  || { echo "FAIL F-16 case 15/16 report"; sed 's/^/    /' "$tmp/out" | head -40; fails=$((fails + 1)); }
mkdir -p "$tmp/nostep"
sed 's|offset="2000"|offset="0"|' "$cases/atmos_13p4.xml" > "$tmp/nostep/atmos_13p4.xml"
expect "13.4 without the offset fails its cross-track criterion" 1 "case 13p4: FAIL" -- \
  "$saqr" check nasa --shared "$shared" --cases "$tmp/nostep" --out "$tmp/o" 13.4
sed 's|<set var="autopilotOn_disc">1</set>|<set var="autopilotOn_disc">0</set>|' "$cases/atmos_15.xml" > "$tmp/nostep/atmos_15.xml"
expect "15 with the navigator off leaves the circle and fails" 1 "case 15: FAIL" -- \
  "$saqr" check nasa --shared "$shared" --cases "$tmp/nostep" --out "$tmp/o" 15
sed 's|within="1"/>|within="0.01"/>|' "$cases/atmos_11.xml" > "$tmp/tight_11.xml"
mkdir -p "$tmp/tight" && mv "$tmp/tight_11.xml" "$tmp/tight/atmos_11.xml"
expect "a hold tighter than the trimmed drift fails the case" 1 "case 11: FAIL" -- \
  "$saqr" check nasa --shared "$shared" --cases "$tmp/tight" --out "$tmp/o" 11
expect "no command" 2 "usage" -- "$saqr"
for c in check daveml run compare qtg lesson fly campaign grade debrief export trainee instructor airframe \
         progress serve sorties; do
  expect "$c --help: its usage, exit 0" 0 "$c" -- "$saqr" "$c" --help
done
expect "unknown command" 2 'unknown command "fly-to-the-moon"' -- "$saqr" fly-to-the-moon
expect "unknown case number" 2 'unknown case "99"' -- "$saqr" check nasa --shared "$shared" 99
expect "case name that is not a number" 2 '"sphere" is not a case name' -- "$saqr" check nasa sphere
expect "option without value" 2 "--out needs a value" -- "$saqr" check nasa --out
expect "unknown option" 2 "unknown option --fast" -- "$saqr" check nasa --fast

mkdir -p "$tmp/bad"
cp "$cases/atmos_01.xml" "$tmp/bad/atmos_01.xml"
printf '<checkcase id="01" reference="x">\n  <earth model="wgs84"/>\n  <duration>30\n</checkcase>\n' > "$tmp/bad/atmos_02.xml"
sed 's|<altitude unit="FT">30000</altitude>|<altitude unit="FT">nan</altitude>|' "$cases/atmos_01.xml" > "$tmp/bad/atmos_03.xml"
sed 's|models/cannonball_aero.dml|models/no_such_model.dml|' "$cases/atmos_01.xml" > "$tmp/bad/atmos_04.xml"
sed 's|<altitude unit="FT">|<altitude unit="PARSEC">|' "$cases/atmos_01.xml" > "$tmp/bad/atmos_05.xml"
sed 's|model="wgs84"|model="discworld"|' "$cases/atmos_01.xml" > "$tmp/bad/atmos_06.xml"
sed 's|<set var="CD">0</set>|<set var="NO_SUCH_VAR">0</set>|' "$cases/atmos_01.xml" > "$tmp/bad/atmos_07.xml"
head -c 3000 /dev/urandom > "$tmp/bad/atmos_08.xml"
sed 's|<velocity-ned unit="FT/SEC">0 0 0</velocity-ned>|<velocity-ned unit="FT/SEC">0 1e999 0</velocity-ned>|' "$cases/atmos_01.xml" > "$tmp/bad/atmos_09.xml"
printf '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>\n<checkcase id="&c;" reference="x"/>\n' > "$tmp/bad/atmos_10.xml"

run_bad() { "$saqr" check nasa --shared "$shared" --cases "$tmp/bad" --out "$tmp/o" "$@"; }
expect "a valid case in another folder" 0 "PASS" -- run_bad 1
expect "malformed XML names file and line" 2 "atmos_02.xml:[0-9]+: not well-formed XML: Premature end of data" -- run_bad 2
expect "NaN altitude names file and line" 2 "atmos_03.xml:[0-9]+: <altitude> needs 1 finite number" -- run_bad 3
expect "missing model file is named" 2 "no_such_model.dml" -- run_bad 4
expect "unknown unit is named with its line" 2 'atmos_05.xml:[0-9]+: <altitude> has an unknown or unsuitable unit "PARSEC"' -- run_bad 5
expect "unknown earth model" 2 'atmos_06.xml:[0-9]+: unknown earth model "discworld"' -- run_bad 6
expect "override of an absent variable" 2 'no variable "NO_SUCH_VAR"' -- run_bad 7
expect "random bytes are refused" 2 "atmos_08.xml:[0-9]+: not well-formed XML" -- run_bad 8
expect "infinite velocity is refused" 2 "atmos_09.xml:[0-9]+: <velocity-ned> needs 3 finite numbers" -- run_bad 9
expect "entity expansion is not followed" 2 "atmos_10.xml" -- run_bad 10
expect "missing shared folder" 2 "cannot open|No such file" -- "$saqr" check nasa --shared "$tmp/nowhere" --out "$tmp/o" 1
expect "unwritable output folder" 2 "cannot create|cannot write" -- "$saqr" check nasa --shared "$shared" --out /proc/saqr-out 1

# ---- saqr run and saqr compare (JSBSim scripts and CSV comparison) -----
jsb="$shared/reference/jsbsim"
mkdir -p "$tmp/run"
cat > "$tmp/run/dir.xml" <<'XML'
<output name="alt.csv" type="CSV" rate="20">
  <property> position/h-sl-ft </property>
  <property caption="vc"> velocities/vc-kts </property>
</output>
XML
in_run_dir() { (cd "$tmp/run" && "$@"); }
# Waits up to 10 s for a helper to create file $1 (it is ready then).
wait_for_file() {
  for _ in $(seq 100); do [ -e "$1" ] && return 0; sleep 0.1; done
  echo "FAIL a helper did not get ready ($1)"; fails=$((fails + 1))
}
expect "run --help lists JSBSim's options" 0 "--logdirectivefile=FILE" -- "$saqr" run --help
expect "run without a script or aircraft" 2 "nothing to run" -- "$saqr" run
expect "run with a missing script names it" 2 "no_such_script.xml" -- "$saqr" run --root="$jsb" --script=scripts/no_such_script.xml
expect "run with script and aircraft" 2 "not both" -- "$saqr" run --root="$jsb" --script=scripts/c1723.xml --aircraft=c172x
expect "run with an unknown option" 2 "unknown option --fly" -- "$saqr" run --fly=yes
expect "run with an option lacking its value" 2 "--root needs a value" -- "$saqr" run --root
expect "run with a property without a value" 2 'wants NAME=VALUE, not "fcs/throttle-cmd-norm"' -- \
  in_run_dir "$saqr" run --root="$jsb" --script=scripts/c1723.xml --end=1 --property=fcs/throttle-cmd-norm
expect "run with a bad end time" 2 "--end=soon is not a time" -- "$saqr" run --root="$jsb" --script=scripts/c1723.xml --end=soon
expect "run with an unknown property" 2 "no property by the name no/such-thing" -- \
  in_run_dir "$saqr" run --root="$jsb" --script=scripts/c1723.xml --property=no/such-thing=1
expect "run with a property value that is not a number" 2 'fcs/throttle-cmd-norm: "abc" is not a finite number' -- \
  in_run_dir "$saqr" run --root="$jsb" --script=scripts/c1723.xml --end=1 --property=fcs/throttle-cmd-norm=abc
expect "run with a NaN property value" 2 'fcs/throttle-cmd-norm: "nan" is not a finite number' -- \
  in_run_dir "$saqr" run --root="$jsb" --script=scripts/c1723.xml --end=1 --property=fcs/throttle-cmd-norm=nan
expect "run with random bytes as output directives" 2 "garbage.xml:[0-9]+: not well-formed XML" -- \
  bash -c "head -c 500 /dev/urandom > '$tmp/garbage.xml'; cd '$tmp/run' && '$saqr' run --root='$jsb' \
    --script=scripts/c1723.xml --end=1 --logdirectivefile='$tmp/garbage.xml'"
expect "run --nohighlight is accepted with a warning" 2 "--nohighlight is ignored" -- "$saqr" run --nohighlight
t0=$(date +%s%N)
expect "run --nice sleeps 10 ms a frame" 0 "after 25 frames" -- \
  in_run_dir "$saqr" run --root="$jsb" --script=scripts/c1723.xml --end=0.2 --nice
t1=$(date +%s%N)
[ $(( (t1 - t0) / 1000000 )) -ge 250 ] && echo "ok   ... 25 frames took $(( (t1 - t0) / 1000000 )) ms" \
  || { echo "FAIL --nice: 25 frames in $(( (t1 - t0) / 1000000 )) ms"; fails=$((fails + 1)); }
expect "run --suspend without a property server is a warning" 0 "suspend is ignored: without a property server" -- \
  in_run_dir "$saqr" run --root="$jsb" --script=scripts/c1723.xml --end=0.1 --suspend
expect "run flies c1723 for 2 s with notifications" 0 "engine start \(Event 0\) executed at time: 0.258333" -- \
  in_run_dir "$saqr" run --root="$jsb" --script=scripts/c1723.xml --logdirectivefile="$tmp/run/dir.xml" --end=2
head -1 "$tmp/run/alt.csv" | grep -qx "Time,/fdm/jsbsim/position/h-sl-ft,vc" \
  && [ "$(wc -l < "$tmp/run/alt.csv")" -eq 42 ] && [ "$(sed -n '3p' "$tmp/run/alt.csv" | cut -d, -f1)" = 0.05 ] \
  && echo "ok   alt.csv has JSBSim's header and 41 rows at 20 Hz from t = 0" \
  || { echo "FAIL alt.csv header/rows"; fails=$((fails + 1)); }
expect "run renames the first output with --outputlogfile" 0 "stopped at t" -- \
  in_run_dir "$saqr" run --root="$jsb" --script=scripts/c1723.xml --logdirectivefile="$tmp/run/dir.xml" \
  --outputlogfile=renamed.csv --end=0.1
[ -s "$tmp/run/renamed.csv" ] && echo "ok   --outputlogfile names the aircraft's output file" \
  || { echo "FAIL --outputlogfile"; fails=$((fails + 1)); }
cat > "$tmp/run/ondemand.xml" <<'XML'
<output name="ondemand.csv" type="CSV" rate="1">
  <property> position/distance-from-start-mag-mt </property>
  <property> orbital/specific-angular-momentum-ft2_sec </property>
</output>
XML
in_run_dir "$saqr" run --root="$jsb" --script=scripts/c1723.xml --logdirectivefile="$tmp/run/ondemand.xml" --end=20 \
  >/dev/null 2>&1
awk -F, 'NR == 2 && $3 > 2e10 { a = 1 } NR == 22 && $2 > 50 && $3 > 2e10 { b = 1 } END { exit !(a && b) }' \
  "$tmp/run/ondemand.csv" \
  && echo "ok   output directives write the properties worked out when read (distance from start, orbital)" \
  || { echo "FAIL on-demand properties in an output file"; fails=$((fails + 1)); }
expect "run --compile flies the same script" 0 "stopped at t" -- \
  in_run_dir "$saqr" run --compile --root="$jsb" --script=scripts/c1723.xml --logdirectivefile="$tmp/run/dir.xml" \
  --outputlogfile=compiled.csv --end=2
in_run_dir "$saqr" run --root="$jsb" --script=scripts/c1723.xml --logdirectivefile="$tmp/run/dir.xml" \
  --outputlogfile=interpreted.csv --end=2 >/dev/null 2>&1
cmp -s "$tmp/run/compiled.csv" "$tmp/run/interpreted.csv" && [ -s "$tmp/run/compiled.csv" ] \
  && echo "ok   run --compile writes the same CSV, byte for byte, as the interpreter" \
  || { echo "FAIL run --compile output differs"; fails=$((fails + 1)); }
# JSBSim's other command-line forms
expect "run takes a script named without an option" 0 "stopped at t = 1.00833 s after 121 frames" -- \
  in_run_dir "$saqr" run --root="$jsb" scripts/c1723.xml --end=1
expect "run takes an aircraft and its initialisation file named without options" 0 "stopped at t = 1.00833 s" -- \
  in_run_dir "$saqr" run --root="$jsb" c172x reset01 --end=1
printf '<output name="pos1.csv" type="CSV" rate="1"><property>position/h-sl-ft</property></output>' > "$tmp/run/pos1.xml"
printf '<output name="pos2.csv" type="CSV" rate="1"><property>velocities/vc-kts</property></output>' > "$tmp/run/pos2.xml"
expect "run takes two output directive files named without options" 0 "stopped at t" -- \
  in_run_dir "$saqr" run --root="$jsb" scripts/c1723.xml pos1.xml pos2.xml --end=1
[ -s "$tmp/run/pos1.csv" ] && [ -s "$tmp/run/pos2.csv" ] && echo "ok   ... each writes its own file" \
  || { echo "FAIL two positional directive files"; fails=$((fails + 1)); }
expect "run with a name that is no file or aircraft" 2 '"nothing.xml" is neither an option nor a script' -- \
  in_run_dir "$saqr" run --root="$jsb" nothing.xml
expect "run --catalog lists the aircraft's properties" 0 "Property Catalog for Cessna C-172 Skyhawk II" -- \
  "$saqr" run --root="$jsb" --catalog=c172x
grep -qx "    velocities/vc-kts" "$tmp/out" && grep -qx "    fcs/elevator-cmd-norm" "$tmp/out" \
  && echo "ok   ... one property a line, as JSBSim's" || { echo "FAIL catalog lines"; fails=$((fails + 1)); }
expect "run --catalog with a script" 2 "give it no script" -- "$saqr" run --root="$jsb" --catalog --script=scripts/c1723.xml
expect "run --simulation-rate in Hz overrides the script's step" 0 "after 60 frames of 0.0166667 s" -- \
  in_run_dir "$saqr" run --root="$jsb" --script=scripts/c1723.xml --end=1 --simulation-rate=60
expect "run --simulation-rate below 1 is the step" 0 "after 50 frames of 0.02 s" -- \
  in_run_dir "$saqr" run --root="$jsb" --script=scripts/c1723.xml --end=1 --simulation-rate=0.02
expect "run --simulation-rate that is no rate" 2 "--simulation-rate=fast is not a step" -- \
  "$saqr" run --root="$jsb" --script=scripts/c1723.xml --simulation-rate=fast
mkdir -p "$tmp/run/outpath"
expect "run --outputpath puts the output files there" 0 "stopped at t" -- \
  in_run_dir "$saqr" run --root="$jsb" --script=scripts/c1723.xml --end=0.5 --logdirectivefile="$tmp/run/dir.xml" \
  --outputpath="$tmp/run/outpath"
[ -s "$tmp/run/outpath/alt.csv" ] && [ -s "$tmp/run/outpath/JSBout172B.csv" ] \
  && echo "ok   --outputpath holds the script's and the directives' files" \
  || { echo "FAIL --outputpath"; ls -la "$tmp/run/outpath"; fails=$((fails + 1)); }
expect "run --planet is refused" 2 "--planet is not supported" -- "$saqr" run --root="$jsb" --planet=moon.xml
expect "run --version" 0 "JSBSim" -- "$saqr" run --version
v=$(sed -n 's/^#define SAQR_VERSION_STRING "\(.*\)"$/\1/p' "$(dirname "$0")/../../include/saqr.h")
expect "--version names saqr's and libsaqr's, the header's" 0 "^saqr $v \(libsaqr $v\)$" -- "$saqr" --version
# JSBSim's template functions: defined in an output directive of the
# script (with file=, merged), applied in a notification and a column
mkdir -p "$tmp/tpl"
cat > "$tmp/tpl/conversions.xml" <<'XML'
<output>
  <function name="kt-to-kmh" type="template">
    <product> <property> # </property> <value> 1.852 </value> </product>
  </function>
</output>
XML
cat > "$tmp/tpl/tpl.xml" <<'XML'
<?xml version="1.0"?>
<runscript name="templates">
  <use aircraft="c172x" initialize="reset01"/>
  <run start="0" end="0.05" dt="0.0083333">
    <event name="speeds">
      <condition> simulation/sim-time-sec ge 0.0 </condition>
      <notify>
        <property> velocities/vc-kts </property>
        <property apply="kt-to-kmh" caption="vc-kmh"> velocities/vc-kts </property>
      </notify>
    </event>
  </run>
  <output name="speeds.csv" type="CSV" rate="120" file="conversions.xml">
    <property> velocities/vc-kts </property>
    <property apply="kt-to-kmh"> velocities/vc-kts </property>
  </output>
</runscript>
XML
expect "run: a template function applied in a notification" 0 "vc-kmh = " -- \
  bash -c "cd '$tmp/tpl' && '$saqr' run --root='$jsb' --script='$tmp/tpl/tpl.xml'"
awk -F' = ' '/velocities\/vc-kts = /{kt=$2} /vc-kmh = /{kmh=$2} END{d=kmh-kt*1.852; if (d<0) d=-d; exit !(kt>50 && d<1e-3*kmh)}' "$tmp/out" \
  && echo "ok   ... the notified value is the airspeed in km/h" || { echo "FAIL template in a notification"; fails=$((fails + 1)); }
head -1 "$tmp/tpl/speeds.csv" | grep -qx "Time,/fdm/jsbsim/velocities/vc-kts,kt-to-kmh(/fdm/jsbsim/velocities/vc-kts)" \
  && awk -F, 'NR==3{d=$3-$2*1.852; if (d<0) d=-d; ok=($2>50 && d<1e-9*$3)} END{exit !ok}' "$tmp/tpl/speeds.csv" \
  && echo "ok   the output directive's file= merged, and its template applied in a column" \
  || { echo "FAIL template in an output column"; head -3 "$tmp/tpl/speeds.csv"; fails=$((fails + 1)); }
# JSBSim's FLIGHTGEAR output (FlightGear's native FDM packets over UDP) and
# --realtime: a listener counts the packets of a 2 s flight at 10 Hz
mkdir -p "$tmp/fg"
cat > "$tmp/fg/fg.xml" <<'XML'
<output name="127.0.0.1" type="FLIGHTGEAR" port="FG_PORT" protocol="UDP" rate="10"/>
XML
sed -i "s/FG_PORT/$fg_port/" "$tmp/fg/fg.xml"
cat > "$tmp/fg/listen.py" <<'PY'
import socket, struct, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", int(sys.argv[1])))
open(sys.argv[2], "w").close()   # bound: the run may start sending
s.settimeout(4)
n, bad, lat = 0, 0, None
try:
    while True:
        d = s.recv(4096)
        n += 1
        if len(d) != 408 or struct.unpack(">I", d[:4])[0] != 24:
            bad += 1
        lat = struct.unpack(">d", d[16:24])[0]
except socket.timeout:
    pass
print(n, bad, lat)
PY
python3 "$tmp/fg/listen.py" "$fg_port" "$tmp/fg/bound" > "$tmp/fg/got.txt" &
listener=$!
# the first packet goes out at once: wait until the listener holds its port
# (a fixed pause lost a packet on a loaded machine)
wait_for_file "$tmp/fg/bound"
t0=$(date +%s%N)
expect "run --realtime sends FlightGear packets" 0 "FlightGear packets to 127.0.0.1:$fg_port at 10 Hz" -- \
  in_run_dir "$saqr" run --root="$jsb" --script=scripts/c1723.xml --end=2 --realtime --logdirectivefile="$tmp/fg/fg.xml"
t1=$(date +%s%N)
wait "$listener"
read -r n bad lat < "$tmp/fg/got.txt"
# 21 packets: the first row, then every 0.1 s; latitude of c1723 (29.59 deg = 0.5164 rad..0.5200)
[ "$n" = 21 ] && [ "$bad" = 0 ] && awk -v l="$lat" 'BEGIN { exit !(l > 0.51 && l < 0.53) }' \
  && echo "ok   21 native FDM packets of 408 bytes, version 24, with the aircraft's latitude" \
  || { echo "FAIL FlightGear packets: $n sent, $bad malformed, latitude $lat"; fails=$((fails + 1)); }
wall_ms=$(( (t1 - t0) / 1000000 ))
[ "$wall_ms" -ge 1900 ] && [ "$wall_ms" -lt 10000 ] && echo "ok   --realtime took ${wall_ms} ms for 2 s of flight" \
  || { echo "FAIL --realtime took ${wall_ms} ms for 2 s"; fails=$((fails + 1)); }
# Ctrl-C ends a real-time run cleanly: the output file is whole
(cd "$tmp/run" && exec "$saqr" run --root="$jsb" --script=scripts/c1723.xml --end=60 --realtime \
   --logdirectivefile="$tmp/run/dir.xml" --outputlogfile=interrupted.csv > "$tmp/fg/int.txt" 2>&1) &
runner=$!
sleep 1.5
kill -INT "$runner"
wait "$runner"; rc=$?
[ "$rc" = 0 ] && grep -q "(interrupted)" "$tmp/fg/int.txt" && [ "$(tail -c 1 "$tmp/run/interrupted.csv" | od -An -c | tr -d ' ')" = '\n' ] \
  && [ "$(wc -l < "$tmp/run/interrupted.csv")" -ge 10 ] \
  && echo "ok   Ctrl-C ends a real-time run with its output file closed" \
  || { echo "FAIL Ctrl-C on --realtime: exit $rc"; cat "$tmp/fg/int.txt"; fails=$((fails + 1)); }
expect "run with a FLIGHTGEAR output without a port" 2 "needs a port= from 1 to 65535" -- \
  bash -c "printf '<output name=\"localhost\" type=\"FLIGHTGEAR\"/>' > '$tmp/fg/noport.xml'; cd '$tmp/run' && \
    '$saqr' run --root='$jsb' --script=scripts/c1723.xml --end=0.1 --logdirectivefile='$tmp/fg/noport.xml'"
# JSBSim's property server (<input port="N"/>): the Super Mushak of this
# repository with the element added, flown in real time; a client holds
# the clock, reads info, sets and reads properties, iterates 12 frames,
# and quits
rm -rf "$tmp/tn" && mkdir -p "$tmp/tn/aircraft" && cp -r "$(dirname "$0")/../../aircraft/super-mushak" "$tmp/tn/aircraft/"
sed -i "s|</fdm_config>|  <input port=\"$server_port\"/>\n</fdm_config>|" "$tmp/tn/aircraft/super-mushak/super-mushak.xml"
cat > "$tmp/tn/client.py" <<'PY'
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5)
def read_prompt():
    data = b""
    while not data.endswith(b"JSBSim> "):
        chunk = s.recv(4096)
        if not chunk:
            raise SystemExit("connection closed")
        data += chunk
    return data.decode()
def talk(line):
    s.sendall((line + "\r\n").encode())
    return read_prompt().splitlines()[0]
read_prompt()
# --suspend: held from the start
print(talk("get simulation/sim-time-sec"))
# info read as JSBSim's TestInputSocket reads it: version, aircraft, time
s.sendall(b"info\r\n")
info = read_prompt().splitlines()
print("info %s/%s/%g" % (info[1].split(":")[1].strip(), info[2].split(":")[1].strip(),
                         float(info[3].split(":")[1])))
print(talk("resume"))
time.sleep(0.3)
print(talk("hold"))
t1 = talk("get simulation/sim-time-sec")
time.sleep(0.3)
t2 = talk("get simulation/sim-time-sec")
print("held" if t1 == t2 else "NOT HELD %s %s" % (t1, t2))
print(talk("set fcs/throttle-cmd-norm 0.25"))
print(talk("get fcs/throttle-cmd-norm"))
print(talk("iterate 12"))
time.sleep(0.5)
t3 = float(talk("get simulation/sim-time-sec").split("=")[1])
print("iterated %.4f" % (t3 - float(t1.split("=")[1])))
print(talk("get no/such"))
print(talk("x" * 5000))
print(talk("resume"))
s.sendall(b"quit\r\n")
print(s.recv(100).decode().strip())
PY
(cd "$tmp/tn" && exec "$saqr" run --root="$tmp/tn" --aircraft=super-mushak --initfile=reset00 --end=4 --realtime \
   --suspend > "$tmp/tn/run.out" 2>&1) &
server=$!
sleep 1
# a client that fails part way would leave the server held for ever:
# stop it then (the check below fails on the client's account)
python3 "$tmp/tn/client.py" "$server_port" > "$tmp/tn/client.out" 2>&1 || kill "$server" 2>/dev/null
wait "$server"; rc=$?
want="simulation/sim-time-sec = +0$|info 2.0/PAC Super Mushak/0$|Resuming|Holding|held|set successful|fcs/throttle-cmd-norm = +0.25|Iterations performed|iterated 0.1000|Unknown property|Line too long|Resuming|Closing connection"
# each line of the client's account matches its pattern, in order
[ "$rc" = 0 ] && grep -q "property server on 127.0.0.1:$server_port" "$tmp/tn/run.out" \
  && awk -v want="$want" 'BEGIN { n = split(want, w, "|") } $0 !~ w[NR] { bad = 1 } END { exit !(NR == n && !bad) }' \
       "$tmp/tn/client.out" \
  && echo "ok   the property server: hold, get, info, set, iterate 12 frames (0.1 s), bad lines, resume, quit" \
  || { echo "FAIL property server (exit $rc)"; cat "$tmp/tn/client.out" "$tmp/tn/run.out"; fails=$((fails + 1)); }
python3 -c "
import socket, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('127.0.0.1', $server_port)); s.listen(1); open('$tmp/tn/held', 'w').close(); time.sleep(4)" &
holder=$!
wait_for_file "$tmp/tn/held"
expect "run with the server's port taken flies without the server" 0 "flying without the property server" -- \
  bash -c "cd '$tmp/tn' && '$saqr' run --root='$tmp/tn' --aircraft=super-mushak --initfile=reset00 --end=0.2"
kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null
expect "run with an <input> without a port" 2 "needs a port= from 1 to 65535" -- \
  bash -c "sed -i 's|<input port=\"$server_port\"/>|<input/>|' '$tmp/tn/aircraft/super-mushak/super-mushak.xml' && \
    '$saqr' run --root='$tmp/tn' --aircraft=super-mushak --initfile=reset00 --end=0.1"
expect "run --compile with a compiler that fails warns and runs interpreted" 0 "C compiler false failed.*running interpreted" -- \
  in_run_dir "$saqr" run --compile=false --root="$jsb" --script=scripts/c1723.xml --end=0.1
expect "run --compile= with no compiler" 2 "needs a compiler" -- "$saqr" run --compile= --root="$jsb" --script=scripts/c1723.xml

# simulation/do_linearization: JSBSim's <aircraft>_lin.sce in the working
# folder (the c172x: 13 states with its propeller's speed, 4 inputs)
mkdir -p "$tmp/lin"
cat > "$tmp/lin/lin.xml" <<'XML'
<?xml version="1.0"?>
<runscript name="c172x trimmed and linearised">
  <use aircraft="c172x" initialize="reset01"/>
  <run start="0" end="1" dt="0.0083333">
    <event name="engine">
      <condition> simulation/sim-time-sec ge 0.01 </condition>
      <set name="fcs/mixture-cmd-norm" value="0.87"/>
      <set name="propulsion/set-running" value="-1"/>
    </event>
    <event name="trim and linearise">
      <condition> simulation/sim-time-sec gt 0.5 </condition>
      <set name="simulation/do_simple_trim" value="1"/>
      <set name="simulation/do_linearization" value="0"/>
    </event>
  </run>
</runscript>
XML
expect "run: do_linearization writes the linear model where JSBSim does" 0 "linear model \(13 states, 4 inputs\) written" -- \
  bash -c "cd '$tmp/lin' && '$saqr' run --root='$jsb' --script='$tmp/lin/lin.xml'"
sce="$tmp/lin/Cessna C-172 Skyhawk II_lin.sce"
[ -f "$sce" ] && grep -q "^Cessna C-172 Skyhawk II.sys = syslin('c',..$" "$sce" \
  && [ "$(sed -n '/^Cessna C-172 Skyhawk II.x0=/,/];$/p' "$sce" | grep -c 'e[+-]')" -eq 13 ] \
  && [ "$(awk '/syslin/{on=1;next} on&&/\],\.\.$/{print n+1; exit} on{n++}' "$sce")" -eq 13 ] \
  && [ "$(sed -n '/syslin/{n;p}' "$sce" | tr ',' '\n' | grep -c 'e[+-]')" -eq 13 ] \
  && echo "ok   the .sce holds x0 of 13 states and a 13 x 13 A, as JSBSim's" \
  || { echo "FAIL linear model file"; ls -la "$tmp/lin"; head -30 "$sce"; fails=$((fails + 1)); }
# a folder where the file would go: not writable, even for root
mkdir -p "$tmp/lin/ro/Cessna C-172 Skyhawk II_lin.sce"
expect "run: a linear model that cannot be written is a warning, the run goes on" 0 "warning: cannot write the linear model.*Is a directory" -- \
  bash -c "cd '$tmp/lin/ro' && '$saqr' run --root='$jsb' --script='$tmp/lin/lin.xml' 2>&1"
grep -q "stopped at t" "$tmp/out" && echo "ok   ... and the run reached its end" \
  || { echo "FAIL the run stopped after the linear model's write failed"; fails=$((fails + 1)); }

printf 'Time,/fdm/jsbsim/x,y\n0,0,5\n1,1,5\n2,4,5\n' > "$tmp/a.csv"
printf 'Time,x,z\n0,0,1\n2,4,1\n' > "$tmp/b.csv"
printf 'Time,q\n0,1\n' > "$tmp/c.csv"
expect "compare interpolates B to A's times" 0 "x +1 +1\.0000" -- "$saqr" compare "$tmp/a.csv" "$tmp/b.csv"
expect "compare passes within a tolerance" 0 "x .* yes" -- "$saqr" compare "$tmp/a.csv" "$tmp/b.csv" --tol x=1
expect "compare fails beyond a tolerance" 1 "1 over tolerance" -- "$saqr" compare "$tmp/a.csv" "$tmp/b.csv" --tol /fdm/jsbsim/x=0.5
expect "compare with a missing file" 2 "nowhere.csv" -- "$saqr" compare "$tmp/a.csv" "$tmp/nowhere.csv"
printf 'Time,x\n0,1\n1,nan\n2,3\n' > "$tmp/nan.csv"
printf 'Time,x\n0,1\n1,2\n2,3\n' > "$tmp/num.csv"
printf 'Time,x\n5,1\n6,2\n' > "$tmp/late.csv"
expect "compare: a value that is not a number against one that is fails any tolerance" 1 "x +inf +1\.0000 .* NO" -- \
  "$saqr" compare "$tmp/nan.csv" "$tmp/num.csv" --tol x=1000
expect "compare: not a number on both sides is alike" 0 "0 over tolerance" -- \
  "$saqr" compare "$tmp/nan.csv" "$tmp/nan.csv" --tol x=0
expect "compare: no common times fails a tolerance, not passes it" 1 "1 over tolerance" -- \
  "$saqr" compare "$tmp/num.csv" "$tmp/late.csv" --tol x=1
expect "compare with no shared column" 2 "share no column" -- "$saqr" compare "$tmp/a.csv" "$tmp/c.csv"
expect "compare --html: the page is written too" 1 "wrote $tmp/cmp\.html" -- \
  "$saqr" compare "$tmp/a.csv" "$tmp/b.csv" --tol x=0.5 --html "$tmp/cmp.html"
grep -q '<tr data-column="x"><td><a href="#c0">x</a></td><td>1</td><td>1.0000</td><td>0.5</td><td class="no">NO</td></tr>' \
  "$tmp/cmp.html" && [ "$(grep -o '<svg' "$tmp/cmp.html" | wc -l)" -eq 2 ] \
  && grep -q '<polyline class="a"' "$tmp/cmp.html" && grep -q '<polyline class="b"' "$tmp/cmp.html" \
  && grep -q '<circle class="worst"' "$tmp/cmp.html" && grep -q '1 column over tolerance' "$tmp/cmp.html" \
  && echo "ok   compare --html: the row as printed, A, B and their difference plotted, the worst point marked" \
  || { echo "FAIL compare --html page"; fails=$((fails + 1)); }
expect "compare --html into a folder that does not exist (exit 2)" 2 "no-dir/c\.html" -- \
  "$saqr" compare "$tmp/a.csv" "$tmp/b.csv" --html "$tmp/no-dir/c.html"
expect "compare --html without a file (exit 2)" 2 "--html needs a file" -- "$saqr" compare "$tmp/a.csv" "$tmp/b.csv" --html

expect "compare with a bad tolerance" 2 "--tol wants NAME=VALUE" -- "$saqr" compare "$tmp/a.csv" "$tmp/b.csv" --tol x
expect "compare with an unknown column" 2 'column "y" is not in both files' -- "$saqr" compare "$tmp/a.csv" "$tmp/b.csv" --columns y
expect "compare with random bytes" 2 "random.csv" -- bash -c "head -c 2000 /dev/urandom > '$tmp/random.csv'; '$saqr' compare '$tmp/random.csv' '$tmp/b.csv'"

# ---- saqr run in place of JSBSim: its output files against JSBSim's ---------
# Each reference run's columns as an output directive at JSBSim's 20 Hz,
# flown with `saqr run` as one would fly JSBSim, and the files compared
# with `saqr compare` at the issue's targets over the whole run - the
# first row (t = 0, written before the initial conditions start the
# engines, as JSBSim's RunIC writes it) and the rows after each reset
# (NAME_0.csv, NAME_1.csv) included.
mkdir -p "$tmp/swap"
swap_tol=(--tol position/h-sl-ft=5 --tol velocities/vc-kts=0.5 --tol attitude/phi-deg=0.5
  --tol attitude/theta-deg=0.5 --tol attitude/psi-deg=0.5)
for s in c1722 c1723 c172_cruise_8K c172_elevator_doublet c172_head_wind c172_cross_wind f16_runway_test; do
  { echo '<output name="swap.csv" type="CSV" rate="20">'
    head -1 "$jsb/expected/$s.csv" | tr -d '\r' | tr ',' '\n' | tail -n +2 | sed 's#^/fdm/jsbsim/\(.*\)#  <property>\1</property>#'
    echo '</output>'; } > "$tmp/swap/$s.xml"
  tol=("${swap_tol[@]}")
  case $s in c1*) tol+=(--tol propulsion/engine/engine-rpm=10) ;; esac
  rm -f "$tmp"/swap/swap*.csv
  (cd "$tmp/swap" && "$saqr" run --root="$jsb" --script="scripts/$s.xml" --logdirectivefile="$tmp/swap/$s.xml" >/dev/null 2>&1)
  ok=1 segs=0
  for seg in "" _0 _1; do
    [ -f "$jsb/expected/$s$seg.csv" ] || continue
    segs=$((segs + 1))
    "$saqr" compare "$tmp/swap/swap$seg.csv" "$jsb/expected/$s$seg.csv" "${tol[@]}" > "$tmp/swap/cmp" 2>&1 \
      || { ok=0; grep -E "NO$|compare:" "$tmp/swap/cmp" | sed "s/^/    $s$seg: /"; }
  done
  if [ "$s" = c172_elevator_doublet ]; then # the page's table says what the text says, column by column
    "$saqr" compare "$tmp/swap/swap.csv" "$jsb/expected/$s.csv" --html "$tmp/swap/doublet.html" > "$tmp/swap/text" 2>&1
    awk 'NR > 3 && NF == 3 && $1 ~ /\// { printf "%s %s %s\n", $1, $2, $3 }' "$tmp/swap/text" | sort > "$tmp/swap/t1"
    sed -n 's#^<tr data-column="\([^"]*\)"><td><a href="\#c[0-9]*">[^<]*</a></td><td>\([^<]*\)</td><td>\([^<]*\)</td>.*#\1 \2 \3#p' \
      "$tmp/swap/doublet.html" | sort > "$tmp/swap/t2"
    [ -s "$tmp/swap/t1" ] && cmp -s "$tmp/swap/t1" "$tmp/swap/t2" \
      && [ "$(grep -c '<figure id="c' "$tmp/swap/doublet.html")" -eq "$(wc -l < "$tmp/swap/t1")" ] \
      && echo "ok   compare --html on $s against JSBSim: the page's $(wc -l < "$tmp/swap/t1") rows as printed, a plot each" \
      || { echo "FAIL compare --html on $s"; diff "$tmp/swap/t1" "$tmp/swap/t2" | head -5; fails=$((fails + 1)); }
  fi
  [ "$ok" = 1 ] && echo "ok   saqr run $s writes what JSBSim wrote ($segs file(s), the whole run from t = 0)" \
    || { echo "FAIL saqr run $s against JSBSim's own output"; fails=$((fails + 1)); }
done

# ---- saqr run on broken JSBSim aircraft: file:line, exit 2, no crash -----
# Each case is a copy of the reference root with one line of the c172x (or
# its engine or autopilot file) corrupted; unknown elements only warn.
jbad() {   # jbad NAME FILE SED-EXPRESSION: a corrupted copy in $tmp/jb_NAME
  rm -rf "$tmp/jb_$1"; mkdir -p "$tmp/jb_$1"
  cp -r "$jsb/aircraft" "$jsb/engine" "$jsb/systems" "$jsb/scripts" "$tmp/jb_$1/"
  sed -i "$3" "$tmp/jb_$1/$2"
}
# (in $tmp: the c172x's <output> writes JSBout172B.csv in the current folder)
jrun() { (cd "$tmp" && "$saqr" run --root="$tmp/jb_$1" --aircraft=c172x --initfile=reset01 --end=0.05); }
AC=aircraft/c172x/c172x.xml
jbad unknown_el $AC 's|<wingarea unit="FT2">|<bogus_metric/><wingarea unit="FT2">|'
jbad unknown_attr $AC 's|<wingarea unit="FT2">|<wingarea unit="FT2" colour="red">|'
jbad malformed $AC 's|</chord>|</chords>|'
jbad bad_number $AC 's|<wingarea unit="FT2"> 174.0 </wingarea>|<wingarea unit="FT2"> 17x4.0 </wingarea>|'
jbad nan_number $AC 's|<emptywt unit="LBS"> 1454.0 </emptywt>|<emptywt unit="LBS"> nan </emptywt>|'
jbad bad_unit $AC 's|<wingarea unit="FT2">|<wingarea unit="PARSEC">|'
jbad missing_engine $AC 's|<engine file="eng_io320">|<engine file="eng_nope">|'
jbad undefined_prop $AC 's|<input>fcs/pitch-trim-cmd-norm</input>|<input>fcs/no-such-input</input>|'
jbad unsorted $AC 's|0.2  1.073|0.12  1.073|'
jbad engine_number engine/eng_io320.xml 's|<maxhp>                   160.0|<maxhp> 1x60.0|'
jbad system_unknown systems/Autopilot.xml 's|<pid name="ap/roll-rate-pid-control">|<pidd name="x"/><pid name="ap/roll-rate-pid-control">|'
jbad script_missing_ac scripts/c1723.xml 's|aircraft="c172x"|aircraft="c999"|'
head -c 4000 /dev/urandom > "$tmp/jb_unknown_attr/aircraft/c172x/random.xml"
expect "run: an unknown element warns with file:line and flies" 0 "c172x.xml:37: warning: unknown element <bogus_metric>" -- jrun unknown_el
expect "run: an unknown attribute warns with file:line and flies" 0 "c172x.xml:37: warning: unknown attribute colour=" -- jrun unknown_attr
expect "run: malformed XML names file:line" 2 "c172x.xml:39: not well-formed XML" -- jrun malformed
expect "run: a bad number names file:line" 2 'c172x.xml:37: <wingarea>: "17x4.0" is not a number' -- jrun bad_number
expect "run: NaN in a file names file:line" 2 'c172x.xml:65: <emptywt>: "nan" is not a number' -- jrun nan_number
expect "run: an unknown unit names file:line" 2 'c172x.xml:37: .*"PARSEC"' -- jrun bad_unit
expect "run: a missing engine file names file:line" 2 'c172x.xml:235: file "eng_nope" not found' -- jrun missing_engine
expect "run: a property nobody defines names file:line" 2 'c172x.xml:346: property "fcs/no-such-input" is read but nothing defines' -- jrun undefined_prop
expect "run: unsorted breakpoints name file:line" 2 'c172x.xml:[0-9]+: row breakpoints must increase.*line 552' -- jrun unsorted
expect "run: a bad number in an engine file names it" 2 'eng_io320.xml:18: <maxhp>: "1x60.0" is not a number' -- jrun engine_number
expect "run: an unknown component in a system file names it" 2 'Autopilot.xml:132: unknown flight-control component <pidd>' -- jrun system_unknown
expect "run: a missing aircraft is named" 2 'aircraft/c999/c999.xml' -- "$saqr" run --root="$tmp/jb_malformed" --aircraft=c999 --initfile=reset01 --end=1
expect "run: random bytes as an initialisation file are refused" 2 'random.xml' -- \
  in_run_dir "$saqr" run --root="$tmp/jb_unknown_attr" --aircraft=c172x --initfile=aircraft/c172x/random.xml --end=1
expect "run: a script naming a missing aircraft says which" 2 'c1723.xml: the aircraft "c999" of <use> cannot be loaded' -- \
  "$saqr" run --root="$tmp/jb_script_missing_ac" --script=scripts/c1723.xml

# saqr qtg: the qualification tests as a user runs them
expect "qtg: no aircraft" 2 "usage: saqr qtg" -- "$saqr" qtg
expect "qtg: a path is not an aircraft name" 2 'is not an aircraft name' -- "$saqr" qtg ../../etc
expect "qtg: an option without its value" 2 '\-o needs a value' -- "$saqr" qtg c172x -o
expect "qtg: an unknown option" 2 'unexpected argument "--fast"' -- "$saqr" qtg c172x --fast
expect "qtg: an aircraft without a plan names the file" 2 'aircraft/no-such-plane/qtg.xml: cannot read' -- \
  "$saqr" qtg no-such-plane --root "$tmp"
mkdir -p "$tmp/qroot/aircraft" && cp -r "$shared/reference/jsbsim/aircraft/c172x" "$tmp/qroot/aircraft/" \
  && cp -r "$shared/reference/jsbsim/engine" "$shared/reference/jsbsim/systems" "$tmp/qroot/"
printf '<qtg aircraft="c172x" initfile="reset01">\n  <test id="x" kind="phugoid-period" speed-kt="100">\n    <range min="1" max="2"/>\n  </test>\n</qtg>\n' \
  > "$tmp/qroot/aircraft/c172x/qtg.xml"
expect "qtg: a figure without a source names file:line" 2 'qtg.xml:3: every figure needs its source=' -- \
  "$saqr" qtg c172x --root "$tmp/qroot"
cat > "$tmp/qroot/aircraft/c172x/qtg.xml" <<'PLAN'
<qtg aircraft="c172x" initfile="reset01">
  <test id="phugoid" kind="phugoid-period" altitude-ft="4000" speed-kt="100">
    <set property="no/such-property" value="1"/>
    <range min="20" max="60" unit="s" source="system test"/>
  </test>
</qtg>
PLAN
expect "qtg: a plan setting an unknown property names file:line" 2 'qtg.xml:2: cannot set no/such-property' -- \
  "$saqr" qtg c172x --root "$tmp/qroot"
sed -i 's/initfile="reset01"/initfile="reset99"/; s|<set property="no/such-property" value="1"/>||' "$tmp/qroot/aircraft/c172x/qtg.xml"
expect "qtg: a plan naming a missing initialisation file says so" 2 'reset99' -- "$saqr" qtg c172x --root "$tmp/qroot"
cat > "$tmp/qroot/aircraft/c172x/qtg.xml" <<'PLAN'
<qtg aircraft="c172x" initfile="reset01">
  <test id="phugoid" kind="phugoid-period" title="Phugoid period" altitude-ft="4000" speed-kt="100">
    <set property="propulsion/set-running" value="-1"/>
    <range min="20" max="60" unit="s" source="system test: a generous range"/>
  </test>
  <test id="dutch-roll" kind="dutch-roll-period" title="Dutch roll period" altitude-ft="4000" speed-kt="100">
    <set property="propulsion/set-running" value="-1"/>
    <range min="20" max="25" unit="s" source="system test: deliberately wrong"/>
  </test>
</qtg>
PLAN
expect "qtg: a figure out of tolerance fails the run and is listed" 1 'dutch-roll .*FAIL' -- \
  "$saqr" qtg c172x --root "$tmp/qroot" -o "$tmp/qtg.html"
grep -q '<h2 id="phugoid">Phugoid period</h2>' "$tmp/qtg.html" && grep -q '<svg' "$tmp/qtg.html" \
  && grep -q 'class="xtick"' "$tmp/qtg.html" && grep -q 'class="ytick"' "$tmp/qtg.html" \
  && echo "ok   qtg: the HTML report has a section and a plot per figure, with ticks on both axes" \
  || { echo "FAIL qtg: the HTML report"; fails=$((fails + 1)); }
expect "qtg: --only naming no test says which" 2 'has no test "phugoidd"' -- \
  "$saqr" qtg c172x --root "$tmp/qroot" --only phugoid,phugoidd
cp "$tmp/qroot/aircraft/c172x/qtg.xml" "$tmp/qtg-kept.xml"
cat > "$tmp/qroot/aircraft/c172x/qtg.xml" <<'PLAN'
<qtg aircraft="c172x" initfile="reset01" ground-initfile="reset_at_rest">
  <test id="accel" kind="engine-acceleration" property="no/such-engine-property">
    <set property="propulsion/set-running" value="-1"/>
    <range min="2" max="4" unit="s" source="system test"/>
  </test>
  <test id="slip" kind="sideslip-angle" altitude-ft="4000" speed-kt="80" property="no/such-aileron">
    <range min="4" max="10" unit="deg" source="system test"/>
  </test>
</qtg>
PLAN
expect "qtg: an engine test watching a property the aircraft lacks names file:line (exit 2)" 2 \
  'qtg\.xml:2: the aircraft has no property no/such-engine-property' -- "$saqr" qtg c172x --root "$tmp/qroot"
grep -q 'qtg\.xml:6: the aircraft has no property no/such-aileron' "$tmp/out" \
  && echo "ok   qtg: a sideslip test reading an aileron property the aircraft lacks names file:line" \
  || { echo "FAIL qtg: the sideslip's missing aileron property"; fails=$((fails + 1)); }
sed -i 's/ ground-initfile="reset_at_rest"//' "$tmp/qroot/aircraft/c172x/qtg.xml"
expect "qtg: an engine test without the plan's runway start says so (exit 2)" 2 \
  "qtg\.xml:2: a take-off, landing or engine test needs the plan's ground-initfile=" -- \
  "$saqr" qtg c172x --root "$tmp/qroot" --only accel
cp "$tmp/qtg-kept.xml" "$tmp/qroot/aircraft/c172x/qtg.xml"
expect "qtg: an unwritable report is an error, after the table" 2 'cannot write the report' -- \
  "$saqr" qtg c172x --root "$tmp/qroot" --only phugoid -o "$tmp/no/such/dir/r.html"
expect "qtg: every figure within tolerance exits 0" 0 '1 of 1 graded figures within tolerance' -- \
  "$saqr" qtg c172x --root "$tmp/qroot" --only phugoid

# --- training: lessons, flying, recording, grading, debrief, export -------
expect "lesson list: one lesson id a line" 0 '^super-mushak/steep-turns$' -- "$saqr" lesson list
expect "lesson show: the briefing, exercises and tolerance sources" 0 'FAA ACS' -- \
  "$saqr" lesson show super-mushak/steep-turns
expect "lesson show: a band about the entry value says so" 0 'alt-ft entry\+0 \+-100 ft' -- \
  "$saqr" lesson show super-mushak/steep-turns
expect "lesson show: a fixed target is a plain number" 0 'roll-deg -45 \+-5 deg' -- \
  "$saqr" lesson show super-mushak/steep-turns
expect "lesson show: a holding's outbound heading says the wind moves it" 0 \
  'heading-deg 93.68 \+-10 deg \(moved by 3 x the wind correction angle\)' -- \
  "$saqr" lesson show super-mushak/instrument-holding
expect "lesson show: an approach speed says the gust factor moves it" 0 'kt \(plus 0.5 of the gust factor\)' -- \
  "$saqr" lesson show super-mushak/normal-approach-and-landing
expect "lesson show: an approach speed for the weight says at which mass" 0 'ias-kt 152.5@7600kg \+-7.5 kt' -- \
  "$saqr" lesson show jf17/landing
expect "lesson show: a ground reference's exercise says what it circles" 0 \
  'about: a circle of 0.25 nm about West point \(4 nm south of the field\)' -- \
  "$saqr" lesson show super-mushak/turns-around-a-point
expect "lesson show: a fixed target has no sign of its own" 0 'alt-ft 2523 \+-100 ft' -- \
  "$saqr" lesson show jf17/overhead-break
expect "lesson show: a navigation lesson's flight log, each leg's heading and time in the forecast wind" 0 \
  'leg-1 +Risalpur \(overhead the airfield\) -> Charsadda \(town\): course 288, 12\.6 nm, heading 291, ground speed 115 kt, 6\.6 min' -- \
  "$saqr" lesson show super-mushak/navigation
expect "lesson brief: a navigation lesson's flight log table" 0 '<table id="flight-log">' -- \
  "$saqr" lesson brief super-mushak/navigation
expect "lesson show: an unknown lesson names the file" 2 'no/such\.xml' -- "$saqr" lesson show no/such
expect "lesson brief: the pre-flight briefing page" 0 "Wrote the briefing of super-mushak/steep-turns to $tmp/brief\.html" -- \
  "$saqr" lesson brief super-mushak/steep-turns -o "$tmp/brief.html"
[ "$(grep -c '<tr data-element="' "$tmp/brief.html")" -eq 8 ] \
  && grep -q '<td>Bank in the turn</td><td>-45 ±5 deg, held' "$tmp/brief.html" \
  && grep -q 'within 100 ft of the value at the exercise' "$tmp/brief.html" \
  && grep -q 'FAA ACS (private pilot) V.A steep turns' "$tmp/brief.html" \
  && echo "ok   lesson brief: both exercises' 8 elements with their standards and sources" \
  || { echo "FAIL lesson brief: the page"; fails=$((fails + 1)); }
expect "lesson brief: to standard output" 0 '<h1>Briefing: Steep turns</h1>' -- "$saqr" lesson brief super-mushak/steep-turns
expect "lesson brief: an unknown lesson names the file (exit 2)" 2 'no/such\.xml' -- "$saqr" lesson brief no/such
expect "lesson brief: a folder that does not exist (exit 2)" 2 'no-dir/b\.html' -- \
  "$saqr" lesson brief super-mushak/steep-turns -o "$tmp/no-dir/b.html"
expect "lesson brief -o without a file (exit 2)" 2 '-o needs a value' -- "$saqr" lesson brief super-mushak/steep-turns -o
expect "lesson show with -o (exit 2, usage)" 2 'usage: saqr lesson' -- "$saqr" lesson show super-mushak/steep-turns -o x
expect "lesson show: an id that is not AIRCRAFT/NAME is refused" 2 'is not a lesson id' -- \
  "$saqr" lesson show ../../etc/passwd
expect "fly: the reference pilot passes steep turns (exit 0)" 0 'Sortie: Pass' -- \
  "$saqr" fly super-mushak/steep-turns --record "$tmp/st.rec"
expect "fly: the degraded pilot fails the bank (exit 1)" 1 'Bank in the turn .*Unsatisfactory' -- \
  "$saqr" fly super-mushak/steep-turns --pilot degraded:bank
expect "fly: an unknown pilot is a usage error (exit 2)" 2 'unknown pilot' -- \
  "$saqr" fly super-mushak/steep-turns --pilot nobody
expect "fly: --record without a value is a usage error" 2 'needs a value' -- \
  "$saqr" fly super-mushak/steep-turns --record
expect "fly: an unwritable recording is an error (exit 2)" 2 'no/such/dir' -- \
  "$saqr" fly super-mushak/steep-turns --record "$tmp/no/such/dir/x.rec"
cp "$tmp/st.rec" "$tmp/st.keep"
expect "fly: an existing recording is not replaced without --overwrite (exit 2)" 2 'already exists.*--overwrite' -- \
  "$saqr" fly super-mushak/steep-turns --pilot degraded:bank --record "$tmp/st.rec"
cmp -s "$tmp/st.rec" "$tmp/st.keep" && echo "ok   fly: the existing recording is unchanged" \
  || { echo "FAIL fly: the existing recording was changed"; fails=$((fails + 1)); }
expect "grade: a recording re-grades to the live sheet" 0 'Sortie: Pass. All 8 elements' -- "$saqr" grade "$tmp/st.rec"
expect "debrief: writes the page" 0 'written to' -- "$saqr" debrief "$tmp/st.rec" -o "$tmp/st.html"
grep -q 'super-mushak/steep-turns' "$tmp/st.html" && [ "$(grep -o '<svg' "$tmp/st.html" | wc -l)" -ge 9 ] \
  && echo "ok   debrief: the page has the lesson and a plot per graded element plus the track" \
  || { echo "FAIL debrief page"; fails=$((fails + 1)); }
"$saqr" export "$tmp/st.rec" --format csv -o "$tmp/st.csv" && head -1 "$tmp/st.csv" | grep -q '^t-s,lat-deg,lon-deg,alt-ft' \
  && echo "ok   export: the CSV header names the channels" || { echo "FAIL export CSV header"; fails=$((fails + 1)); }
"$saqr" export "$tmp/st.rec" --format acmi -o "$tmp/st.acmi" && head -2 "$tmp/st.acmi" | grep -q 'FileVersion=2.1' \
  && echo "ok   export: the ACMI file is version 2.1" || { echo "FAIL export ACMI"; fails=$((fails + 1)); }
# cut a byte past two thirds: a cut on a record boundary is a recording
# that ended there (what a killed recorder keeps), with nothing to warn of;
# two thirds itself fell on one once the gust channel was added
size=$(stat -c %s "$tmp/st.rec"); head -c $((size * 2 / 3 + 1)) "$tmp/st.rec" > "$tmp/cut.rec"
expect "grade: a cut recording grades what it holds, with a warning (exit 1)" 1 'warning: .*cut\.rec.*byte' -- \
  "$saqr" grade "$tmp/cut.rec"
cp "$tmp/st.rec" "$tmp/flip.rec"; printf '\xff' | dd of="$tmp/flip.rec" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
expect "grade: a corrupted recording stops at the damage, with a warning" 1 'warning: .*flip\.rec' -- \
  "$saqr" grade "$tmp/flip.rec"
head -c 5 "$tmp/st.rec" > "$tmp/head.rec"
expect "grade: a recording without a header is an error naming it (exit 2)" 2 'head\.rec' -- "$saqr" grade "$tmp/head.rec"
expect "grade: a missing recording is an error naming it" 2 'nothere\.rec' -- "$saqr" grade "$tmp/nothere.rec"
expect "export: an unknown format is a usage error" 2 'format' -- "$saqr" export "$tmp/st.rec" --format xls -o "$tmp/x"
mkdir -p "$tmp/lessons/super-mushak"
sed 's/tolerance="100" unit="ft"/tolerance="-100" unit="ft"/' lessons/super-mushak/steep-turns.xml \
  > "$tmp/lessons/super-mushak/steep-turns.xml"
expect "fly: an invalid lesson names file:line (exit 2)" 2 'steep-turns\.xml:[0-9]+: tolerance= must be positive' -- \
  "$saqr" fly super-mushak/steep-turns --lessons "$tmp/lessons"
sed 's/<setup airport="[A-Z]*"/<setup airport="ZZZZ"/' lessons/super-mushak/steep-turns.xml \
  > "$tmp/lessons/super-mushak/steep-turns.xml"
expect "fly: a lesson's unknown airport names file:line (exit 2)" 2 \
  'steep-turns\.xml:[0-9]+: airport "ZZZZ" is not in the airports file' -- \
  "$saqr" fly super-mushak/steep-turns --lessons "$tmp/lessons"

# --- training records: trainees, sorties stored by fly, progress, export ---
# Every command gets a temporary SQLite URL (or XDG_DATA_HOME in $tmp for the
# default), never the user's own records.
rdb="sqlite://$tmp/records/records.db"
expect "trainee add: a new trainee (exit 0)" 0 'Added trainee PAF-101: Ali Khan, course super-mushak' -- \
  "$saqr" trainee add "Ali Khan" --number PAF-101 --db "$rdb"
expect "trainee add: a duplicate service number is refused (exit 2)" 2 'trainee with service number PAF-101 already exists' -- \
  "$saqr" trainee add "Someone Else" --number PAF-101 --db "$rdb"
expect "trainee add: an unknown course is refused, naming the courses" 2 'no course "c130" .*jf17, super-mushak' -- \
  "$saqr" trainee add "Bilal" --number PAF-102 --course c130 --db "$rdb"
expect "trainee add: without --number is a usage error" 2 'add needs --number' -- \
  "$saqr" trainee add "Bilal" --db "$rdb"
expect "trainee add: a JF-17 conversion trainee" 0 'course jf17' -- \
  "$saqr" trainee add "Sana Malik" --number PAF-201 --course jf17 --db "$rdb"
expect "trainee list: one line per trainee" 0 'PAF-101 +Ali Khan +super-mushak' -- "$saqr" trainee list --db "$rdb"

# A records folder the user cannot write: a clear error that names the
# file, exit 2, and what was saved before is still there.  Root writes
# anywhere, so as root the commands run as nobody (setpriv, util-linux),
# when nobody can reach the binary; otherwise the folder's own mode does.
ro=$(mktemp -d); chmod 755 "$ro"; mkdir "$ro/records"
rodb="sqlite://$ro/records/records.db"
"$saqr" trainee add "Ali Khan" --number PAF-101 --db "$rodb" >/dev/null 2>&1
chmod 555 "$ro/records"; chmod 444 "$ro/records/records.db"
as_user=(); can_test=1
if [ "$(id -u)" = 0 ]; then
  can_test=0
  if command -v setpriv >/dev/null 2>&1 && setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$saqr"; then
    as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups env XDG_DATA_HOME="$ro/home"); can_test=1
  fi
fi
if [ $can_test = 1 ]; then
  expect "records: a read-only folder refuses a new trainee, naming the file (exit 2)" 2 \
    'records/records\.db: cannot open the records database: attempt to write a readonly database' -- \
    "${as_user[@]}" "$saqr" trainee add "Bilal Ahmed" --number PAF-102 --db "$rodb"
  expect "records: a read-only folder refuses a stored sortie before flying it (exit 2)" 2 \
    'records/records\.db: cannot open the records database' -- \
    "${as_user[@]}" "$saqr" fly super-mushak/steep-turns --trainee PAF-101 --db "$rodb"
  grep -q 'Sortie:' "$tmp/out" && { echo "FAIL records: a sortie was flown that could not be stored"; fails=$((fails + 1)); }
  chmod 755 "$ro/records"; chmod 644 "$ro/records/records.db"
  expect "records: what was saved before the folder was read-only is all there" 0 '^1 trainee$' -- \
    "$saqr" trainee list --db "$rodb"
  grep -qE 'PAF-101 +Ali Khan' "$tmp/out" && echo "ok   records: PAF-101 is still there" \
    || { echo "FAIL records: PAF-101 lost"; fails=$((fails + 1)); }
else
  echo "skip records in a read-only folder: as root, nobody cannot run $saqr here"
fi
rm -rf "$ro"
expect "instructor add" 0 'Added instructor IP-7' -- "$saqr" instructor add "Sqn Ldr Raza" --number IP-7 --db "$rdb"
expect "airframe add" 0 'Added airframe MK-101 \(super-mushak\)' -- \
  "$saqr" airframe add MK-101 --type super-mushak --db "$rdb"
"$saqr" airframe add JF-07 --type jf17 --db "$rdb" >/dev/null 2>&1
expect "fly --trainee: an unknown trainee is refused before flying (exit 2)" 2 'no trainee with service number PAF-999 \(nothing flown\)' -- \
  "$saqr" fly super-mushak/steep-turns --trainee PAF-999 --db "$rdb"
grep -q 'Sortie:' "$tmp/out" && { echo "FAIL fly --trainee: the unknown trainee's sortie was flown"; fails=$((fails + 1)); } \
  || echo "ok   fly --trainee: nothing was flown for the unknown trainee"
expect "fly --tail: an airframe of another type is refused (exit 2)" 2 'JF-07 is a jf17, not a super-mushak' -- \
  "$saqr" fly super-mushak/steep-turns --trainee PAF-101 --tail JF-07 --db "$rdb"
expect "fly --trainee: the sortie is flown, graded and stored as a demonstration (exit 0)" 0 \
  'Stored as sortie 1 of trainee PAF-101, a demonstration by the automatic pilot' -- \
  "$saqr" fly super-mushak/steep-turns --trainee PAF-101 --instructor IP-7 --tail MK-101 --record "$tmp/rec1.rec" --db "$rdb"
expect "fly --trainee: a stored sortie's recording is not replaced, even with --overwrite (exit 2)" 2 \
  'recording of stored sortie 1' -- "$saqr" fly super-mushak/steep-turns --pilot degraded:bank --trainee PAF-101 \
  --record "$tmp/rec1.rec" --overwrite --db "$rdb"
expect "fly --trainee: an Unsat sortie is stored too and exits 1" 1 'Stored as sortie 2 of trainee PAF-101' -- \
  "$saqr" fly super-mushak/steep-turns --pilot degraded:bank --trainee PAF-101 --db "$rdb"
expect "fly --trainee without --record: the sortie is recorded in the user's data folder" 0 \
  "recording: $tmp/data-home/saqr/recordings/.*super-mushak-steep-turns\.rec" -- "$saqr" sorties --id 2 --db "$rdb"
# both were flown by the automatic pilot (reference, degraded): they are
# demonstrations, which show the lesson and never pass it
# the course's length, from its syllabus file (lessons, not comments)
nsyl=$(grep -cvE '^(#|$)' lessons/super-mushak/syllabus.txt)
expect "progress: the automatic pilot's sorties pass no lesson" 0 "Lessons passed: 0 of $nsyl; outstanding: $nsyl" -- \
  "$saqr" progress PAF-101 --db "$rdb"
grep -q '^Next due: super-mushak/straight-and-level' "$tmp/out" \
  && grep -q '^Demonstrations: 2 sorties flown by the automatic pilot' "$tmp/out" \
  && grep -qE '^ +4  super-mushak/steep-turns +0 +0 +2  outstanding, demonstrated$' "$tmp/out" \
  && grep -q 'Repeated lessons: 0' "$tmp/out" \
  && grep -qE 'Simulator hours: super-mushak 0\.0[0-9] h \(2 sorties\).* \(2 by the automatic pilot\)' "$tmp/out" \
  && echo "ok   progress: next due in syllabus order, the demonstrations apart, hours per type" \
  || { echo "FAIL progress details:"; sed 's/^/    /' "$tmp/out" | head -30; fails=$((fails + 1)); }
expect "progress: an unknown trainee (exit 2)" 2 'no trainee with service number PAF-404' -- "$saqr" progress PAF-404 --db "$rdb"
expect "progress --all: the board, one line per trainee" 0 \
  "^PAF-101 +.* super-mushak +0/$nsyl +2 +0\\.0[0-9]  super-mushak/straight-and-level\$" -- "$saqr" progress --all --db "$rdb"
expect "progress --all with a service number too (exit 2, usage)" 2 'usage: saqr progress' -- \
  "$saqr" progress --all PAF-101 --db "$rdb"
expect "sorties --trainee: both sorties listed" 0 '2 sorties' -- "$saqr" sorties --trainee PAF-101 --db "$rdb"
grep -qE 'super-mushak/steep-turns .* Unsat \(demonstration\)$' "$tmp/out" \
  && echo "ok   sorties --trainee: the automatic pilot's sortie marked a demonstration" \
  || { echo "FAIL sorties --trainee does not mark the demonstration:"; sed 's/^/    /' "$tmp/out"; fails=$((fails + 1)); }
expect "sorties --id: the sortie in full with its recording" 0 "recording: $tmp/rec1\.rec" -- "$saqr" sorties --id 1 --db "$rdb"
grep -q 'Bank in the turn' "$tmp/out" && grep -q 'Sortie: Pass' "$tmp/out" \
  && echo "ok   sorties --id: the stored elements and result" || { echo "FAIL sorties --id elements"; fails=$((fails + 1)); }
# the records keep their own copy of a stored sortie's recording: out of
# them byte for byte, on any machine, never over a file that is there
expect "sorties recording: the records' copy written out" 0 "Sortie 1's recording: $tmp/rec1-copy\.rec" -- \
  "$saqr" sorties recording 1 -o "$tmp/rec1-copy.rec" --db "$rdb"
cmp -s "$tmp/rec1.rec" "$tmp/rec1-copy.rec" && echo "ok   sorties recording: the same bytes as the file flown" \
  || { echo "FAIL sorties recording: the copy differs from $tmp/rec1.rec"; fails=$((fails + 1)); }
expect "sorties recording: an existing file is not replaced (exit 2)" 2 'rec1\.rec: the file exists' -- \
  "$saqr" sorties recording 1 -o "$tmp/rec1.rec" --db "$rdb"
cmp -s "$tmp/rec1.rec" "$tmp/rec1-copy.rec" && echo "ok   sorties recording: the file left as it was" \
  || { echo "FAIL sorties recording wrote over an existing file"; fails=$((fails + 1)); }
expect "sorties recording: a sortie the records do not have (exit 2)" 2 'no sortie 99|keep no recording' -- \
  "$saqr" sorties recording 99 -o "$tmp/none.rec" --db "$rdb"
expect "sorties recording: no -o is a usage error" 2 'usage: saqr sorties' -- "$saqr" sorties recording 1 --db "$rdb"
expect "sorties recording: an id that is not one (exit 2)" 2 '"1x" is not a sortie id' -- \
  "$saqr" sorties recording 1x -o "$tmp/x.rec" --db "$rdb"
expect "sorties recording: a folder that is not there is named (exit 2)" 2 'no/such/dir/x\.rec: No such file' -- \
  "$saqr" sorties recording 1 -o "$tmp/no/such/dir/x.rec" --db "$rdb"
expect "sorties comment: the instructor's comment is stored" 0 'Sortie 1: comment stored' -- \
  "$saqr" sorties comment 1 "Bank held well; anticipate the roll-out by half the bank." --db "$rdb"
expect "sorties --id: shows the comment" 0 "Instructor's comment: Bank held well; anticipate the roll-out" -- \
  "$saqr" sorties --id 1 --db "$rdb"
expect "sorties comment: an unknown sortie (exit 2)" 2 'no sortie 999' -- \
  "$saqr" sorties comment 999 "x" --db "$rdb"
expect "sorties comment: over 255 bytes is refused (exit 2)" 2 'a comment is at most 255 bytes' -- \
  "$saqr" sorties comment 1 "$(printf 'x%.0s' $(seq 1 300))" --db "$rdb"
expect "sorties comment: an id that is not one (exit 2)" 2 '"1x" is not a sortie id' -- \
  "$saqr" sorties comment 1x "x" --db "$rdb"
expect "sorties comment: a control character is refused (exit 2)" 2 'no control characters' -- \
  "$saqr" sorties comment 1 "$(printf 'bell\a')" --db "$rdb"
expect "sorties comment: without the text (exit 2, usage)" 2 'usage: saqr sorties' -- \
  "$saqr" sorties comment 1 --db "$rdb"
expect "sorties --id: a refused comment leaves the stored one" 0 "Instructor's comment: Bank held well" -- \
  "$saqr" sorties --id 1 --db "$rdb"
# the instructor's grade: a demonstration has none to set (both sorties
# here were flown by the automatic pilot; test_records and the station's
# e2e set one on a trainee's sortie)
expect "sorties grade: a demonstration is refused (exit 2)" 2 'is a demonstration by the automatic pilot' -- \
  "$saqr" sorties grade 1 Unsat --reason "unsafe" --db "$rdb"
expect "sorties grade: a result that is none (exit 2)" 2 '"Maybe" is not a result' -- \
  "$saqr" sorties grade 1 Maybe --reason "x" --db "$rdb"
expect "sorties grade: without a reason (exit 2, usage)" 2 'usage: saqr sorties' -- \
  "$saqr" sorties grade 1 Unsat --db "$rdb"
expect "sorties grade: an unknown sortie (exit 2)" 2 'no sortie 999' -- \
  "$saqr" sorties grade 999 Unsat --reason "x" --db "$rdb"
expect "sorties --id: a refused grade leaves the result" 0 'Sortie: Pass' -- "$saqr" sorties --id 1 --db "$rdb"
# the instructor's marks of items: refused for a demonstration, a mark
# that is none, a name that is not EXERCISE/ITEM, an unknown sortie
# (test_records_marks marks a trainee's sortie)
expect "sorties mark: a demonstration is refused (exit 2)" 2 'is a demonstration by the automatic pilot' -- \
  "$saqr" sorties mark 1 left/clearing Unsatisfactory --db "$rdb"
expect "sorties mark: a mark that is none (exit 2)" 2 '"Poor" is not a mark' -- \
  "$saqr" sorties mark 1 left/clearing Poor --db "$rdb"
expect "sorties mark: not EXERCISE/ITEM (exit 2)" 2 '"clearing" is not EXERCISE/ITEM' -- \
  "$saqr" sorties mark 1 clearing Good --db "$rdb"
expect "sorties mark: an unknown sortie (exit 2)" 2 'no sortie 999' -- \
  "$saqr" sorties mark 999 left/clearing Good --db "$rdb"
expect "sorties mark: without the mark (exit 2, usage)" 2 'usage: saqr sorties' -- \
  "$saqr" sorties mark 1 left/clearing --db "$rdb"
expect "sorties --id: an id past the largest (exit 2, not clamped)" 2 'is not a sortie id' -- \
  "$saqr" sorties --id 99999999999999999999 --db "$rdb"
expect "progress --html: the trainee's printable training record" 0 \
  "Wrote the training record of PAF-101 to $tmp/record.html" -- \
  "$saqr" progress PAF-101 --html "$tmp/record.html" --db "$rdb"
[ "$(grep -c '<tr data-lesson="super-mushak/' "$tmp/record.html")" -eq "$nsyl" ] \
  && [ "$(grep -c '<tr data-sortie=' "$tmp/record.html")" -eq 2 ] \
  && grep -q "Lessons passed: <b>0 of $nsyl</b>" "$tmp/record.html" \
  && grep -q 'Instructor: Bank held well; anticipate the roll-out' "$tmp/record.html" \
  && grep -q 'Sqn Ldr Raza (IP-7)' "$tmp/record.html" \
  && grep -q 'data-lesson="super-mushak/steep-turns">.*not flown (demonstrated)' "$tmp/record.html" \
  && echo "ok   progress --html: $nsyl syllabus lessons, both sorties, the comment and the instructor" \
  || { echo "FAIL progress --html: the record"; fails=$((fails + 1)); }
cp "$tmp/record.html" "$tmp/record.before"
expect "progress --html: an unknown trainee (exit 2), the earlier page kept" 2 'no trainee with service number PAF-404' -- \
  "$saqr" progress PAF-404 --html "$tmp/record.html" --db "$rdb"
cmp -s "$tmp/record.html" "$tmp/record.before" && [ ! -e "$tmp/record.html.tmp" ] \
  && echo "ok   progress --html: a refused record leaves the earlier page and no temporary file" \
  || { echo "FAIL progress --html: the earlier page was touched"; fails=$((fails + 1)); }
expect "progress --html: a folder that does not exist (exit 2, named)" 2 "no-such-dir/r\.html: No such file" -- \
  "$saqr" progress PAF-101 --html "$tmp/no-such-dir/r.html" --db "$rdb"
expect "progress --html without a file (exit 2)" 2 '--html needs a value' -- "$saqr" progress PAF-101 --html
expect "progress --all --html: the printable course report" 0 "Wrote the course report to $tmp/course\.html" -- \
  "$saqr" progress --all --html "$tmp/course.html" --db "$rdb"
grep -q '<section class="course" data-course="super-mushak">' "$tmp/course.html" \
  && grep -q '<section class="course" data-course="jf17">' "$tmp/course.html" \
  && grep -q "Ali Khan (PAF-101)</td><td class=\"num\">0 of $nsyl</td><td class=\"num\">2</td>" "$tmp/course.html" \
  && [ "$(grep -c '<tr data-lesson="super-mushak/' "$tmp/course.html")" -eq "$nsyl" ] \
  && grep -q '<tr data-lesson="super-mushak/steep-turns">.*</td><td class="num">0 of 1</td><td class="num">0</td><td class="num">0</td>.*<td class="num">2</td></tr>' "$tmp/course.html" \
  && echo "ok   progress --all --html: each course with its trainees, the syllabus across them (demonstrations apart)" \
  || { echo "FAIL progress --all --html: the course report"; fails=$((fails + 1)); }
expect "progress: a --db naming no database (exit 2)" 2 'typo/records\.db: no records database there' -- \
  "$saqr" progress PAF-101 --db "sqlite://$tmp/typo/records.db"
expect "trainee list: a --db naming no database (exit 2)" 2 'no records database there' -- \
  "$saqr" trainee list --db "sqlite://$tmp/typo/records.db"
[ ! -e "$tmp/typo" ] && echo "ok   reading a --db naming no database creates nothing" \
  || { echo "FAIL a read created $tmp/typo"; fails=$((fails + 1)); }
expect "trainee show: the trainee and their sorties" 0 'sorties: 2' -- "$saqr" trainee show PAF-101 --db "$rdb"
# two steep-turns sorties: 8 graded elements and the instructor's item each
expect "export --csv: one file per table" 0 'sortie_elements\.csv: 18 rows' -- "$saqr" export --csv "$tmp/csv" --db "$rdb"
[ "$(ls "$tmp/csv" | wc -l)" -eq 7 ] && head -1 "$tmp/csv/sorties.csv" | grep -q '^id,trainee_id,instructor_id,lesson_id' \
  && echo "ok   export --csv: seven files with their headers" || { echo "FAIL export --csv files"; fails=$((fails + 1)); }
"$saqr" export "$tmp/rec1.rec" --format csv -o "$tmp/rec1.csv" && head -1 "$tmp/rec1.csv" | grep -q '^t-s,' \
  && echo "ok   export: a recording still exports as before" || { echo "FAIL export of a recording"; fails=$((fails + 1)); }
expect "sorties add: a missing recording is named (exit 2)" 2 'nothere\.rec: cannot open' -- \
  "$saqr" sorties add "$tmp/nothere.rec" --trainee PAF-101 --db "$rdb"
printf 'not a recording\n' >"$tmp/garbage.rec"
expect "sorties add: a file that is not a recording is named (exit 2)" 2 'garbage\.rec: byte 0: not a Saqr recording' -- \
  "$saqr" sorties add "$tmp/garbage.rec" --trainee PAF-101 --db "$rdb"
expect "sorties add: an unknown option is a usage error (exit 2)" 2 'unknown option --bogus' -- \
  "$saqr" sorties add "$tmp/rec1.rec" --trainee PAF-101 --bogus --db "$rdb"
expect "sorties add: without --trainee is a usage error (exit 2)" 2 'whose sortie\? \(--trainee\)' -- \
  "$saqr" sorties add "$tmp/rec1.rec" --db "$rdb"
expect "sorties add: a bad --started is refused (exit 2)" 2 '"2026-13-01T00:00:00Z" is not a UTC time' -- \
  "$saqr" sorties add "$tmp/rec1.rec" --trainee PAF-101 --started 2026-13-01T00:00:00Z --db "$rdb"
"$saqr" fly super-mushak/steep-turns --record "$tmp/rec4.rec" >/dev/null 2>&1
expect "sorties add: an unknown trainee stores nothing (exit 2)" 2 'NOT stored: .*no trainee with service number PAF-404' -- \
  "$saqr" sorties add "$tmp/rec4.rec" --trainee PAF-404 --db "$rdb"
expect "sorties add: a recording without its start time asks for --started (exit 2)" 2 'does not say when it started.*--started' -- \
  "$saqr" sorties add "$(dirname "$0")/../fuzz/corpus/fuzz_record/sortie.rec" --trainee PAF-101 --db "$rdb"
expect "records: a URL of an unknown kind is a clear error" 2 'unsupported database URL scheme "mysql://"' -- \
  "$saqr" trainee list --db mysql://host/db
expect "records: an unreachable server is an error that hides the password" 2 'postgres://u@127\.0\.0\.1:1/x' -- \
  "$saqr" trainee list --db postgres://u:s3cret@127.0.0.1:1/x
grep -q s3cret "$tmp/out" && { echo "FAIL records: the password was shown"; fails=$((fails + 1)); } || echo "ok   records: the password is not shown"
expect "records: without --db the default is in XDG_DATA_HOME" 0 '0 trainees' -- env XDG_DATA_HOME="$tmp/xdg" "$saqr" trainee list
[ -f "$tmp/xdg/saqr/records.db" ] && echo "ok   records: the default database is XDG_DATA_HOME/saqr/records.db" \
  || { echo "FAIL records: no default database in XDG_DATA_HOME"; fails=$((fails + 1)); }
if command -v sqlite3 >/dev/null; then
  sqlite3 "$tmp/records/records.db" "CREATE TRIGGER full BEFORE INSERT ON sorties BEGIN SELECT RAISE(ABORT, 'disk full'); END;"
  expect "fly --trainee: a sortie that cannot be stored exits 2 after the sheet" 2 'the sortie was NOT stored: .*disk full' -- \
    "$saqr" fly super-mushak/steep-turns --trainee PAF-101 --record "$tmp/rec3.rec" --db "$rdb"
  grep -q 'Sortie: Pass' "$tmp/out" && echo "ok   fly --trainee: the sheet is printed even so" \
    || { echo "FAIL fly --trainee: no sheet when storing failed"; fails=$((fails + 1)); }
  grep -q "can be stored later: saqr sorties add $tmp/rec3.rec" "$tmp/out" \
    && echo "ok   fly --trainee: it says how to store the recording later" \
    || { echo "FAIL fly --trainee: no hint to store the recording later"; fails=$((fails + 1)); }
  # the records come back: the recorded sortie is stored from its recording
  expect "sorties add: while storing still fails, nothing is stored (exit 2)" 2 'NOT stored: .*disk full' -- \
    "$saqr" sorties add "$tmp/rec3.rec" --trainee PAF-101 --db "$rdb"
  sqlite3 "$tmp/records/records.db" "DROP TRIGGER full;"
  expect "sorties add: the recording is graded and stored (exit 0)" 0 'Stored as sortie 3 of trainee PAF-101' -- \
    "$saqr" sorties add "$tmp/rec3.rec" --trainee PAF-101 --instructor IP-7 --db "$rdb"
  grep -q 'Sortie: Pass' "$tmp/out" && echo "ok   sorties add: the sheet of the regraded sortie" \
    || { echo "FAIL sorties add: no Pass sheet"; fails=$((fails + 1)); }
  expect "sorties add: the same recording twice is refused (exit 2)" 2 'rec3\.rec is already stored as sortie 3' -- \
    "$saqr" sorties add "$tmp/rec3.rec" --trainee PAF-101 --db "$rdb"
  mkdir -p "$tmp/backup" && cp "$tmp/rec3.rec" "$tmp/backup/copy.rec"
  expect "sorties add: a copy of a stored recording is the same flight, refused (exit 2)" 2 \
    'copy\.rec is the same flight as sortie 3 \(trainee PAF-101, lesson super-mushak/steep-turns, started 20' -- \
    "$saqr" sorties add "$tmp/backup/copy.rec" --trainee PAF-101 --db "$rdb"
  expect "sorties add: a recording names its trainee; another's is refused (exit 2)" 2 \
    "copy\.rec is trainee PAF-101's flight: it cannot be stored as PAF-102's" -- \
    "$saqr" sorties add "$tmp/backup/copy.rec" --trainee PAF-102 --db "$rdb"
  "$saqr" sorties --id 1 --db "$rdb" | grep '^started' | sed 's/started: [^;]*;//' >"$tmp/d1"
  "$saqr" sorties --id 3 --db "$rdb" >"$tmp/s3"
  grep '^started' "$tmp/s3" | sed 's/started: [^;]*;//' >"$tmp/d3"
  grep -qE '^started: 20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z;' "$tmp/s3" && grep -q "recording: $tmp/rec3\.rec" "$tmp/s3" \
    && grep -q 'instructor: IP-7' "$tmp/s3" && cmp -s "$tmp/d1" "$tmp/d3" \
    && echo "ok   sorties add: the start time from the recording, the same duration as the stored flight" \
    || { echo "FAIL sorties add: stored sortie"; sed 's/^/    /' "$tmp/s3" | head -6; fails=$((fails + 1)); }
  expect "sorties add: the added sortie counts in the progress" 0 'super-mushak 0\.[0-9]+ h \(3 sorties\)' -- \
    "$saqr" progress PAF-101 --db "$rdb"
  # a stored row edited by hand into garbage: the printable pages still come,
  # the bad time shown as it is, nothing stored changed
  sqlite3 "$tmp/records/records.db" "UPDATE sorties SET started_at = 'x', summary = '<b>' || summary WHERE id = 1;"
  expect "progress --html: a sortie row with a garbage time and markup in its summary" 0 'Wrote the training record' -- \
    "$saqr" progress PAF-101 --html "$tmp/garbage.html" --db "$rdb"
  grep -q '<tr data-sortie="1"[^>]*><td class="num">1</td><td>x </td>' "$tmp/garbage.html" \
    && grep -q '&lt;b&gt;All ' "$tmp/garbage.html" && ! grep -q '<b>All ' "$tmp/garbage.html" \
    && echo "ok   progress --html: the garbage row shown as it is, escaped" \
    || { echo "FAIL progress --html on a garbage row"; fails=$((fails + 1)); }
  expect "progress --all --html: the same garbage row" 0 'Wrote the course report' -- \
    "$saqr" progress --all --html "$tmp/garbage-course.html" --db "$rdb"
  sqlite3 "$tmp/records/records.db" "UPDATE schema_version SET version = 999;"
  expect "records: a database from a newer Saqr is refused" 2 'schema version 999 is newer than this Saqr' -- \
    "$saqr" trainee list --db "$rdb"
else
  echo "skip records: no sqlite3 command for the failing-store and newer-schema tests"
fi

# --- real time: the same sortie, the same sheet ---------------------------
"$saqr" fly super-mushak/steep-turns > "$tmp/headless.txt" 2>/dev/null
"$saqr" fly super-mushak/steep-turns --realtime --scale 32 --fg 127.0.0.1:$fly_port > "$tmp/realtime.txt" 2> "$tmp/rt.err"
cmp -s "$tmp/headless.txt" "$tmp/realtime.txt" && grep -q 'real time: .* frames at 32x' "$tmp/rt.err" \
  && grep -q "FlightGear 127.0.0.1:$fly_port: [0-9]* packets sent" "$tmp/rt.err" \
  && echo "ok   fly --realtime: the same grade sheet as headless, FlightGear packets sent" \
  || { echo "FAIL fly --realtime"; sed 's/^/    /' "$tmp/rt.err"; fails=$((fails + 1)); }
expect "fly: --scale without --realtime is a usage error" 2 'go with --realtime' -- \
  "$saqr" fly super-mushak/steep-turns --scale 4
expect "fly: --rt-priority without --realtime is a usage error" 2 'go with --realtime' -- \
  "$saqr" fly super-mushak/steep-turns --rt-priority 10
expect "fly: --fg-props without --realtime is a usage error" 2 'go with --realtime' -- \
  "$saqr" fly super-mushak/steep-turns --fg 127.0.0.1 --fg-props 5401
expect "fly: --fg-props wants a port" 2 '--fg-props wants a port, 1..65535, not "0"' -- \
  "$saqr" fly super-mushak/steep-turns --realtime --fg 127.0.0.1 --fg-props 0
expect "fly: --fg-props needs FlightGear's host" 2 'give --fg HOST too' -- \
  "$saqr" fly super-mushak/steep-turns --realtime --fg-props 5401
expect "fly: --fg-mp without --realtime is a usage error" 2 'go with --realtime' -- \
  "$saqr" fly super-mushak/formation --fg 127.0.0.1 --fg-mp 5000
expect "fly: --fg-mp wants a port" 2 '--fg-mp wants a port, 1..65535, not "lead"' -- \
  "$saqr" fly super-mushak/formation --realtime --fg 127.0.0.1 --fg-mp lead
expect "fly: --fg-mp needs FlightGear's host" 2 'multiplayer input on the --fg host: give --fg HOST too' -- \
  "$saqr" fly super-mushak/formation --realtime --fg-mp 5000
expect "fly: the lead's model needs the multiplayer input" 2 'give --fg-mp PORT too' -- \
  "$saqr" fly super-mushak/formation --realtime --fg 127.0.0.1 --fg-mp-model Aircraft/f16/Models/f16.xml
expect "fly: a lead's model too long is refused" 2 '--fg-mp-model wants a path under FlightGear' -- \
  "$saqr" fly super-mushak/formation --realtime --fg 127.0.0.1 --fg-mp 5000 --fg-mp-model "Aircraft/$(printf 'x%.0s' $(seq 1 100)).xml"
expect "fly: a real-time priority past 99 is refused" 2 '--rt-priority wants 0..99, not "100"' -- \
  "$saqr" fly super-mushak/steep-turns --realtime --rt-priority 100
expect "fly: a bad --fg is a usage error" 2 'HOST or HOST:PORT' -- \
  "$saqr" fly super-mushak/steep-turns --realtime --scale 64 --fg 127.0.0.1:99999

# the station's command line (the station itself: tests/system/station-e2e.sh)
sdb="sqlite://$tmp/station.db"
expect "serve: a bad port is a usage error" 2 '--port wants 0..65535' -- "$saqr" serve --port 70000 --db "$sdb"
expect "serve: an unknown option is named" 2 'unexpected argument --fast' -- "$saqr" serve --fast
expect "serve: FlightGear's property server wants a port" 2 '--fg-props wants a port, 1..65535, not "telnet"' -- \
  "$saqr" serve --fg 127.0.0.1 --fg-props telnet --db "$sdb"
expect "serve: FlightGear's property server needs FlightGear's host" 2 'give --fg HOST too' -- \
  "$saqr" serve --fg-props 5401 --db "$sdb"
expect "serve: FlightGear's multiplayer input wants a port" 2 '--fg-mp wants a port, 1..65535, not "70000"' -- \
  "$saqr" serve --fg 127.0.0.1 --fg-mp 70000 --db "$sdb"
expect "serve: FlightGear's multiplayer input needs FlightGear's host" 2 'multiplayer input on the --fg host: give --fg HOST too' -- \
  "$saqr" serve --fg-mp 5000 --db "$sdb"
expect "serve: the lead's model needs the multiplayer input" 2 'give --fg-mp PORT too' -- \
  "$saqr" serve --fg 127.0.0.1 --fg-mp-model Aircraft/f16/Models/f16.xml --db "$sdb"
expect "serve: a lead's model with a space is refused" 2 '--fg-mp-model wants a path under FlightGear' -- \
  "$saqr" serve --fg 127.0.0.1 --fg-mp 5000 --fg-mp-model "Aircraft/my lead.xml" --db "$sdb"
expect "serve: a real-time priority that is not a number is refused" 2 '--rt-priority wants 0..99, not "high"' -- \
  "$saqr" serve --rt-priority high --db "$sdb"
expect "serve: a missing front end is named" 2 'no-such-dir: the built front end is missing' -- \
  "$saqr" serve --port 0 --db "$sdb" --web "$tmp/no-such-dir" --work "$tmp/sw"
expect "serve: an address it cannot bind is named" 2 'cannot listen on 192.0.2.1:0' -- \
  "$saqr" serve --port 0 --bind 192.0.2.1 --db "$sdb" --web "$tmp" --work "$tmp/sw"
expect "instructor add for the station" 0 "Added instructor" -- \
  "$saqr" instructor add "Flt Lt Station" --number INS-S --db "$sdb"
expect "passwd: a short password is refused" 2 'password: 8 to 128 characters' -- \
  sh -c "echo short | '$saqr' instructor passwd INS-S --db '$sdb'"
expect "passwd: an unknown instructor is named" 2 'no instructor with service number NOBODY' -- \
  sh -c "echo 'long enough password' | '$saqr' instructor passwd NOBODY --db '$sdb'"
expect "passwd: no input is refused" 2 'no password on standard input' -- \
  sh -c "'$saqr' instructor passwd INS-S --db '$sdb' </dev/null"
expect "passwd: a good password is set" 0 'Password set for instructor INS-S' -- \
  sh -c "echo 'long enough password' | '$saqr' instructor passwd INS-S --db '$sdb'"
# recordings and debriefs by default in the user's data folder, which a
# reboot keeps (the records point to them), not in /tmp; a work folder
# that cannot be made is named before anything starts
("$saqr" serve --port 0 --db "$sdb" --web "$tmp" >"$tmp/serve-default.out" 2>&1 &
 echo $! >"$tmp/serve-default.pid")
for _ in $(seq 100); do grep -q '^Recordings and debriefs:' "$tmp/serve-default.out" && break; sleep 0.1; done
kill -TERM "$(cat "$tmp/serve-default.pid")" 2>/dev/null; sleep 0.5
grep -qx "Recordings and debriefs: $XDG_DATA_HOME/saqr/station" "$tmp/serve-default.out" \
  && [ -d "$XDG_DATA_HOME/saqr/station" ] \
  && echo "ok   serve: recordings in the user's data folder by default" \
  || { echo "FAIL serve: default work folder"; sed 's/^/    /' "$tmp/serve-default.out"; fails=$((fails + 1)); }
touch "$tmp/a-file"
expect "serve: a work folder that cannot be made is named" 2 'a-file/w: cannot create the work folder' -- \
  "$saqr" serve --port 0 --db "$sdb" --web "$tmp" --work "$tmp/a-file/w"

# --- saqr daveml check: the checkData of NASA's F-16 models (S-119) ------
f16="$shared/reference/nasa-eom-2015/models/F16_package/F16_S119_source"
# The outputs a file lists itself: <signal>s inside its <checkOutputs>.
count_outputs() { awk '/<checkOutputs>/{o=1} /<\/checkOutputs>/{o=0} o && /<signal>/{n++} END{print n+0}' "$1"; }
for f in F16_aero.dml F16_prop.dml; do
  n=$(count_outputs "$f16/$f")
  [ "$n" -gt 0 ] || { echo "FAIL daveml check: $f lists no checkData outputs"; fails=$((fails + 1)); }
  expect "daveml check: $f agrees with all $n of its checkData outputs" 0 "^$n of $n outputs within tolerance" -- \
    "$saqr" daveml check "$f16/$f"
  [ "$(grep -E '^  [^ ].*  (ok$|FAIL  )' "$tmp/out" | grep -vc '^  output ')" -eq "$n" ] \
    && echo "ok   daveml check: $f prints one row per output" \
    || { echo "FAIL daveml check: $f rows"; fails=$((fails + 1)); }
done
for f in "$f16"/F16_*.dml; do
  b=$(basename "$f"); case $b in F16_aero.dml|F16_prop.dml) continue ;; esac
  n=$(count_outputs "$f")
  if [ "$n" -gt 0 ]; then
    expect "daveml check: $b agrees with all $n of its checkData outputs" 0 "^$n of $n outputs within tolerance" -- \
      "$saqr" daveml check "$f"
  else
    expect "daveml check: $b has no checkData and says so" 0 "no checkData" -- "$saqr" daveml check "$f"
  fi
done
prop="$f16/F16_prop.dml"
sed 's|<signalValue>1060.0</signalValue>|<signalValue>1061.0</signalValue>|' "$prop" > "$tmp/prop_expected.dml"
# the line of the <signal> holding the changed value
line=$(awk '/<signal>/{s=NR} /<signalValue>1061.0</{print s; exit}' "$tmp/prop_expected.dml")
expect "daveml check: a changed expected value fails, naming the output and its line (exit 1)" 1 \
  "thrustBodyForce_X .* 1060 +1061 .*FAIL  .*prop_expected\.dml:$line$" -- "$saqr" daveml check "$tmp/prop_expected.dml"
grep -q '^53 of 54 outputs within tolerance' "$tmp/out" && [ "$(grep -c 'FAIL' "$tmp/out")" -eq 1 ] \
  && echo "ok   daveml check: only that output fails, the summary counts it" \
  || { echo "FAIL daveml check: summary of the changed file"; sed 's/^/    /' "$tmp/out" | tail -3; fails=$((fails + 1)); }
# 2e-5 off with <tol>1e-5: fails as written, passes with the tolerances tripled.
sed 's|<signalValue>1060.0</signalValue>|<signalValue>1060.00002</signalValue>|' "$prop" > "$tmp/prop_near.dml"
expect "daveml check: 2e-5 off a 1e-5 tolerance fails" 1 '^53 of 54 outputs within tolerance' -- \
  "$saqr" daveml check "$tmp/prop_near.dml"
expect "daveml check: --tol-scale 3 lets it pass" 0 '^54 of 54 outputs within tolerance' -- \
  "$saqr" daveml check "$tmp/prop_near.dml" --tol-scale 3
# A moved elevator breakpoint (0 -> 0.5 deg) shifts the basic tables: the
# failing shots list the internal values that are off, CX0 among them.
sed 's/<bpVals> -24., -12., 0., 12., 24. </<bpVals> -24., -12., 0.5, 12., 24. </' "$f16/F16_aero.dml" > "$tmp/aero_bp.dml"
expect "daveml check: a failing shot lists its internal values that are off" 1 'internal value off: CX0 = .*aero_bp\.dml:[0-9]+$' -- \
  "$saqr" daveml check "$tmp/aero_bp.dml"
line=$(grep -n -m1 '<ci>T_IDLE</ci>' "$prop" | cut -d: -f1)
sed '0,/<ci>T_IDLE<\/ci>/s||<ci>T_IDLE</cx>|' "$prop" > "$tmp/prop_xml.dml"
expect "daveml check: malformed XML in MathML names file:line (exit 2)" 2 "prop_xml\.dml:$line: not well-formed XML" -- \
  "$saqr" daveml check "$tmp/prop_xml.dml"
line=$(grep -n -m1 '<divide/>' "$prop" | cut -d: -f1)
sed '0,/<divide\/>/s||<divid/>|' "$prop" > "$tmp/prop_op.dml"
expect "daveml check: an unknown MathML operator names file:line (exit 2)" 2 "prop_op\.dml:$line: MathML operator <divid> is not supported" -- \
  "$saqr" daveml check "$tmp/prop_op.dml"
sed '0,/<divide\/>/s||<divide/><cn>2</cn>|' "$prop" > "$tmp/prop_args.dml"
line=$(awk '/<apply>/{a=NR} /<divide\/>/{print a; exit}' "$prop")   # the <apply> of that <divide/>
expect "daveml check: a MathML operator with the wrong argument count names file:line (exit 2)" 2 \
  "prop_args\.dml:$line: <divide> takes 2 arguments, not 3" -- "$saqr" daveml check "$tmp/prop_args.dml"
line=$(grep -n -m1 '<ci>PWR</ci>' "$prop" | cut -d: -f1)
sed '0,/<ci>PWR<\/ci>/s||<ci>noSuchVariable</ci>|' "$prop" > "$tmp/prop_ci.dml"
expect "daveml check: a calculation naming a missing variable names file:line (exit 2)" 2 \
  "prop_ci\.dml:$line: <ci>noSuchVariable</ci> names no variableDef" -- "$saqr" daveml check "$tmp/prop_ci.dml"
line=$(grep -n -m1 '<signalName>thrustBodyForce_X</signalName>' "$prop" | cut -d: -f1)
sed '0,/<signalName>thrustBodyForce_X<\/signalName>/s||<signalName>noSuchOutput</signalName>|' "$prop" > "$tmp/prop_sig.dml"
expect "daveml check: checkData naming a missing variable names file:line (exit 2)" 2 \
  "prop_sig\.dml:$line: checkData signal 'noSuchOutput' names no variableDef" -- "$saqr" daveml check "$tmp/prop_sig.dml"
line=$(grep -n -m1 '<dataTable' "$prop" | cut -d: -f1)
sed '0,/<\/dataTable>/s|| 9.0 </dataTable>|' "$prop" > "$tmp/prop_table.dml"
expect "daveml check: a table one value longer than its breakpoints names file:line (exit 2)" 2 \
  "prop_table\.dml:$line: <dataTable> has 37 values but its breakpoints need 36" -- "$saqr" daveml check "$tmp/prop_table.dml"
expect "daveml check: a missing file is named (exit 2)" 2 "no_such\.dml" -- "$saqr" daveml check "$tmp/no_such.dml"
expect "daveml check: without a file is a usage error" 2 "usage: saqr daveml check FILE.dml" -- "$saqr" daveml check
expect "daveml: an unknown sub-command is a usage error" 2 "usage: saqr daveml check" -- "$saqr" daveml eval "$prop"
expect "daveml check: a negative --tol-scale is refused" 2 'wants a finite number >= 0, not "-1"' -- \
  "$saqr" daveml check "$prop" --tol-scale -1
expect "daveml check: --tol-scale without a value" 2 "--tol-scale needs a value" -- "$saqr" daveml check "$prop" --tol-scale

# the F-16 case files' navigation and criteria elements, broken
mkdir -p "$tmp/f16bad"
cp "$cases/atmos_13p4.xml" "$cases/atmos_16.xml" "$tmp/f16bad/"
sed -i 's/offset="2000"/offset="lots"/' "$tmp/f16bad/atmos_13p4.xml"
sed -i 's/<continuous quantity="longitude"/<continuous quantity="colour"/; s/within="1000" after="60"/within="NaN" after="60"/' \
  "$tmp/f16bad/atmos_16.xml"
run_f16bad() { "$saqr" check nasa --shared "$shared" --cases "$tmp/f16bad" --out "$tmp/f16o" "$@"; }
expect "case file: a cross-track offset that is not a number names file and line" 2 \
  'atmos_13p4.xml:[0-9]+: offset must be a finite number' -- run_f16bad 13.4
expect "case file: a NaN tolerance names file and line" 2 'atmos_16.xml:[0-9]+: within must be a finite number' -- \
  run_f16bad 16

# the instruction-count bench's script driver and its wrapper: bad flags
# and a missing script are named, with a non-zero exit
step=$(dirname "$saqr")/bench/step_script
jroot=$shared/reference/jsbsim
expect "step_script flies a script's first frames" 0 "^3$" -- "$step" "$jroot" scripts/c1723.xml --frames 3
expect "step_script without a script shows its usage" 2 "usage: .*step_script ROOT SCRIPT" -- "$step"
expect "step_script: --frames that is not a whole number" 2 '--frames wants a whole number >= 0, not "-1"' -- \
  "$step" "$jroot" scripts/c1723.xml --frames -1
expect "step_script: an unknown option" 2 'unknown option "--fast"' -- "$step" "$jroot" scripts/c1723.xml --fast
expect "step_script: a missing script names the file" 1 "nothere.xml.*cannot open" -- \
  "$step" "$jroot" scripts/nothere.xml
instr=$(dirname "$0")/../../bench/instructions.sh
expect "instructions.sh without a JSBSim program says so" 2 "--jsbsim PATH to a JSBSim program" -- \
  bash "$instr" --shared "$shared"
expect "instructions.sh: an unknown option" 2 "unknown option --fast" -- bash "$instr" --fast

# the A/B bench's flight driver and its wrapper: a build against itself
# gives a line per script; bad requests and flags are named
fly=$(dirname "$saqr")/bench/fly_requests
expect "fly_requests flies each requested script and times it" 0 "^[0-9]+\.[0-9]+$" -- \
  sh -c 'printf "c172_elevator_doublet\n\nc172_elevator_doublet\n" | "$1" "$2" --interpreted' - "$fly" "$jroot"
[ "$(grep -cE '^[0-9]+\.[0-9]+$' "$tmp/out")" -eq 2 ] && echo "ok   fly_requests answers each request once" \
  || { echo "FAIL fly_requests answers each request once:"; sed 's/^/    /' "$tmp/out"; fails=$((fails + 1)); }
expect "fly_requests: a missing script names the file" 1 "scripts/nothere.xml.*cannot open" -- \
  sh -c 'echo nothere | "$1" "$2"' - "$fly" "$jroot"
expect "fly_requests: a path is not a script name" 1 '"../x" is not a script name' -- \
  sh -c 'echo ../x | "$1" "$2"' - "$fly" "$jroot"
expect "fly_requests: a name too long for a script is refused" 1 "is not a script name under scripts/" -- \
  sh -c 'head -c 300 /dev/zero | tr "\\0" x | "$1" "$2"' - "$fly" "$jroot"
expect "fly_requests: an unknown option shows the usage" 2 "usage: .*fly_requests ROOT" -- "$fly" "$jroot" --fast
ab=$(dirname "$0")/../../bench/ab.sh
expect "ab.sh: a build against itself reports the script" 0 "^c172_elevator_doublet +[0-9.]+ +[0-9.]+ +[-+][0-9.]+%" -- \
  bash "$ab" --pairs 2 --shared "$shared" --interpreted "$fly" "$fly" c172_elevator_doublet
expect "ab.sh: a script a build cannot fly stops it" 1 "failed on nothere" -- \
  bash "$ab" --pairs 1 --shared "$shared" "$fly" "$fly" nothere
expect "ab.sh: --pairs that is not a whole number" 2 '--pairs wants a whole number > 0, not "x"' -- \
  bash "$ab" --pairs x "$fly" "$fly"
expect "ab.sh: one build only shows the usage" 2 "usage: bench/ab.sh" -- bash "$ab" "$fly"
expect "ab.sh: a build that is not a program is named" 2 "$tmp/nothere is not a program" -- \
  bash "$ab" "$fly" "$tmp/nothere"

# Derived constants stay derived: the ziggurat's tables in util/rng.c are
# what tools/ziggurat-tables.py prints (an edit by hand, or a change of
# the method without the tables, fails here)
here=$(cd "$(dirname "$0")/../.." && pwd)
if python3 "$here/tools/ziggurat-tables.py" > "$tmp/zig.txt" &&
   sed -n '/ziggurat-tables.py: begin/,/ziggurat-tables.py: end/p' "$here/src/util/rng.c" | cmp -s - "$tmp/zig.txt"; then
  echo "ok   util/rng.c's ziggurat tables are tools/ziggurat-tables.py's output"
else
  echo "FAIL util/rng.c's ziggurat tables differ from tools/ziggurat-tables.py's output"; fails=$((fails + 1))
fi

# The JF-17's ground-effect tables are tools/ground-effect.py's output for
# its wing (aspect ratio 3.66, half-chord sweep 30 deg) at the file's
# breakpoints; the tool refuses arguments that are not numbers in range
ge_rows() { # the h/b kCDge kCLge rows of jf17.xml's two tables, joined
  awk '/name="aero\/function\/kCDge"/ {t = 1} /name="aero\/function\/kCLge"/ {t = 2}
       /<\/tableData>/ {t = -t} t > 0 && NF == 2 && $1 ~ /^[0-9.]+$/ {v[t, $1] = $2; if (t == 1) h[++n] = $1}
       END {for (i = 1; i <= n; i++) printf "%s %s %s\n", h[i], v[1, h[i]], v[2, h[i]]}' "$here/aircraft/jf17/jf17.xml"
}
heights=$(ge_rows | awk '{printf "%s%s", (NR > 1 ? "," : ""), $1}')
if [ -n "$heights" ] &&
   python3 "$here/tools/ground-effect.py" --aspect 3.66 --sweep-half-chord 30 --heights "$heights" | awk 'NR > 1 {print $1, $2, $3}' |
     diff - <(ge_rows) >/dev/null; then
  echo "ok   aircraft/jf17/jf17.xml's ground-effect tables are tools/ground-effect.py's output"
else
  echo "FAIL aircraft/jf17/jf17.xml's ground-effect tables differ from tools/ground-effect.py's output"; fails=$((fails + 1))
fi
expect "ground-effect.py: an aspect ratio that is not a number is refused" 2 "not a number: 'x'" -- \
  python3 "$here/tools/ground-effect.py" --aspect x
expect "ground-effect.py: a height of zero is refused" 2 "must be above zero: '0'" -- \
  python3 "$here/tools/ground-effect.py" --aspect 3.66 --heights 0,0.1
expect "ground-effect.py: a sweep of 90 degrees is refused" 2 "from 0 up to 90 degrees" -- \
  python3 "$here/tools/ground-effect.py" --aspect 3.66 --sweep-half-chord 90

[ "$fails" -eq 0 ] && echo "system tests: all passed" || { echo "system tests: $fails failed"; exit 1; }
