#!/usr/bin/env bash
# install.sh - `make install`'s files (tools/install-lib.sh) used the way a
# program embedding libsaqr uses them: the layout, the shared library's
# exports (exactly the functions the public headers declare), and the
# examples built with pkg-config against the installed shared and static
# libraries, each printing what the same example built in this tree
# prints; and the `saqr` command installed with its data
# (tools/install-app.sh), which flies a lesson and serves the station's
# pages from its share/saqr.  Bad arguments are refused with a message
# and exit 2, writing nothing.  docs/embedding.md.
# Environment: B (the release build: build/rel), SHARED (../shared).
set -euo pipefail
b=${B:?} shared=${SHARED:?}
root=$(cd "$(dirname "$0")/../.." && pwd)
case $b in /*) ;; *) b=$root/$b ;; esac
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "install.sh: FAIL: $*" >&2; exit 1; }
ok() { echo "  ok: $*"; }
cd "$root"

# --- bad arguments: exit 2, a message naming the problem, nothing written
refused() { # SCRIPT WANT ARGS...
    local script=$1 want=$2; shift 2
    local rc=0 msg
    msg=$(bash "tools/$script" "$@" 2>&1) || rc=$?
    [ "$rc" -eq 2 ] || fail "$script $* exited $rc, not 2 ($msg)"
    case "$msg" in *"$want"*) ;; *) fail "$script $*: \"$msg\" does not say \"$want\"" ;; esac
    [ ! -e "$tmp/bad" ] || fail "$script $* wrote $tmp/bad"
    ok "$script refused: $want"
}
refused install-lib.sh "PREFIX must be an absolute path" "$b" relative/prefix "$tmp/bad"
refused install-lib.sh "is not built" "$tmp/no-build" /opt/saqr "$tmp/bad"
refused install-lib.sh "may not hold spaces" "$b" "/opt/sa qr" "$tmp/bad"
refused install-lib.sh "usage" "$b"

# --- staged for packaging: the files, the links, pkg-config's prefix
bash tools/install-lib.sh "$b" /opt/saqr "$tmp/stage" >/dev/null
v=$(sed -n 's/^#define SAQR_VERSION_STRING "\(.*\)"$/\1/p' include/saqr.h)
major=${v%%.*}
stage=$tmp/stage/opt/saqr
for f in include/saqr.h include/saqr_batch.h lib/libsaqr.a "lib/libsaqr.so.$v" lib/pkgconfig/saqr.pc; do
    [ -f "$stage/$f" ] || fail "no $stage/$f"
done
[ "$(readlink "$stage/lib/libsaqr.so")" = "libsaqr.so.$major" ] || fail "libsaqr.so does not link to libsaqr.so.$major"
[ "$(readlink "$stage/lib/libsaqr.so.$major")" = "libsaqr.so.$v" ] || fail "libsaqr.so.$major does not link to .so.$v"
# (tools' output taken whole before it is searched: with pipefail, grep -q
# leaving early can fail the pipe on the writer's SIGPIPE)
dyn=$(readelf -d "$stage/lib/libsaqr.so.$v")
grep -q "Library soname: \[libsaqr.so.$major\]" <<< "$dyn" || fail "soname is not libsaqr.so.$major"
grep -qx "prefix=/opt/saqr" "$stage/lib/pkgconfig/saqr.pc" || fail "saqr.pc's prefix is not the PREFIX given"
ok "staged under DESTDIR: headers, libsaqr.a, libsaqr.so.$v (soname libsaqr.so.$major), saqr.pc"

# --- the shared library exports the public functions, and nothing else
grep -ohE '\bsaqr_[a-z0-9_]+\(' include/saqr.h include/saqr_batch.h | tr -d '(' | sort -u > "$tmp/declared"
nm -D --defined-only "$stage/lib/libsaqr.so.$v" | awk '{print $3}' | sort -u > "$tmp/exported"
if ! diff -u "$tmp/declared" "$tmp/exported" > "$tmp/exports.diff"; then
    cat "$tmp/exports.diff" >&2
    fail "libsaqr.so's exports are not the headers' functions (- declared only, + exported only)"
fi
ok "libsaqr.so exports exactly the $(wc -l < "$tmp/declared") functions of saqr.h and saqr_batch.h"

# --- a program built with pkg-config against an installed prefix
inst=$tmp/inst
bash tools/install-lib.sh "$b" "$inst" >/dev/null
export PKG_CONFIG_PATH=$inst/lib/pkgconfig
[ "$(pkg-config --modversion saqr)" = "$v" ] || fail "pkg-config --modversion saqr is not $v"
cflags=$(pkg-config --cflags saqr)
shared_libs=$(pkg-config --libs saqr)
# the static archive named by its path: beside libsaqr.so, -lsaqr is the shared one
static_libs=$(pkg-config --static --libs saqr | sed "s#-lsaqr#$inst/lib/libsaqr.a#")
cat > "$tmp/version.c" <<'C'
#include <stdio.h>
#include <string.h>
#include "saqr.h"
int main(void)
{
    printf("%s\n", saqr_version());
    return strcmp(saqr_version(), SAQR_VERSION_STRING) != 0;
}
C
build() { # NAME SOURCE LIBS...
    local name=$1 src=$2; shift 2
    # shellcheck disable=SC2086
    cc -std=c11 -O2 -Wall -Wextra -Werror $cflags -o "$tmp/$name" "$src" "$@" \
        || fail "$src does not build against the installed libsaqr ($name)"
}
build version-shared "$tmp/version.c" $shared_libs
build version-static "$tmp/version.c" $static_libs
for ex in drop_sphere batch_elevator_sweep; do
    build "$ex-shared" "examples/$ex.c" $shared_libs
    build "$ex-static" "examples/$ex.c" $static_libs
done
deps_shared=$(LD_LIBRARY_PATH=$inst/lib ldd "$tmp/drop_sphere-shared")
deps_static=$(ldd "$tmp/drop_sphere-static")
grep -q "libsaqr.so.$major => $inst/lib/" <<< "$deps_shared" \
    || { echo "$deps_shared" >&2; fail "the shared build does not load $inst/lib/libsaqr.so.$major"; }
! grep -q libsaqr <<< "$deps_static" || fail "the static build still needs libsaqr.so"
for kind in shared static; do
    [ "$(LD_LIBRARY_PATH=$inst/lib "$tmp/version-$kind")" = "$v" ] || fail "saqr_version() ($kind) is not $v"
done
ok "pkg-config builds against the installed headers and libraries; saqr_version() is $v"

# the same results as the examples built in this tree
[ -x "$b/examples/drop_sphere" ] && [ -x "$b/examples/batch_elevator_sweep" ] || fail "the tree's examples are not built"
"$b/examples/drop_sphere" > "$tmp/drop.tree"
"$b/examples/batch_elevator_sweep" "$shared/reference/jsbsim" > "$tmp/sweep.tree"
for kind in shared static; do
    LD_LIBRARY_PATH=$inst/lib "$tmp/drop_sphere-$kind" > "$tmp/drop.$kind"
    cmp -s "$tmp/drop.tree" "$tmp/drop.$kind" || fail "drop_sphere ($kind) printed other figures than the tree's"
    LD_LIBRARY_PATH=$inst/lib "$tmp/batch_elevator_sweep-$kind" "$shared/reference/jsbsim" > "$tmp/sweep.$kind"
    cmp -s "$tmp/sweep.tree" "$tmp/sweep.$kind" || fail "batch_elevator_sweep ($kind) printed other figures than the tree's"
done
ok "drop_sphere and batch_elevator_sweep, shared and static, print the tree's figures ($(wc -l < "$tmp/sweep.tree") lines of the sweep)"

# --- the command and its data (tools/install-app.sh)
refused install-app.sh "PREFIX must be an absolute path" "$b/saqr" relative "$tmp/bad"
refused install-app.sh "is not built" "$tmp/no-saqr" /opt/saqr "$tmp/bad"
bash tools/install-app.sh "$b/saqr" "$inst" >/dev/null
for d in bin/saqr share/saqr/lessons/super-mushak share/saqr/aircraft share/saqr/data/nasa share/saqr/web/dist/index.html; do
    [ -e "$inst/$d" ] || fail "no $inst/$d"
done
# a lesson only the installed data has: the installed command flies it,
# the tree's does not know it
sed 's|id="super-mushak/steep-turns"|id="super-mushak/install-probe"|' lessons/super-mushak/steep-turns.xml \
    > "$inst/share/saqr/lessons/super-mushak/install-probe.xml"
(cd "$tmp" && "$inst/bin/saqr" fly super-mushak/install-probe --record "$tmp/probe.rec" > "$tmp/probe.out" 2>&1) \
    || { cat "$tmp/probe.out" >&2; fail "the installed saqr does not fly a lesson of its share/saqr"; }
grep -q "^Sortie: " "$tmp/probe.out" || fail "the installed saqr's sortie printed no result"
! "$b/saqr" fly super-mushak/install-probe --record "$tmp/probe2.rec" > /dev/null 2>&1 \
    || fail "the tree's saqr found a lesson only the install has"
# the station serves the installed pages
echo "<!-- installed copy -->" >> "$inst/share/saqr/web/dist/index.html"
(cd "$tmp" && exec "$inst/bin/saqr" serve --port 0 --db "sqlite://$tmp/records.db" --work "$tmp/work") \
    > "$tmp/serve.out" 2> "$tmp/serve.err" &
server=$!
url=""
for _ in $(seq 1 100); do
    url=$(sed -n 's|^Saqr instructor station: \(http://[^ ]*\)/ .*|\1|p' "$tmp/serve.out")
    [ -n "$url" ] && break
    kill -0 "$server" 2>/dev/null || break
    sleep 0.1
done
page=$(python3 -c 'import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1] + "/").read().decode())' "$url" \
    2>/dev/null || true)
kill -TERM "$server" 2>/dev/null || true
wait "$server" 2>/dev/null || true
[ -n "$url" ] || { cat "$tmp/serve.err" >&2; fail "the installed saqr serve did not start"; }
case "$page" in *"<!-- installed copy -->"*) ;; *) fail "the installed station does not serve share/saqr/web/dist" ;; esac
ok "the installed saqr reads its lessons and serves its pages from share/saqr"
echo "install: all passed"
