#!/usr/bin/env bash
# Builds every tests/fuzz/fuzz_*.c with clang's libFuzzer (plus ASan and
# UBSan) and runs it.
#   fuzz.sh fuzz-regress SHARED  - replay the corpus, then fuzz 10 s each
#                                  (`make test`: 6 s; libFuzzer runs the whole
#                                  corpus before it looks at the time)
#   fuzz.sh fuzz SHARED          - fuzz 300 s each (FUZZ_SECONDS overrides)
# A fuzz driver may name seed files from ../shared on its first line:
#   // seeds: reference/nasa-eom-2015/models/*.dml
# and files of the repository on one of its first three lines:
#   // repo-seeds: data/nasa/*.xml
set -euo pipefail
. "$(dirname "$0")/pool.sh"
mode=${1:-fuzz-regress}
shared=${2:-../shared}
secs=${FUZZ_SECONDS:-$([ "$mode" = fuzz ] && echo 300 || echo 10)}
out=build/fuzz
mkdir -p "$out"
xml_cf=$(pkg-config --cflags libxml-2.0)
xml_ld=$(pkg-config --libs libxml-2.0)
pq_cf=$(pkg-config --cflags libpq 2>/dev/null || echo -I/usr/include/postgresql)
sdl_cf=$(pkg-config --cflags sdl2)
sdl_ld=$(pkg-config --libs sdl2)
cflags=(-std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 -fno-sanitize-recover=all -Iinclude -Isrc $xml_cf $pq_cf $sdl_cf)
# The library once, instrumented for the fuzzers (fuzzer-no-link: coverage
# without libFuzzer's main), then each driver linked against it.
lib="$out/libsaqr-fuzz.a"
if [ ! -f "$lib" ] || [ -n "$(find src include -newer "$lib" -print -quit)" ]; then
  echo "== building the instrumented library"
  rm -rf "$out/obj" && mkdir -p "$out/obj"
  find src -name '*.c' | sort | xargs -P 2 -I{} sh -c \
    'clang "$@" -fsanitize=fuzzer-no-link,address,undefined -c -o "$0/$(echo {} | tr / _).o" {}' \
    "$out/obj" "${cflags[@]}"
  rm -f "$lib" && ar rcs "$lib" "$out"/obj/*.o
fi
shopt -s nullglob
# Each driver: build it (when older than the library or its source), gather
# its corpus and fuzz it.
fuzz_one() {
  local drv=$1 name bin corpus seeds repo_seeds pattern f
  name=$(basename "$drv" .c)
  bin="$out/$name"
  if [ ! -x "$bin" ] || [ -n "$(find "$lib" "$drv" -newer "$bin" -print -quit)" ]; then
    echo "== building $name"
    clang "${cflags[@]}" -fsanitize=fuzzer,address,undefined -o "$bin" "$drv" "$lib" $xml_ld -lsqlite3 -lpq $sdl_ld \
      -lcivetweb -lcjson -lsodium -lpthread -lm -lz || return 1
  fi
  corpus="$out/corpus-$name"
  mkdir -p "$corpus"
  [ -d "tests/fuzz/corpus/$name" ] && cp -n tests/fuzz/corpus/"$name"/* "$corpus"/ 2>/dev/null || true
  # The patterns are split without globbing (they name files of ../shared,
  # not of the working directory), then globbed under it.
  read -r -a seeds <<<"$(sed -n '1s#^// seeds: ##p' "$drv")"
  for pattern in "${seeds[@]}"; do for f in "$shared"/$pattern; do cp -n "$f" "$corpus"/ 2>/dev/null || true; done; done
  read -r -a repo_seeds <<<"$(sed -n '1,3s#^// repo-seeds: ##p' "$drv")"
  for pattern in "${repo_seeds[@]}"; do for f in $pattern; do cp -n "$f" "$corpus"/ 2>/dev/null || true; done; done
  local dict=()
  [ -f "tests/fuzz/$name.dict" ] && dict=(-dict="tests/fuzz/$name.dict")
  echo "== fuzzing $name for ${secs}s ($(ls "$corpus" | wc -l) inputs in its corpus)"
  SAQR_SHARED="$shared" "$bin" "${dict[@]}" -artifact_prefix="$out/$name-" -max_total_time="$secs" -max_len=65536 \
    -timeout=10 -rss_limit_mb=2048 -print_final_stats=0 "$corpus" >"$out/$name.log" 2>&1 || {
    local rc=$?
    # what went wrong: the report, its stack and the input's name
    tail -n 60 "$out/$name.log"
    return "$rc"
  }
  tail -n 3 "$out/$name.log"
}

# Two drivers at a time (one per core of the project's machine; a
# libFuzzer run uses one), each one's output shown when it ends.
logs=$(mktemp -d); trap 'rm -rf "$logs"' EXIT
run_one() {
  local drv=$1 log ok=0
  log=$logs/$(basename "$drv").log
  fuzz_one "$drv" >"$log" 2>&1 || ok=$?
  cat "$log"
  [ "$ok" -eq 0 ] || { echo "== $(basename "$drv" .c): FAILED (exit $ok)"; return 1; }
}
pool_run run_one tests/fuzz/fuzz_*.c || { echo "fuzz: a driver failed (above)"; exit 1; }
