#!/usr/bin/env bash
# The whole-process figures of issue 28's table, side by side, in one run, on the reference
# database (100,000 people, 120 networking days). One line per figure: the figure, what was
# measured, the target, and whether it is met.
#   - `netday search Q` ÷ `fzf --filter Q` over the same name<TAB>organisation lines
#     (median of 4 queries: 2-syllable prefix, full name, organisation prefix, initial consonants);
#   - cold start to the desk's first frame (--exit-after-first-frame under `script`), and to
#     the moment everyone is read and search works (--exit-when-ready);
#   - peak RSS of the TUI once everyone is read;
#   - `netday import` of the 100k people export into an empty database (wall, peak RSS);
#   - search per keystroke, every query of benches/speed.rs "search/" (criterion);
#   - `.xlsx` export of the 100k people; the 서명부 (sign-in sheet) PDF of a 1,000-person day;
#   - with MILLION=1 also the import of 1,000,000 generated rows (name, organisation, phone), the
#     database's size on disk after it, `netday search 김민` and `netday events` on it, and, when
#     the binary has `netday compact`, the size and `netday events` after compacting.
# Installs hyperfine, fzf, script and time from apt when missing (as root), otherwise stops with
# a message. Not part of CI or the test suite.
# Usage: [MILLION=1] [BENCH=0] scripts/speed-table.sh [workdir]  (default /tmp/netday-speed)
#   BENCH=0 leaves out the criterion row (it builds the bench profile and takes a few minutes).
set -euo pipefail
export LC_ALL=C.UTF-8

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

TARGET=${CARGO_TARGET_DIR:-$PWD/target}
cargo build --release --quiet
BIN=$TARGET/release/netday
DAY=2026-11-24
mkdir -p "$WORK"
DB=$WORK/ref.db
if [[ ! -f $WORK/.ref-done ]]; then
  rm -rf "$DB"
  "$BIN" --lang en --db "$DB" generate --people 100000 --events 120 --seed 1 --date $DAY
  touch "$WORK/.ref-done"
fi
"$BIN" --lang ko --db "$DB" export people -o "$WORK/people.csv" --force 2>/dev/null
tail -n +2 "$WORK/people.csv" | awk -F, '{ print $2 "\t" $3 }' > "$WORK/names.txt"
# The roster cache and the saved search index, as any earlier run would have left them.
"$BIN" --db "$DB" search warmup >/dev/null 2>&1 || true

