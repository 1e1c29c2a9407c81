# expect.sh - sourced by the system test scripts: `expect` runs a command
# and checks its exit code and output.  Needs $tmp (a scratch folder) and
# counts failures in $fails.
#
# expect NAME EXIT_CODE PATTERN -- command...
expect() {
  local name=$1 code=$2 pattern=$3; shift 4
  "$@" >"$tmp/out" 2>&1; local got=$?
  if [ "$got" -ne "$code" ] || ! grep -qE -- "$pattern" "$tmp/out"; then
    echo "FAIL $name: exit $got (want $code), output:"; sed 's/^/    /' "$tmp/out" | head -20
    fails=$((fails + 1))
  else
    echo "ok   $name"
  fi
}
