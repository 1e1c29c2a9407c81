#!/usr/bin/env bash
# install-lib.sh - installs libsaqr for programs that embed it (`make
# install`, docs/embedding.md):
#   PREFIX/include/saqr.h, saqr_batch.h
#   LIBDIR/libsaqr.a
#   LIBDIR/libsaqr.so.MAJOR.MINOR.PATCH, with libsaqr.so.MAJOR (the
#     soname) and libsaqr.so linked to it
#   LIBDIR/pkgconfig/saqr.pc
# LIBDIR is PREFIX/lib unless the environment sets LIBDIR (absolute).
#
#   install-lib.sh BUILD PREFIX [DESTDIR]
#     BUILD    the build holding libsaqr.a and libsaqr.so (build/rel)
#     PREFIX   where the files will live, absolute (/usr/local)
#     DESTDIR  a staging root the files are written under (packaging)
# Exit 0 when installed, 2 on a bad argument or a missing build.
set -euo pipefail

fail() { echo "install-lib.sh: $*" >&2; exit 2; }
[ $# -ge 2 ] && [ $# -le 3 ] || fail "usage: install-lib.sh BUILD PREFIX [DESTDIR]"
build=$1 prefix=$2 destdir=${3:-}
root=$(cd "$(dirname "$0")/.." && pwd)
libdir=${LIBDIR:-$prefix/lib}

case "$prefix" in /*) ;; *) fail "PREFIX must be an absolute path, not \"$prefix\"" ;; esac
case "$libdir" in /*) ;; *) fail "LIBDIR must be an absolute path, not \"$libdir\"" ;; esac
case "$prefix$libdir" in *[[:space:]]* | *'$'* | *'\'*) fail "PREFIX and LIBDIR may not hold spaces, \$ or \\ (pkg-config's file)" ;; esac
for f in "$build/libsaqr.a" "$build/libsaqr.so"; do
    [ -f "$f" ] || fail "$f is not built (make CONFIG=rel $f)"
done

# the version as the header says it (saqr_version() returns the same)
header=$root/include/saqr.h
num() { sed -n "s/^#define SAQR_VERSION_$1 \\([0-9][0-9]*\\)\$/\\1/p" "$header"; }
major=$(num MAJOR) minor=$(num MINOR) patch=$(num PATCH)
[ -n "$major" ] && [ -n "$minor" ] && [ -n "$patch" ] || fail "$header: no SAQR_VERSION_MAJOR/MINOR/PATCH"
version=$major.$minor.$patch

inc=$destdir$prefix/include lib=$destdir$libdir
install -d "$inc" "$lib/pkgconfig"
install -m 644 "$root/include/saqr.h" "$root/include/saqr_batch.h" "$inc/"
install -m 644 "$build/libsaqr.a" "$lib/libsaqr.a"
install -m 755 "$build/libsaqr.so" "$lib/libsaqr.so.$version"
ln -sfn "libsaqr.so.$version" "$lib/libsaqr.so.$major"
ln -sfn "libsaqr.so.$major" "$lib/libsaqr.so"

# The libraries libsaqr itself links (Makefile, LDLIBS_ALL), for a link
# with the static archive: as -l flags rather than Requires.private, since
# Debian's libpq.pc names static libraries it does not ship (-lpgcommon,
# -lpgport) and civetweb has no pkg-config file.  The public headers need
# no other package's headers.
cat > "$lib/pkgconfig/saqr.pc" <<PC
prefix=$prefix
libdir=$libdir
includedir=\${prefix}/include

Name: saqr
Description: libsaqr, Saqr's deterministic 6-DOF flight-dynamics engine (JSBSim aircraft and scripts, DAVE-ML)
Version: $version
Libs: -L\${libdir} -lsaqr
Libs.private: -lxml2 -lsqlite3 -lpq -lSDL2 -lcivetweb -lcjson -lsodium -lpthread -lm -lz
Cflags: -I\${includedir}
PC
chmod 644 "$lib/pkgconfig/saqr.pc"
echo "installed libsaqr $version under $destdir$prefix (libraries in $lib; pkg-config: $lib/pkgconfig/saqr.pc)"
