#!/usr/bin/env bash
# Measures, for each corpus size, what issue 8 asks of a start on a large folder with -Xmx512m:
# launch -> the listening line, launch -> the first 200 of /feeds/all.atom, the cold crawl (every
# feed listed in /opml.xml fetched once: all, each category, each source, each tag) with its
# total time and count of non-200 answers, and the heap after the crawl (used as the crawl left
# it, then live data after a full GC, via jcmd). Prints one table row per size, with baselines
# measured in the same run: reading every article file once (cat), the live heap before the
# crawl, the same crawl a second time (through the bounded caches, which hold only part of all
# feeds at 100k), and as many requests to /healthz (the client's and HTTP's own cost).
#
# Steps per size: generate the corpus into a temporary folder outside the repository (seed 42;
# the files are then in the page cache: this is a warm-disk start); time `cat` of every file;
# launch the jar; poll its stdout for the listening line; request /feeds/all.atom until it
# answers 200; wait for the log's "caught up with the folders" (watches registered, one rescan,
# the index store written: background work that would otherwise overlap the crawl);
# `jcmd PID GC.run` and GC.heap_info (live heap at start); read every xmlUrl of
# /opml.xml and fetch them all with one curl process (PARALLEL transfers at once, default 4);
# /metrics (feeds rendered, bodies cleaned); GC.heap_info, GC.run, GC.heap_info; the same crawl
# again; the floor; stop the server.
# Processes are stopped and the folder removed on exit.
#
# Run from anywhere (needs Java 17 with jcmd, Maven, curl):
#   bash bench/startup-crawl.sh                   # SIZES="10000 100000"
#   SMOKE=1 bash bench/startup-crawl.sh           # CI: SIZES=500
# Options (environment): SIZES, PARALLEL (4), CORPUS (reuse one generated corpus; one size
#   only), BUILD=1 (rebuild first), KEEP=1 (keep the temporary folder), JAVA_OPTS (added after
#   -Xmx512m).
# Exits non-zero when plumbing breaks (no build, the server not starting, no 200, no feed list),
# not because of the figures; non-200 answers in the crawl are counted and reported, and fail
# the run only under SMOKE=1.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

