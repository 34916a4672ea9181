#!/usr/bin/env bash
# The Windows archive from scripts/dist.sh, unpacked and run under wine as a coordinator's first
# steps: --version, demo, search, backup, restore into a new database. Usage: smoke.sh DIST_DIR
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dist="$(cd "${1:-dist}" && pwd)"
zip=$(ls "$dist"/netday-*-windows-x86_64.zip)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m zipfile -e "$zip" "$work"
exe=$(ls "$work"/netday-*/netday.exe)
cp "$root/target/wine/bcryptprimitives.dll" "$(dirname "$exe")/"
export WINEPREFIX="$root/target/wine/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
rm -rf "$WINEPREFIX/drive_c/netday-smoke"
trap 'rm -rf "$work" "$WINEPREFIX/drive_c/netday-smoke"' EXIT
run() { wine "$exe" "$@"; }
say() { printf 'wine smoke: %s\n' "$*"; }
run --version | grep -q '^netday ' || { say "--version printed no version"; exit 1; }
db='C:\netday-smoke\netday.db'
run --db "$db" demo >/dev/null
hits=$(run --db "$db" --lang en search Kim | wc -l)
[ "$hits" -ge 1 ] || { say "search found nobody after demo"; exit 1; }
run --db "$db" backup -o 'C:\netday-smoke\demo.netday-backup' >/dev/null
run --db 'C:\netday-smoke\restored.db' restore 'C:\netday-smoke\demo.netday-backup' >/dev/null
same=$(run --db 'C:\netday-smoke\restored.db' --lang en search Kim | wc -l)
[ "$same" -eq "$hits" ] || { say "the restored database finds $same, not $hits"; exit 1; }
say "--version, demo, search ($hits), backup and restore ran"
