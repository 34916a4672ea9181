#!/usr/bin/env bash
# cargo's runner for x86_64-pc-windows-gnu: runs a Windows executable under wine, with the
# ProcessPrng stub (scripts/wine/setup.sh) beside it.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
exe="$1"
shift
dll="$root/target/wine/bcryptprimitives.dll"
[ -f "$dll" ] || { echo "run scripts/wine/setup.sh first" >&2; exit 1; }
dir="$(dirname "$exe")"
[ -f "$dir/bcryptprimitives.dll" ] || cp "$dll" "$dir/"
# The tests spawn netday.exe from the target folder: it needs the stub beside it too.
for d in "$dir" "$dir/.."; do
  if [ -f "$d/netday.exe" ] && [ ! -f "$d/bcryptprimitives.dll" ]; then cp "$dll" "$d/"; fi
done
export WINEPREFIX="$root/target/wine/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
exec wine "$exe" "$@"
