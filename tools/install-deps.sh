#!/usr/bin/env bash
# Installs the Debian packages Saqr needs, only those missing.  Used by
# `make run` and `make test` so that a fresh Debian 12 machine needs nothing
# else.  Runs apt-get through sudo when not root.
set -euo pipefail

packages=(
  build-essential pkg-config   # compiler, make, pkg-config
  libxml2-dev                  # XML parser for JSBSim, DAVE-ML and case files
  zlib1g-dev                   # CRC-32 of the flight recorder's records
  libcmocka-dev                # unit-test framework
  valgrind                     # memory checking of the test binaries
  clang libclang-rt-14-dev     # libFuzzer for the parser fuzzers
  libsqlite3-dev sqlite3       # training records, embedded (the default)
  libpq-dev                    # training records on a PostgreSQL server
  postgresql                   # the server the records tests run against
  libsdl2-dev                  # joysticks, throttles, pedals and gamepads
  libcivetweb-dev              # HTTP + WebSocket server of the instructor station
  libcjson-dev                 # the station's JSON messages
  libsodium-dev                # instructors' password hashes, session tokens
  chromium                     # end-to-end tests of the station in a browser
  libopenmpi-dev openmpi-bin   # campaigns across machines (mpirun -n K saqr campaign)
  python3 python3-numpy        # the ctypes binding of the batch API and its tests
)

missing=()
# Node.js and npm build the station's web front end.  Machines may carry
# a Node.js of their own (NodeSource's nodejs bundles npm, and Debian's
# npm package would conflict with it): install Debian's only when absent.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq || echo "install-deps: apt-get update failed; trying the cached lists"
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
