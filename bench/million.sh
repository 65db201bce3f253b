#!/usr/bin/env bash
# Measures what issue 16 asks of a million articles on this machine, each size against the others
# in the same run (default SIZES="100000 1000000"), with -Xmx1g (XMX) and the index store set:
#   cat       reading every article file once (the baseline of the start-up targets);
#   check     the check command over the corpus (reads and indexes every file, reports, exits);
#   start     launch -> the listening line and -> the first 200 of /feeds/all.atom, on a folder the
#             server has never seen (no index store yet);
#   heap      live heap after the start (jcmd GC.class_histogram, which collects first), in bytes per
#             article; and the index store's size;
#   rescan    the periodic rescan (watch on, rescan_seconds 5): CPU seconds and bytes allocated per
#             rescan, from /metrics (posthorn_rescan_*), averaged over RESCANS rescans;
#   fresh     a new article file written into a watched folder -> its title in its category feed:
#             median and maximum over SAMPLES files, polled with curl every 10 ms;
#   cached    one cached feed (/feeds/all.atom, gzip) under wrk -t2 -c16 for WRK_SECONDS, WRK_ROUNDS (3) times after a WRK_WARMUP round not counted: median req/s
#             (right after the start has settled, before anything changes: no index-store write beside it);
#   crawl     every feed of /opml.xml once, PARALLEL (4) at a time, cold cache (CRAWL=0 skips it);
#   restart   stop (the store is written at shutdown), launch again -> listening, -> first 200.
# Corpora come from CorpusGenerator (seed 42) in a temporary folder, or from CORPUS_<SIZE> (an
# existing generated corpus, e.g. CORPUS_1000000=/tmp/c1m: 6.3 GB, 80-100 s to generate). The
# script writes its own million.yml beside the corpus's feeds.yml (index store and rescan interval
# added) and removes the files it wrote into the corpus.
#
#   bash bench/million.sh                          # SIZES="100000 1000000": ~20 min with generation
#   CORPUS_1000000=/tmp/c1m CORPUS_100000=/tmp/c100k bash bench/million.sh
#   SMOKE=1 bash bench/million.sh                  # CI: SIZES="300 1200", short loads
# Needs Java 17 with jcmd, Maven, curl, wrk. Exits non-zero when plumbing breaks (no start, no
# 200, a fresh article never shown, a crawl answer other than 200 under SMOKE=1).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

SMOKE=${SMOKE:-0}
if [[ "$SMOKE" == 1 ]]; then
  SIZES=${SIZES:-300 1200}; SAMPLES=${SAMPLES:-3}; RESCANS=${RESCANS:-1}; WRK_SECONDS=${WRK_SECONDS:-2}; WRK_ROUNDS=${WRK_ROUNDS:-1}; WRK_WARMUP=${WRK_WARMUP:-1s}
else
  SIZES=${SIZES:-100000 1000000}; SAMPLES=${SAMPLES:-20}; RESCANS=${RESCANS:-3}; WRK_SECONDS=${WRK_SECONDS:-10}; WRK_ROUNDS=${WRK_ROUNDS:-3}; WRK_WARMUP=${WRK_WARMUP:-10s}