ms() { grep -o '"median": *[0-9.e-]*' "$1" | awk -F: '{ printf "%s ", $2 * 1000 } END { print "" }'; }
# hyperfine's warnings (outliers, fzf's exit code 1 when nothing matches) go to a log, not the table.
peak() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
# Met when every "value limit" pair has value ≤ limit.
verdict() {
  while (($#)); do
    awk "BEGIN { exit !($1 <= $2) }" || { echo "NOT MET"; return; }
    shift 2
  done
  echo met
}
# Pads to a width in terminal columns (Hangul is two columns, and bash counts bytes).
pad() {
  local wide
  wide=$(printf %s "$1" | grep -oP '[\x{AC00}-\x{D7A3}\x{3131}-\x{318E}]' | wc -l || true)
  printf '%s%*s' "$1" $(($2 - ${#1} - wide)) ''
}
row() { # figure, measured, target, verdict
  printf '%s %s %s %s\n' "$(pad "$1" 60)" "$(pad "$2" 26)" "$(pad "$3" 18)" "$4"
}
kb_mb() { awk "BEGIN { printf \"%.1f\", $1 / 1024 }"; }

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(git rev-parse --short HEAD)"
printf '\n%s %s %s\n' "$(pad "search (hyperfine median)" 40)" "$(pad "netday ms" 12)" "fzf ms   ratio"
ratios=()
for q in 김민 김민준 태릉 ㄱㅁ; do
  hyperfine -i --warmup 3 --runs 20 --export-json "$WORK/h.json" \
    "$BIN --db $DB search $q --limit 20" \
    "fzf --filter $q < $WORK/names.txt" >/dev/null 2>>"$WORK/hyperfine.log"
  read -r a b < <(ms "$WORK/h.json")
  r=$(awk "BEGIN { printf \"%.2f\", $a / $b }")
  ratios+=("$r")
  printf '%s %s %8.1f %7s\n' "$(pad "  $q" 40)" "$(printf '%12.1f' "$a")" "$b" "$r"
done
median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{ v[NR] = $1 } END { print (v[2] + v[3]) / 2 }')
echo
row figure measured target met?
row "netday search ÷ fzf --filter (median of 4)" "${median}×" "≤ 0.5×" "$(verdict "$median" 0.5)"

hyperfine -i --warmup 2 --runs 15 --export-json "$WORK/s.json" \
  "script -qfc '$BIN --db $DB --exit-after-first-frame' /dev/null" \
  "script -qfc '$BIN --db $DB --exit-when-ready' /dev/null" \
  "script -qfc true /dev/null" >/dev/null 2>>"$WORK/hyperfine.log"
read -r first ready base < <(ms "$WORK/s.json")
first=$(awk "BEGIN { printf \"%.0f\", $first - $base }")
ready=$(awk "BEGIN { printf \"%.0f\", $ready - $base }")
row "cold start: first frame / search ready (− script $(printf %.0f "$base") ms)" \
  "$first ms / $ready ms" "≤ 40 / ≤ 150 ms" "$(verdict "$first" 40 "$ready" 150)"
rss=$(peak script -qfc "$BIN --db $DB --exit-when-ready" /dev/null)
row "TUI peak RSS, ready, 100k" "$(kb_mb "$rss") MB" "≤ 60 MB" "$(verdict "$rss" $((60 * 1024)))"

import_row() { # label, file, seconds, MB
  rm -rf "$WORK/imp.db"
  local t0 t1 rss s
  t0=$(date +%s.%N)
  rss=$(peak "$BIN" --db "$WORK/imp.db" import "$2")
  t1=$(date +%s.%N)
  s=$(awk "BEGIN { printf \"%.2f\", $t1 - $t0 }")
  row "$1" "$s s, $(kb_mb "$rss") MB" "≤ $3 s, ≤ $4 MB" "$(verdict "$s" "$3" "$rss" $(($4 * 1024)))"
}
import_row "netday import, 100k export into an empty db" "$WORK/people.csv" 1.5 120

if [[ ${BENCH:-1} == 1 ]]; then
  # Criterion's own medians, as the bench wrote them (estimates.json, nanoseconds).
  rm -rf "$TARGET/criterion/search"
  cargo bench --quiet --bench speed -- --warm-up-time 1 --measurement-time 2 search/ \
    >"$WORK/bench.txt" 2>&1
  worst=0 worst_q="" n=0
  for d in "$TARGET"/criterion/search/*/new; do
    q=$(grep -o '"function_id": *"[^"]*"' "$d/benchmark.json" | sed 's/.*: *"//; s/"$//')
    us=$(grep -o '"median":.*' "$d/estimates.json" | grep -o '"point_estimate": *[0-9.e+-]*' |
      head -1 | grep -o '[0-9.e+-]*$' | awk '{ printf "%.1f", $1 / 1000 }')
    [[ $q == "index from_bytes+drop" ]] && { bytes_us=$us; continue; }
    n=$((n + 1))
    printf '  %s %10s µs\n' "$(pad "search/$q" 30)" "$us"
    if awk "BEGIN { exit !($us > $worst) }"; then worst=$us worst_q=$q; fi
  done
  row "search per keystroke, slowest of $n (${worst_q})" \
    "$(awk "BEGIN { printf \"%.3f\", $worst / 1000 }") ms" "≤ 1 ms each" "$(verdict "$worst" 1000)"
  [[ -n ${bytes_us:-} ]] && printf '  %s %10s µs (not a query)\n' "$(pad "search/index from_bytes+drop" 30)" "$bytes_us"
else
  row "search per keystroke (criterion)" "left out (BENCH=0)" "≤ 1 ms each" "-"
fi

hyperfine -i --warmup 1 --runs 3 --export-json "$WORK/x.json" \
  "$BIN --db $DB export people -o $WORK/people.xlsx --force" >/dev/null 2>>"$WORK/hyperfine.log"
read -r x < <(ms "$WORK/x.json")
row ".xlsx export of 100k people" "$(awk "BEGIN { printf \"%.2f\", $x / 1000 }") s" "≤ 3 s" \
  "$(verdict "$x" 3000)"

# A 1,000-person day: the first 1,000 people of the export imported for that day.
if [[ ! -f $WORK/.day1k-done ]]; then
  rm -rf "$WORK/day1k.db"
  head -1001 "$WORK/people.csv" > "$WORK/people-1k.csv"
  "$BIN" --db "$WORK/day1k.db" import "$WORK/people-1k.csv" --event $DAY >/dev/null 2>&1
  touch "$WORK/.day1k-done"
fi
hyperfine -i --warmup 1 --runs 3 --export-json "$WORK/p.json" \
  "$BIN --db $WORK/day1k.db print signin --event $DAY -o $WORK/signin.pdf --force" >/dev/null 2>>"$WORK/hyperfine.log"
read -r p < <(ms "$WORK/p.json")
row "서명부 PDF of 1,000 people" "$(printf %.0f "$p") ms" "≤ 1 s" "$(verdict "$p" 1000)"

if [[ ${MILLION:-0} == 1 ]]; then
  if [[ ! -f $WORK/people-1m.csv ]]; then
    # 1,000,000 new people, the same file every time: a Korean name (surnames about as common
    # as in life, two given syllables), one of about 9,600 organisations, and a phone number
    # of its own (a bijection of the row number, so no two rows are one person).
    awk 'BEGIN {
      ns = split("김 김 김 김 김 김 김 김 김 김 김 김 김 김 김 김 김 김 김 김 김 " \
        "이 이 이 이 이 이 이 이 이 이 이 이 이 이 이 박 박 박 박 박 박 박 박 " \
        "최 최 최 최 최 정 정 정 정 강 강 조 조 윤 윤 장 장 임 임 한 오 서 신 권 황 안 " \
        "송 류 전 홍 고 문 양 손 배 백 허 유 남 심 노 하 곽 성 차 주 우 구 민 제갈 남궁 황보", S, " ")
      split("민 서 지 현 준 영 수 은 우 진 하 유 연 성 정 원 재 동 호 혜 경 상 윤 승 " \
        "태 희 주 예 나 미 다 도 채 기 용 광 종 명 선 소 한 인 규 건 시 가 보 세", G1, " ")
      split("민 서 준 현 우 영 수 은 진 희 연 윤 호 훈 빈 원 아 율 린 숙 자 순 철 석 " \
        "혁 환 성 경 정 주 람 별 솔 진 혜 미 옥 남 길 식 규 건 욱 찬 결 하 온 담", G2, " ")
      np = split("태릉 상계 중계 하계 공릉 월계 망우 면목 중화 묵동 신내 석관 장위 번동 " \
        "수유 미아 쌍문 창동 도봉 방학 불광 녹번 연희 망원 성산 합정 신촌 아현 공덕 용산 " \
        "이태원 한남 성수 왕십리 금호 옥수 답십리 전농 회기 이문 청량리 구로 가리봉 신림 " \
        "봉천 사당 방배 북한산", P, " ")
      nt = split("- 마을 나눔 두레 햇살 늘푸른 함께 우리 돌봄 책방 목공 청년 카페 밥상 텃밭 " \
        "살림 공방 배움터 건강 에너지 주거 문화 놀이터 한울 새봄", T, " ")
      nk = split("신협 사회적협동조합 협동조합 마을기업 사회적기업 생협 자활센터 연구소", K, " ")
      print "이름,소속,연락처"
      for (i = 1; i <= 1000000; i++) {
        x = int(((i * 2654435761) % 4294967296) / 256)
        name = S[x % ns + 1]; x = int(x / ns)
        name = name G1[x % 48 + 1]; x = int(x / 48)
        name = name G2[x % 48 + 1]
        y = int(((i * 2246822519) % 4294967296) / 256)
        t = T[int(y / np) % nt + 1]
        org = P[y % np + 1] (t == "-" ? "" : t) K[int(y / np / nt) % nk + 1]
        ph = (i * 7919 + 1234567) % 100000000
        printf "%s,%s,010-%04d-%04d\n", name, org, int(ph / 10000), ph % 10000
      }
    }' > "$WORK/people-1m.csv.part"
    mv "$WORK/people-1m.csv.part" "$WORK/people-1m.csv"
  fi
  import_row "netday import, 1,000,000 rows (name, org, phone)" "$WORK/people-1m.csv" 20 300
  M=$WORK/imp.db
  size_row() { # label
    local b
    b=$(du -sb "$M" | cut -f1)
    row "$1" "$(awk "BEGIN { printf \"%.0f\", $b / 1048576 }") MB" "≤ 300 MB" \
      "$(verdict "$b" $((300 * 1048576)))"
  }
  size_row "database on disk after the 1M import"
  # The first start after the import builds the caches; the figures are for the starts after it.
  "$BIN" --db "$M" search warmup >/dev/null 2>&1 || true
  printf '  %s %s MB\n' "$(pad "on disk with the caches the first start writes" 58)" \
    "$(du -sb "$M" | awk '{ printf "%.0f", $1 / 1048576 }')"
  hyperfine -i -N --warmup 1 --runs 5 --export-json "$WORK/m.json" \
    "$BIN --db $M search 김민 --limit 20" "$BIN --db $M events" >/dev/null 2>>"$WORK/hyperfine.log"
  read -r s e < <(ms "$WORK/m.json")
  row "after 1M: netday search 김민 / netday events" \
    "$(printf %.0f "$s") ms / $(printf %.0f "$e") ms" "≤ 150 / ≤ 100 ms" "$(verdict "$s" 150 "$e" 100)"
  if "$BIN" compact --help >/dev/null 2>&1; then
    t0=$(date +%s.%N)
    if "$BIN" --db "$M" compact >"$WORK/compact.log" 2>&1; then
      t1=$(date +%s.%N)
      size_row "database on disk after compact ($(awk "BEGIN { printf \"%.1f\", $t1 - $t0 }") s)"
      hyperfine -i -N --warmup 1 --runs 5 --export-json "$WORK/c.json" \
        "$BIN --db $M events" >/dev/null 2>>"$WORK/hyperfine.log"
      read -r e < <(ms "$WORK/c.json")
      row "after compact: netday events" "$(printf %.0f "$e") ms" "≤ 100 ms" "$(verdict "$e" 100)"
    else
      echo "(netday compact failed, see $WORK/compact.log: size and events after compact left out)"
    fi
  else
    echo "(no \`netday compact\` in this binary: size and events after compact left out)"
  fi
fi

echo
echo "Initial-consonant queries (fzf has no notion of them): matches found by each"
printf '%-12s %10s %10s\n' query netday fzf
for q in ㄱ ㄱㄱ ㄱㄱㅅ ㄱㅁ rkdals; do
  n=$("$BIN" --db "$DB" search "$q" --limit 1000000 2>/dev/null | wc -l)
  f=$(fzf --filter "$q" < "$WORK/names.txt" | wc -l || true)
  printf '%-12s %10s %10s\n' "$q" "$n" "$f"
done
