#!/usr/bin/env bash
# install.sh - `make install`'s files (tools/install-lib.sh) used the way a
# program embedding libsaqr uses them: the layout, the shared library's
# exports (exactly the functions the public headers declare), and the
# examples built with pkg-config against the installed shared and static
# libraries, each printing what the same example built in this tree
# prints.  Bad arguments are refused with a message and exit 2, writing
# nothing.  docs/embedding.md.
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
refused() {
    local want=$1; shift
    local rc=0 msg
    msg=$(bash tools/install-lib.sh "$@" 2>&1) || rc=$?
    [ "$rc" -eq 2 ] || fail "install-lib.sh $* exited $rc, not 2 ($msg)"
    case "$msg" in *"$want"*) ;; *) fail "install-lib.sh $*: \"$msg\" does not say \"$want\"" ;; esac
    [ ! -e "$tmp/bad" ] || fail "install-lib.sh $* wrote $tmp/bad"
    ok "refused: $want"
}
refused "PREFIX must be an absolute path" "$b" relative/prefix "$tmp/bad"
refused "is not built" "$tmp/no-build" /opt/saqr "$tmp/bad"
refused "may not hold spaces" "$b" "/opt/sa qr" "$tmp/bad"
refused "usage" "$b"

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
readelf -d "$stage/lib/libsaqr.so.$v" | grep -q "Library soname: \[libsaqr.so.$major\]" || fail "soname is not libsaqr.so.$major"
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
LD_LIBRARY_PATH=$inst/lib ldd "$tmp/drop_sphere-shared" | grep -q "libsaqr.so.$major => $inst/lib/" \
    || fail "the shared build does not load $inst/lib/libsaqr.so.$major"
! ldd "$tmp/drop_sphere-static" | grep -q libsaqr || fail "the static build still needs libsaqr.so"
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
echo "install: all passed"