fi
XMX=${XMX:-1g}
CRAWL=${CRAWL:-1}
PARALLEL=${PARALLEL:-4}
command -v curl >/dev/null || die "curl not found"
command -v wrk >/dev/null || die "wrk not found (Debian: apt-get install wrk)"
command -v jcmd >/dev/null || die "jcmd not found (a JDK, not a JRE, is needed)"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/posthorn-million.XXXXXX")
FRESH_FILES=()
cleanup() {
  local rc=$?
  stop_posthorn
  for f in "${FRESH_FILES[@]}"; do rm -f "$f"; done
  if [[ "${KEEP:-0}" == 1 ]]; then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# the value of one series of $BASE/metrics (0 when absent)
metric() {
  curl -s "$BASE/metrics" | awk -v k="$1" 'index($0, k " ") == 1 { v = $NF } END { printf "%.6f", v + 0 }'
}

ensure_built
ROWS=()
for n in $SIZES; do
  dir="$WORK/n$n"
  mkdir -p "$dir"
  echo "== $n articles" >&2
  var="CORPUS_$n"
  if [[ -n "${!var:-}" ]]; then
    corpus=${!var}
    [[ -f "$corpus/feeds.yml" ]] || die "$var=$corpus has no feeds.yml"
  else
    corpus="$dir/corpus"
    java -cp target/test-classes io.posthorn.bench.CorpusGenerator "$corpus" "$n" 42 >&2
    sync
  fi
  CONFIG="$corpus/million.yml"
  { cat "$corpus/feeds.yml"; printf 'cache:\n  index_file: %s\nwatch:\n  rescan_seconds: 5\n' "$dir/index.bin"; } >"$CONFIG"

  cat_start=$(now_ns)
  find "$corpus/articles" -type f -print0 | xargs -0 cat >/dev/null
  cat_ms=$(elapsed_ms "$cat_start" "$(now_ns)")
  echo "cat: $cat_ms ms" >&2

  check_start=$(now_ns)
  java "-Xmx$XMX" -jar target/posthorn.jar check --config "$corpus/feeds.yml" >"$dir/check.out" 2>"$dir/check.err" \
    || die "check failed on $corpus (see $dir/check.err)"
  check_ms=$(elapsed_ms "$check_start" "$(now_ns)")
  echo "check: $check_ms ms ($(awk 'END { print }' "$dir/check.out"))" >&2

  JAVA_OPTS="-Xmx$XMX ${JAVA_OPTS:-}" start_posthorn "$dir" 600
  listen_ms=$(elapsed_ms "$LAUNCH_NS" "$LISTEN_NS")
  wait_first_200 60
  first_ms=$(elapsed_ms "$LAUNCH_NS" "$FIRST_NS")
  echo "first start: listening after $listen_ms ms, first 200 after $first_ms ms" >&2
  wait_caught_up "$dir" 600
  live_bytes=$(jcmd "$POSTHORN_PID" GC.class_histogram | awk '/^Total/ { print $3 }')
  per_article=$(( live_bytes / n ))
  store_bytes=$(stat -c %s "$dir/index.bin")
  echo "live heap $live_bytes bytes ($per_article per article); index store $store_bytes bytes" >&2

  # one cached feed under load
  curl -s -o /dev/null -H 'Accept-Encoding: gzip' "$BASE/feeds/all.atom"
  # a round not counted first: the serving path is still being compiled in the first seconds
  wrk -t2 -c16 -d"$WRK_WARMUP" -H 'Accept-Encoding: gzip' "$BASE/feeds/all.atom" >/dev/null
  rounds=()
  for r in $(seq "$WRK_ROUNDS"); do
    rounds+=("$(wrk -t2 -c16 -d"${WRK_SECONDS}s" -H 'Accept-Encoding: gzip' "$BASE/feeds/all.atom" | awk '/Requests\/sec/ { print $2 }')")
  done
  rps=$(printf '%s\n' "${rounds[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  echo "cached /feeds/all.atom (gzip): median $rps req/s of ${rounds[*]}" >&2

  # periodic rescans: what they cost, from the server's own counters
  series='kind="folders"'
  count0=$(metric "posthorn_rescans_total{$series}")
  cpu0=$(metric "posthorn_rescan_cpu_seconds_total{$series}")
  alloc0=$(metric "posthorn_rescan_allocated_bytes_total{$series}")
  deadline=$(( $(date +%s) + 10 * RESCANS + 30 ))
  while :; do
    count=$(metric "posthorn_rescans_total{$series}")
    awk -v c="$count" -v c0="$count0" -v r="$RESCANS" 'BEGIN { exit !(c - c0 >= r) }' && break
    (( $(date +%s) < deadline )) || die "fewer than $RESCANS rescans by folder within the wait"
    sleep 0.5
  done
  cpu=$(metric "posthorn_rescan_cpu_seconds_total{$series}")
  alloc=$(metric "posthorn_rescan_allocated_bytes_total{$series}")
  rescan_cpu_ms=$(awk -v a="$cpu" -v b="$cpu0" -v c="$count" -v d="$count0" 'BEGIN { printf "%.1f", (a - b) * 1000 / (c - d) }')
  rescan_mb=$(awk -v a="$alloc" -v b="$alloc0" -v c="$count" -v d="$count0" 'BEGIN { printf "%.2f", (a - b) / 1048576 / (c - d) }')
  echo "rescan by folder: $rescan_cpu_ms ms CPU, $rescan_mb MB allocated each" >&2

  # new files into a watched folder of the corpus, each with a category of its own run
  folder=$(find "$corpus/articles" -mindepth 3 -maxdepth 3 -type d | sort | awk 'NR == 1') # no SIGPIPE under pipefail
  [[ -n "$folder" ]] || die "no article folder in $corpus/articles"
  fresh=()
  for i in $(seq "$SAMPLES"); do
    file="$folder/zz-fresh-$$-$i.md"
    FRESH_FILES+=("$file")
    printf -- '---\ntitle: "新鲜文章 %s-%s"\ndate: 2026-01-01 08:00:00 +0800\ncategories: fresh%s\ntags: 新鲜\n---\n<p>正文。</p>\n' \
      "$$" "$i" "$$" >"$file.tmp"
    t_write=$(now_ns)
    mv "$file.tmp" "$file"
    until curl -s -o "$dir/fresh.xml" "$BASE/feeds/categories/fresh$$.atom" && grep -q "新鲜文章 $$-$i<" "$dir/fresh.xml"; do
      (( $(now_ns) - t_write < 30000000000 )) || die "fresh article $i not in its feed after 30 s"
      sleep 0.01
    done
    fresh+=("$(elapsed_ms "$t_write" "$(now_ns)")")
  done
  fresh_median=$(printf '%s\n' "${fresh[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  fresh_max=$(printf '%s\n' "${fresh[@]}" | sort -n | tail -1)
  echo "fresh: median $fresh_median ms, max $fresh_max ms ($SAMPLES files)" >&2

  crawl_ms=-; feeds=-; non200=-
  if [[ "$CRAWL" == 1 ]]; then
    feeds=$(opml_feeds "$dir")
    cleaned0=$(metric 'posthorn_content_requests_total{result="miss"}')
    crawl_start=$(now_ns)
    crawl_feeds "$dir" "$dir/statuses.txt"
    crawl_ms=$(elapsed_ms "$crawl_start" "$(now_ns)")
    cleaned=$(awk -v a="$(metric 'posthorn_content_requests_total{result="miss"}')" -v b="$cleaned0" 'BEGIN { printf "%d", a - b }')
    non200=$(grep -vc '^200$' "$dir/statuses.txt" || true)
    echo "crawl: $feeds feeds in $crawl_ms ms, $non200 not 200, $cleaned bodies cleaned" >&2
    [[ "$SMOKE" != 1 || "$non200" == 0 ]] || die "crawl: $non200 feeds did not answer 200"
  fi

  stop_posthorn
  for f in "${FRESH_FILES[@]}"; do rm -f "$f"; done
  FRESH_FILES=()
  JAVA_OPTS="-Xmx$XMX ${JAVA_OPTS:-}" start_posthorn "$dir" 600
  re_listen_ms=$(elapsed_ms "$LAUNCH_NS" "$LISTEN_NS")
  wait_first_200 60
  re_first_ms=$(elapsed_ms "$LAUNCH_NS" "$FIRST_NS")
  grep -q 'from the index store\|index store' "$dir/posthorn.err" || echo "warning: no index-store line in the log" >&2
  echo "restart: listening after $re_listen_ms ms, first 200 after $re_first_ms ms" >&2
  wait_caught_up "$dir" 600
  stop_posthorn
  rm -f "$CONFIG"

  ROWS+=("$n $cat_ms $check_ms $listen_ms $first_ms $per_article $store_bytes $rescan_cpu_ms $rescan_mb $fresh_median $fresh_max $rps $feeds $crawl_ms $non200 $re_listen_ms $re_first_ms")
  [[ -n "${!var:-}" || "${KEEP:-0}" == 1 ]] || rm -rf "$dir/corpus"
done

echo
echo "java -Xmx$XMX, index store on, watch on (rescan every 5 s); times in seconds unless named"
printf '%8s %6s %6s %7s %7s %8s %8s %8s %7s %8s %8s %8s %6s %7s %6s %8s %8s\n' articles cat check listen first \
  "B/art" "store MB" "rescan ms" "MB/scan" "fresh ms" "max ms" "req/s" feeds crawl non200 "re-listen" "re-first"
for row in "${ROWS[@]}"; do
  read -r n ca ck l f pa sb rc rm fm fx r fe c x rl rf <<<"$row"
  awk -v n="$n" -v ca="$ca" -v ck="$ck" -v l="$l" -v f="$f" -v pa="$pa" -v sb="$sb" -v rc="$rc" -v rm="$rm" -v fm="$fm" \
      -v fx="$fx" -v r="$r" -v fe="$fe" -v c="$c" -v x="$x" -v rl="$rl" -v rf="$rf" \
    'BEGIN { printf "%8d %6.1f %6.1f %7.1f %7.1f %8d %8.1f %9.1f %7.2f %8.0f %8.0f %8.0f %6s %7s %6s %9.2f %8.2f\n",
             n, ca/1000, ck/1000, l/1000, f/1000, pa, sb/1048576, rc, rm, fm, fx, r, fe, (c == "-" ? "-" : sprintf("%.1f", c/1000)), x, rl/1000, rf/1000 }'
done
echo "(cat: every file read once; B/art: live heap per article after the first start; rescan ms: CPU of one"
echo " periodic rescan; fresh: a new file to its feed; req/s: one cached feed, gzip, wrk -t2 -c16, median of $WRK_ROUNDS;"
echo " crawl: every feed of /opml.xml once, $PARALLEL at a time, cold; re-: the restart from the index store)"
if [[ "$SMOKE" == 1 ]]; then
  echo "(SMOKE=1: tiny corpora: this checks the plumbing, not the targets)"
fi
