#!/usr/bin/env bash
# Release archives a coordinator can download, in dist/:
#   netday-VERSION-windows-x86_64.zip   netday.exe, README, licences (netday's, the font's OFL)
#   netday-VERSION-linux-x86_64.tar.gz  netday, the same documents
#   SHA256SUMS
# Built with the `dist` profile (release, symbols stripped). Needs the x86_64-pc-windows-gnu
# target and mingw-w64 (`rustup target add x86_64-pc-windows-gnu`,
# `apt-get install gcc-mingw-w64-x86-64`) and python3 for the zip.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
cargo build --locked --profile dist
cargo build --locked --profile dist --target x86_64-pc-windows-gnu
# The test hooks (the `test-hooks` feature) never ship: neither the hidden command nor the panic
# switch may be in what users run.
for exe in target/dist/netday target/x86_64-pc-windows-gnu/dist/netday.exe; do
  if grep -a -q -e harness-checkins -e NETDAY_TEST_PANIC "$exe"; then
    echo "$exe holds a test hook: build it without --features test-hooks" >&2
    exit 1
  fi
done
rm -rf dist
mkdir -p dist/stage
docs=(README.md LICENSE assets/fonts/OFL.txt assets/fonts/README)
stage() {
  local name=$1 exe=$2
  local dir="dist/stage/$name"
  mkdir -p "$dir/fonts"
  cp "$exe" "$dir/"
  cp README.md LICENSE "$dir/"
  cp assets/fonts/OFL.txt "$dir/fonts/OFL.txt"
  cp assets/fonts/README "$dir/fonts/README.txt"
}
win="netday-$version-windows-x86_64"
linux="netday-$version-linux-x86_64"
stage "$win" target/x86_64-pc-windows-gnu/dist/netday.exe
stage "$linux" target/dist/netday
python3 - "dist/$win.zip" "dist/stage/$win" <<'PY'
import os, sys, zipfile
out, root = sys.argv[1], sys.argv[2]
base = os.path.dirname(root)
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for d, _, files in sorted(os.walk(root)):
        for f in sorted(files):
            p = os.path.join(d, f)
            z.write(p, os.path.relpath(p, base))
PY
tar -C dist/stage -czf "dist/$linux.tar.gz" --owner=0 --group=0 "$linux"
rm -rf dist/stage
(cd dist && sha256sum "$win.zip" "$linux.tar.gz" > SHA256SUMS)
ls -l dist
