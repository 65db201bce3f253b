#!/usr/bin/env bash
# Filters and Traditional variants against the running jar (issue 14), each beside its baseline
# in the same run: a filtered feed rendered on a cache miss, scanning the whole index for a word
# no article contains (a fresh word each request, so each one is a miss), against an unfiltered
# feed rendered on a miss (the first request of a different tag feed each time); a feed in zh-TW
# served from the cache against the same feed in Simplified from the cache; and the index page's
# size.
#
# Steps: build if needed; generate N articles (outside the repository); start the jar with
# -Xmx512m; then, with curl (one connection at a time, time_total of each):
#   miss-plain   /feeds/tags/{tag}.atom for COUNT different tags, each requested once (a render)
#   miss-filter  /feeds/all.atom?q=不存在的词{i} for COUNT values of i (a render that scans every article)
#   hit-plain    /feeds/all.atom, COUNT times after one warm-up request
#   hit-zh-TW    /feeds/all.atom?variant=zh-TW, COUNT times after one warm-up request
# and prints the median and p90 of each, the ratios, the first zh-TW request (which loads the
# converter) and the bytes of / and /topics.
#
#   bash bench/filters-variants.sh               # N=100000, COUNT=200
#   SMOKE=1 bash bench/filters-variants.sh       # CI: N=500, COUNT=20
# Options (environment): N, COUNT, CORPUS (reuse a generated corpus), BUILD=1, KEEP=1.
# Exits non-zero when plumbing breaks (no build, no server, a non-200), never because of figures.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

SMOKE=${SMOKE:-0}
if [[ "$SMOKE" == 1 ]]; then N=${N:-500}; COUNT=${COUNT:-20}; else N=${N:-100000}; COUNT=${COUNT:-200}; fi

ensure_built
WORK=$(mktemp -d)
cleanup() { stop_posthorn; [[ "${KEEP:-0}" == 1 ]] && echo "kept $WORK" >&2 || rm -rf "$WORK"; }
trap cleanup EXIT
make_corpus "$WORK" "$N"
start_posthorn "$WORK"
echo "listening at $BASE with $N articles" >&2

# time_total in ms of one GET; fails on a non-200
get_ms() {
  local out
  out=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' "$BASE$1")
  [[ "${out%% *}" == 200 ]] || die "GET $1: ${out%% *}"
  awk -v t="${out#* }" 'BEGIN { printf "%.3f\n", t * 1000 }'
}

# median and p90 of the numbers on stdin
stats() { sort -n | awk '{ v[NR] = $1 } END { printf "%.2f %.2f", v[int((NR + 1) / 2)], v[int(NR * 0.9 + 0.5)] }'; }

mapfile -t TAGS < <(curl -s "$BASE/opml.xml" | grep -o 'xmlUrl="[^"]*/feeds/tags/[^"]*\.atom"' \
  | sed 's/^xmlUrl="[^"]*\(\/feeds\/tags\/[^"]*\)"$/\1/' | head -n "$COUNT")
(( ${#TAGS[@]} > 0 )) || die "no tag feeds in the OPML"

NOWORD=$(printf '%s' '不存在的词' | od -An -tx1 | tr -d ' \n' | sed 's/../%&/g')
miss_plain=$(for t in "${TAGS[@]}"; do get_ms "$t"; done | stats)
miss_filter=$(for i in $(seq "$COUNT"); do get_ms "/feeds/all.atom?q=$NOWORD$i"; done | stats)
get_ms /feeds/all.atom >/dev/null
hit_plain=$(for _ in $(seq "$COUNT"); do get_ms /feeds/all.atom; done | stats)
first_tw=$(get_ms "/feeds/all.atom?variant=zh-TW")
hit_tw=$(for _ in $(seq "$COUNT"); do get_ms "/feeds/all.atom?variant=zh-TW"; done | stats)
index_bytes=$(curl -s "$BASE/" | wc -c)
topics_bytes=$(curl -s "$BASE/topics" | wc -c)

read -r mp mp90 <<<"$miss_plain"; read -r mf mf90 <<<"$miss_filter"
read -r hp hp90 <<<"$hit_plain"; read -r ht ht90 <<<"$hit_tw"
printf '%-46s %10s %10s\n' "case ($N articles, $COUNT requests each)" "median ms" "p90 ms"
printf '%-46s %10s %10s\n' "miss: a tag feed, unfiltered" "$mp" "$mp90"
printf '%-46s %10s %10s\n' "miss: all.atom?q=<no match> (scans all)" "$mf" "$mf90"
printf '%-46s %10s %10s\n' "hit: all.atom" "$hp" "$hp90"
printf '%-46s %10s %10s\n' "hit: all.atom?variant=zh-TW" "$ht" "$ht90"
printf 'first zh-TW request (loads the converter, renders, converts): %s ms\n' "$first_tw"
awk -v a="$mf" -v b="$mp" -v c="$ht" -v d="$hp" 'BEGIN {
  printf "ratios: filtered miss / unfiltered miss %.2f; zh-TW hit / Simplified hit %.2f\n", a / b, c / d }'
printf 'index page %s bytes, /topics %s bytes\n' "$index_bytes" "$topics_bytes"