SMOKE=${SMOKE:-0}
if [[ "$SMOKE" == 1 ]]; then SIZES=${SIZES:-500}; else SIZES=${SIZES:-10000 100000}; fi
PARALLEL=${PARALLEL:-4}
command -v curl >/dev/null || die "curl not found"
command -v jcmd >/dev/null || die "jcmd not found (a JDK, not a JRE, is needed)"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/posthorn-startup.XXXXXX")
cleanup() {
  local rc=$?
  stop_posthorn
  if [[ "${KEEP:-0}" == 1 ]]; then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

heap_total_mb() {
  jcmd "$1" GC.heap_info | awk '/total [0-9]+K/ { for (i = 1; i <= NF; i++) if ($i == "total") { v = $(i + 1); sub(/K.*/, "", v); printf "%.0f", v / 1024; exit } }'
}

ensure_built
ROWS=()
for n in $SIZES; do
  dir="$WORK/n$n"
  mkdir -p "$dir"
  echo "== $n articles" >&2
  gen_start=$(now_ns)
  make_corpus "$dir" "$n"
  gen_ms=$(elapsed_ms "$gen_start" "$(now_ns)")
  cat_start=$(now_ns)
  find "$(dirname "$CONFIG")" -type f -name '*.md' -print0 | xargs -0 cat >/dev/null
  cat_ms=$(elapsed_ms "$cat_start" "$(now_ns)")

  start_posthorn "$dir"
  listen_ms=$(elapsed_ms "$LAUNCH_NS" "$LISTEN_NS")
  wait_first_200 120
  first_ms=$(elapsed_ms "$LAUNCH_NS" "$FIRST_NS")
  indexed=$(grep -m1 -o 'indexed [0-9]* articles in [0-9]* ms' "$dir/posthorn.err" || true)
  echo "listening after $listen_ms ms, first 200 after $first_ms ms ($indexed)" >&2
  # after the listening line the server registers its watches, rescans once and writes the index
  # store; the crawl starts when that is done, so that it measures rendering alone
  wait_caught_up "$dir" 120
  settled_ms=$(elapsed_ms "$LAUNCH_NS" "$(now_ns)")
  echo "settled after $settled_ms ms: $(grep -m1 -o 'caught up with the folders.*' "$dir/posthorn.err")" >&2

  jcmd "$POSTHORN_PID" GC.run >/dev/null
  start_mb=$(heap_used_mb "$POSTHORN_PID")

  # every feed of the OPML, with the configured base_url replaced by where this server listens
  feeds=$(opml_feeds "$dir")
  crawl() { crawl_feeds "$dir" "$@"; } # OUTFILE [CONFIG]: one status per URL
  crawl_start=$(now_ns)
  crawl "$dir/statuses.txt"
  crawl_ms=$(elapsed_ms "$crawl_start" "$(now_ns)")
  fetched=$(wc -l <"$dir/statuses.txt")
  non200=$(grep -vc '^200$' "$dir/statuses.txt" || true)
  (( fetched == feeds )) || die "crawl: $fetched answers for $feeds feeds"
  echo "crawl: $feeds feeds in $crawl_ms ms, $non200 not 200" >&2
  if [[ "$SMOKE" == 1 && "$non200" != 0 ]]; then
    sort "$dir/statuses.txt" | uniq -c >&2
    die "crawl: $non200 feeds did not answer 200"
  fi

  # what the crawl made the server do, from /metrics: feeds rendered, bodies cleaned, evictions
  curl -s "$BASE/metrics" >"$dir/metrics.txt" || true
  metric() { awk -v k="$1" 'index($0, k) == 1 { printf "%.0f", $NF; exit }' "$dir/metrics.txt"; }
  echo "metrics: $(metric 'posthorn_cache_requests_total{result="miss"') feeds rendered," \
    "$(metric 'posthorn_content_requests_total{result="miss"') bodies cleaned," \
    "$(metric 'posthorn_content_requests_total{result="hit"') cleaned bodies reused," \
    "$(metric 'posthorn_content_evictions_total') evicted" >&2
  used_mb=$(heap_used_mb "$POSTHORN_PID")
  total_mb=$(heap_total_mb "$POSTHORN_PID")
  jcmd "$POSTHORN_PID" GC.run >/dev/null
  live_mb=$(heap_used_mb "$POSTHORN_PID")
  rss_mb=$(ps -o rss= -p "$POSTHORN_PID" | awk '{ printf "%.0f", $1 / 1024 }')
  echo "heap: $start_mb MiB live before the crawl; after it $used_mb MiB used, $live_mb MiB after a full GC," \
    "$total_mb MiB committed; RSS $rss_mb MiB" >&2
  warm_start=$(now_ns)
  crawl "$dir/statuses-warm.txt" "$dir/curl.cfg"
  warm_ms=$(elapsed_ms "$warm_start" "$(now_ns)")
  echo "second crawl: $warm_ms ms" >&2
  if [[ "$SMOKE" == 1 ]] && grep -vq '^200$' "$dir/statuses-warm.txt"; then
    die "second crawl: not every feed answered 200"
  fi
  # the client's and HTTP's own cost: as many requests, to the cheapest route (/healthz)
  awk -v u="$BASE/healthz" '{ printf "url = \"%s\"\noutput = \"/dev/null\"\n", u }' "$dir/feeds.txt" >"$dir/floor.cfg"
  floor_start=$(now_ns)
  crawl "$dir/statuses-floor.txt" "$dir/floor.cfg"
  floor_ms=$(elapsed_ms "$floor_start" "$(now_ns)")
  echo "floor ($feeds requests to /healthz): $floor_ms ms" >&2
  stop_posthorn
  ROWS+=("$n $gen_ms $cat_ms $listen_ms $first_ms $settled_ms $feeds $crawl_ms $warm_ms $floor_ms $non200 $start_mb $used_mb $live_mb $rss_mb")
  [[ "${KEEP:-0}" == 1 || -n "${CORPUS:-}" ]] || rm -rf "$dir/corpus"
done

echo
echo "Start-up and cold crawl, java -Xmx512m ${JAVA_OPTS:-}, crawl with $PARALLEL parallel transfers (curl -Z);" \
  "times in seconds, heap in MiB"
printf '%8s %6s %6s %10s %10s %8s %6s %7s %7s %6s %8s %7s %7s %7s %6s\n' articles gen cat listening "first 200" \
  settled feeds crawl again floor "non-200" "heap@0" "heap" "live" "RSS"
for row in "${ROWS[@]}"; do
  read -r n gen cat listen first settled feeds crawl warm floor non200 start used live rss <<<"$row"
  awk -v n="$n" -v g="$gen" -v ca="$cat" -v l="$listen" -v f="$first" -v st="$settled" -v fe="$feeds" -v c="$crawl" \
      -v w="$warm" -v fl="$floor" -v x="$non200" -v s="$start" -v u="$used" -v li="$live" -v r="$rss" \
    'BEGIN { printf "%8d %6.1f %6.2f %10.2f %10.2f %8.2f %6d %7.2f %7.2f %6.2f %8d %7d %7d %7d %6d\n", n, g/1000, ca/1000, l/1000, f/1000, st/1000, fe, c/1000, w/1000, fl/1000, x, s, u, li, r }'
done
echo "(gen: generate + sync; cat: read every file once; settled: the catch-up after listening (watches,"
echo " one rescan, the index store) is done and the crawl starts; again: the same crawl a second time, through"
echo " the bounded caches; floor: as many requests to /healthz, the client's and HTTP's own cost;"
echo " heap@0: live after start; heap: used after the crawl; live: after a full GC; max heap 512)"
if [[ "$SMOKE" == 1 ]]; then
  echo "(SMOKE=1: a tiny corpus: this checks the plumbing, not the targets)"
fi
