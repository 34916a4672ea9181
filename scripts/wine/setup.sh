#!/usr/bin/env bash
# Makes this machine run the Windows build's tests under wine: installs wine and mingw-w64 when
# missing, builds the ProcessPrng stub DLL into target/wine/, and makes the wine prefix there.
# Then `CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=scripts/wine/run.sh cargo test --target
# x86_64-pc-windows-gnu` runs the tests under wine.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v wine >/dev/null 2>&1 || ! command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends wine wine64 gcc-mingw-w64-x86-64 >/dev/null
fi
mkdir -p target/wine
x86_64-w64-mingw32-gcc -O2 -shared -o target/wine/bcryptprimitives.dll \
  scripts/wine/bcryptprimitives.c scripts/wine/bcryptprimitives.def -ladvapi32
export WINEPREFIX="$PWD/target/wine/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
if [ ! -f "$WINEPREFIX/system.reg" ]; then
  wineboot -i >/dev/null 2>&1 || true
  wineserver -w || true
fi
test -f "$WINEPREFIX/system.reg" || { echo "wine prefix not made: $WINEPREFIX" >&2; exit 1; }
