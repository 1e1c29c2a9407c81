# Sourced by the test runners: pool_run FUNCTION JOB... calls FUNCTION JOB
# for every job, two at a time (one per core of the project's machine; the
# machine's core count when it has fewer), in the order given.  Returns
# non-zero when any call did; every job runs either way.
pool_run() {
  local fn=$1 slots running=0 failed=0 j
  shift
  slots=$(nproc 2>/dev/null || echo 1); [ "$slots" -gt 2 ] && slots=2
  for j in "$@"; do
    "$fn" "$j" &
    running=$((running + 1))
    if [ "$running" -ge "$slots" ]; then wait -n || failed=1; running=$((running - 1)); fi
  done
  while [ "$running" -gt 0 ]; do wait -n || failed=1; running=$((running - 1)); done
  return "$failed"
}
