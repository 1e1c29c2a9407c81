#!/usr/bin/env bash
# install-app.sh - installs the `saqr` command and what it reads at run
# time (`make install`, docs/embedding.md):
#   PREFIX/bin/saqr
#   PREFIX/share/saqr/aircraft, lessons, data (airports, controls, NASA's
#     cases, JSBSim output columns), web/dist (the station's pages)
# The command finds them from its own path (apps/saqr/app_paths.c), so the
# same program runs from the tree and installed, and a staged copy
# (DESTDIR) works once moved under PREFIX.
#
#   install-app.sh SAQR PREFIX [DESTDIR]
#     SAQR     the built command (build/rel/saqr)
#     PREFIX   where the files will live, absolute (/usr/local)
#     DESTDIR  a staging root the files are written under (packaging)
# Exit 0 when installed, 2 on a bad argument or a missing build.
set -euo pipefail

fail() { echo "install-app.sh: $*" >&2; exit 2; }
[ $# -ge 2 ] && [ $# -le 3 ] || fail "usage: install-app.sh SAQR PREFIX [DESTDIR]"
saqr=$1 prefix=$2 destdir=${3:-}
root=$(cd "$(dirname "$0")/.." && pwd)
case "$prefix" in /*) ;; *) fail "PREFIX must be an absolute path, not \"$prefix\"" ;; esac
[ -x "$saqr" ] || fail "$saqr is not built (make CONFIG=rel $saqr)"
[ -f "$root/web/dist/index.html" ] || fail "the station's pages are not built (make web)"

bin=$destdir$prefix/bin share=$destdir$prefix/share/saqr
install -d "$bin" "$share/web"
install -m 755 "$saqr" "$bin/saqr"
# the data folders replaced whole, so that nothing of an older install stays
for d in aircraft lessons data web/dist; do
    rm -rf "${share:?}/$d"
    cp -R "$root/$d" "$share/$d"
done
chmod -R u=rwX,go=rX "$share"
echo "installed the saqr command under $destdir$prefix (bin/saqr, share/saqr)"
