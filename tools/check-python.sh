#!/usr/bin/env bash
# The Python binding's tests, each with numpy (required on that run) and
# with plain lists.
#   check-python.sh LIBSAQR_SO SHARED PYTHON
set -euo pipefail
lib=$1; shared=$2; python=$3
root=$(cd "$(dirname "$0")/.." && pwd)
for t in "$root"/tests/python/test_*.py; do
  echo "== $t"
  SAQR_LIB="$lib" SAQR_SHARED="$shared" SAQR_REQUIRE_NUMPY=1 "$python" "$t"
  SAQR_LIB="$lib" SAQR_SHARED="$shared" SAQR_NO_NUMPY=1 "$python" "$t"
done
