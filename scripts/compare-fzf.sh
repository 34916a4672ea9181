#!/usr/bin/env bash
# Whole-process comparison: `netday search Q` against `fzf --filter Q` over the same people
# (name<TAB>organisation per line) on the reference database (100,000 people, 120 networking days).
# Needs hyperfine and fzf; installs them with apt-get when missing and run as root, else skips.
# Not part of the test suite. Usage: scripts/compare-fzf.sh [workdir]   (default /tmp/netday-fzf)
set -euo pipefail

cd "$(dirname "$0")/.."
WORK=${1:-/tmp/netday-fzf}
PEOPLE=${PEOPLE:-100000}
EVENTS=${EVENTS:-120}

need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v fzf >/dev/null || need+=(fzf)
if ((${#need[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "skipped: ${need[*]} not installed (run as root with apt-get, or install them yourself)"
    exit 0
  fi
fi

cargo build --release --quiet
BIN=$PWD/target/release/netday
mkdir -p "$WORK"
DB=$WORK/ref.db
if [[ ! -f $WORK/.ref-done ]]; then
  rm -rf "$DB"
  "$BIN" --lang en --db "$DB" generate --people "$PEOPLE" --events "$EVENTS" --seed 1 --date 2026-11-24
  touch "$WORK/.ref-done"
fi
# name<TAB>organisation, one person per line (columns 2 and 3 of the people export; the generated
# names and organisations contain no commas or quotes).
"$BIN" --lang ko --db "$DB" export people -o "$WORK/people.csv" 2>/dev/null
tail -n +2 "$WORK/people.csv" | awk -F, '{ print $2 "\t" $3 }' > "$WORK/names.txt"
echo "names.txt: $(wc -l < "$WORK/names.txt") lines"
# Build the roster cache once (as any previous run of netday would have).
"$BIN" --db "$DB" search warmup >/dev/null 2>&1 || true

echo
printf '%-12s %10s %10s %7s\n' query netday_ms fzf_ms ratio
for q in 김민 강미 kim 이서준 태릉신협 ㅋㅋㅋㅋㅋ; do
  json=$WORK/h.json
  hyperfine -i --warmup 3 --runs 20 --export-json "$json" \
    "$BIN --db $DB search $q --limit 20" \
    "fzf --filter $q < $WORK/names.txt" >/dev/null
  read -r a b < <(grep -o '"median": *[0-9.e-]*' "$json" | awk -F: '{ printf "%s ", $2 * 1000 } END { print "" }')
  printf '%-12s %10.1f %10.1f %7.2f\n' "$q" "$a" "$b" "$(awk "BEGIN { print $a / $b }")"
done

echo
echo "Initial-consonant queries (fzf has no notion of them): matches found by each"
printf '%-12s %10s %10s\n' query netday fzf
for q in ㄱ ㄱㄱ ㄱㄱㅅ ㄱㅁ rkdals; do
  n=$("$BIN" --db "$DB" search "$q" --limit 1000000 2>/dev/null | wc -l)
  f=$(fzf --filter "$q" < "$WORK/names.txt" | wc -l || true)
  printf '%-12s %10s %10s\n' "$q" "$n" "$f"
done
