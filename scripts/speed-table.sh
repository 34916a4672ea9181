#!/usr/bin/env bash
# The whole-process figures of issue 14's table, side by side, in one run, on the reference
# database (100,000 people, 120 networking days):
#   - `netday search Q` ÷ `fzf --filter Q` over the same name<TAB>organisation lines
#     (median of 4 queries: 2-syllable prefix, full name, organisation prefix, Latin);
#   - cold start to the desk's first frame (--exit-after-first-frame under `script`), and to
#     the moment everyone is read and search works (--exit-when-ready);
#   - peak RSS of the TUI once everyone is read;
#   - `netday import` of the 100k people export into an empty database (wall, peak RSS);
#   - with MILLION=1 also the 1,000,000-row import and the first frame / search after it.
# Installs hyperfine and fzf from apt when missing (as root), otherwise stops with a message.
# Not part of CI or the test suite. Usage: scripts/speed-table.sh [workdir]  (default /tmp/netday-speed)
set -euo pipefail

cd "$(dirname "$0")/.."
WORK=${1:-/tmp/netday-speed}
need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v fzf >/dev/null || need+=(fzf)
command -v script >/dev/null || need+=(bsdutils)
[[ -x /usr/bin/time ]] || need+=(time)
if ((${#need[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "missing: ${need[*]} — install them (apt-get install ${need[*]}) or run as root" >&2
    exit 1
  fi
fi

cargo build --release --quiet
BIN=$PWD/target/release/netday
mkdir -p "$WORK"
DB=$WORK/ref.db
if [[ ! -f $WORK/.ref-done ]]; then
  rm -rf "$DB"
  "$BIN" --lang en --db "$DB" generate --people 100000 --events 120 --seed 1 --date 2026-11-24
  touch "$WORK/.ref-done"
fi
"$BIN" --lang ko --db "$DB" export people -o "$WORK/people.csv" --force 2>/dev/null
tail -n +2 "$WORK/people.csv" | awk -F, '{ print $2 "\t" $3 }' > "$WORK/names.txt"
# The roster cache and the saved search index, as any earlier run would have left them.
"$BIN" --db "$DB" search warmup >/dev/null 2>&1 || true

ms() { grep -o '"median": *[0-9.e-]*' "$1" | awk -F: '{ printf "%s ", $2 * 1000 } END { print "" }'; }
peak() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '\n%-34s %12s %12s %8s\n' "search (hyperfine median)" "netday ms" "fzf ms" ratio
ratios=()
for q in 김민 김민준 태릉 kim; do
  hyperfine -i --warmup 3 --runs 20 --export-json "$WORK/h.json" \
    "$BIN --db $DB search $q --limit 20" \
    "fzf --filter $q < $WORK/names.txt" >/dev/null
  read -r a b < <(ms "$WORK/h.json")
  r=$(awk "BEGIN { printf \"%.2f\", $a / $b }")
  ratios+=("$r")
  printf '%-34s %12.1f %12.1f %8s\n' "$q" "$a" "$b" "$r"
done
median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{ v[NR] = $1 } END { print (v[2] + v[3]) / 2 }')
printf '%-34s %34s\n' "median ratio (target ≤ 0.8)" "$median"

echo
hyperfine -i --warmup 2 --runs 15 --export-json "$WORK/s.json" \
  "script -qfc '$BIN --db $DB --exit-after-first-frame' /dev/null" \
  "script -qfc '$BIN --db $DB --exit-when-ready' /dev/null" \
  "script -qfc true /dev/null" >/dev/null
read -r first ready base < <(ms "$WORK/s.json")
printf '%-34s %12.0f ms (script itself %.0f ms; target ≤ 120)\n' "cold start to first frame" \
  "$(awk "BEGIN { print $first - $base }")" "$base"
printf '%-34s %12.0f ms (everyone read, search works)\n' "cold start to ready" \
  "$(awk "BEGIN { print $ready - $base }")"
printf '%-34s %12s KB (target ≤ 80 MB)\n' "peak RSS of the TUI, ready" \
  "$(peak script -qfc "$BIN --db $DB --exit-when-ready" /dev/null)"

import_row() { # label, file, target
  rm -rf "$WORK/imp.db"
  local t0 t1 rss
  t0=$(date +%s.%N)
  rss=$(peak "$BIN" --db "$WORK/imp.db" import "$2")
  t1=$(date +%s.%N)
  printf '%-34s %12.2f s, %s KB (target %s)\n' "$1" "$(awk "BEGIN { print $t1 - $t0 }")" "$rss" "$3"
}
echo
import_row "import of 100,000 rows" "$WORK/people.csv" "≤ 2 s, ≤ 150 MB"

if [[ ${MILLION:-0} == 1 ]]; then
  if [[ ! -f $WORK/people-1m.csv ]]; then
    # The 100,000 rows ten times: each copy without badge codes and with a digit after every
    # name, so every row is a new person.
    head -1 "$WORK/people.csv" > "$WORK/people-1m.csv"
    for k in 0 1 2 3 4 5 6 7 8 9; do
      tail -n +2 "$WORK/people.csv" | awk -F, -v OFS=, -v k="$k" '{ $1 = ""; $2 = $2 k; print }'
    done >> "$WORK/people-1m.csv"
  fi
  import_row "import of 1,000,000 rows" "$WORK/people-1m.csv" "≤ 40 s, ≤ 400 MB"
  # The first start after the import builds the caches; the figures are for the starts after it.
  "$BIN" --db "$WORK/imp.db" search warmup >/dev/null 2>&1 || true
  hyperfine -i --warmup 1 --runs 5 --export-json "$WORK/m.json" \
    "script -qfc '$BIN --db $WORK/imp.db --exit-after-first-frame' /dev/null" \
    "$BIN --db $WORK/imp.db search 김민 --limit 20" \
    "script -qfc '$BIN --db $WORK/imp.db --exit-when-ready' /dev/null" >/dev/null
  read -r f s r < <(ms "$WORK/m.json")
  printf '%-34s %12.0f ms / %.0f ms (target ≤ 500 / ≤ 300)\n' "after 1M: first frame / search" "$f" "$s"
  printf '%-34s %12.0f ms\n' "after 1M: ready (everyone read)" "$r"
fi

echo
echo "Initial-consonant queries (fzf has no notion of them): matches found by each"
printf '%-12s %10s %10s\n' query netday fzf
for q in ㄱ ㄱㄱ ㄱㄱㅅ ㄱㅁ rkdals; do
  n=$("$BIN" --db "$DB" search "$q" --limit 1000000 2>/dev/null | wc -l)
  f=$(fzf --filter "$q" < "$WORK/names.txt" | wc -l || true)
  printf '%-12s %10s %10s\n' "$q" "$n" "$f"
done
