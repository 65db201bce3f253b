#!/usr/bin/env bash
# Measures what issue 16 asks of replicas behind a shared cache: two `serve` processes over one
# generated folder (ARTICLES, default 10,000) behind nginx configured with docs/deploy/nginx.conf,
# and the same documents exported (`posthorn export`) and served by nginx with
# docs/deploy/nginx-static.conf.
#
# 1. DURATION seconds (default 60) of wrk through the cache (2 threads, 32 connections, gzip, every
#    feed's first Atom page from /opml.xml in turn) while, at a quarter of the time, replica 1 is
#    killed (SIGKILL) and, at half, started again; and an article is added to the folder every
#    5 s, each then polled through the cache (/feeds/all.atom) until it shows. feeds.max_age is
#    MAX_AGE (default 10) seconds, so a new article must show within that (plus the debounce).
#    Reported: wrk's requests, non-2xx/3xx answers and socket errors, each article's delay.
# 2. Serving: ROUNDS (default 3) alternating rounds of ROUND seconds (default 15) of the same wrk
#    load against nginx serving the export (the baseline) and through the cache; req/s of each and
#    the ratio.
#
# Run from anywhere (needs nginx, wrk, curl, Java 17, Maven):
#   bash bench/replicas.sh                 # ARTICLES=10000 DURATION=60 ROUNDS=3 ROUND=15
#   SMOKE=1 bash bench/replicas.sh         # CI: ARTICLES=300 DURATION=12 ROUNDS=1 ROUND=3
# Options (environment): ARTICLES, DURATION, MAX_AGE, ROUNDS, ROUND, BUILD=1, KEEP=1 (keep the
#   temporary folder), NGINX (/usr/sbin/nginx).
# Exits non-zero when plumbing breaks (no build, a process not starting, an article that never
# shows), never because of the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

SMOKE=${SMOKE:-0}
if [[ "$SMOKE" == 1 ]]; then
  ARTICLES=${ARTICLES:-300}; DURATION=${DURATION:-12}; ROUNDS=${ROUNDS:-1}; ROUND=${ROUND:-3}
else
  ARTICLES=${ARTICLES:-10000}; DURATION=${DURATION:-60}; ROUNDS=${ROUNDS:-3}; ROUND=${ROUND:-15}
fi
MAX_AGE=${MAX_AGE:-10}
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
[[ -x "$NGINX" ]] || die "nginx not found (apt-get install nginx-light)"
command -v wrk >/dev/null || die "wrk not found (apt-get install wrk)"
ensure_built

WORK=$(mktemp -d /tmp/posthorn-replicas.XXXXXX)
chmod 755 "$WORK"
declare -a PID=("" "") PORT=("" "")
cleanup() {
  for i in 0 1; do
    [[ -n "${PID[$i]}" ]] && kill -9 "${PID[$i]}" 2>/dev/null || true
  done
  [[ -n "${NGINX_PID:-}" ]] && kill "$NGINX_PID" 2>/dev/null || true
  [[ -n "${ADDER_PID:-}" ]] && kill "$ADDER_PID" 2>/dev/null || true
  [[ -n "${WRK_PID:-}" ]] && kill "$WRK_PID" 2>/dev/null || true
  [[ "${KEEP:-0}" == 1 ]] && echo "kept $WORK" >&2 || rm -rf "$WORK"
}
trap cleanup EXIT

make_corpus "$WORK" "$ARTICLES"
[[ -z "${CORPUS:-}" ]] || die "CORPUS is not supported here: the run adds articles to the folder"
sed -i "s/^feeds:\$/feeds:\n  max_age: $MAX_AGE/" "$CONFIG"
grep -q "max_age: $MAX_AGE" "$CONFIG" || die "could not set feeds.max_age in $CONFIG"
LIVE="$WORK/corpus/articles/bench-live"
mkdir -p "$LIVE"

echo "exporting (the baseline's documents) ..." >&2
java -Xmx512m -jar target/posthorn.jar export "$WORK/export" --config "$CONFIG" >"$WORK/export.out" 2>"$WORK/export.err" \
  || { tail -5 "$WORK/export.err" >&2; die "export failed"; }
cat "$WORK/export.out" >&2

start_replica() { # $1: 0 or 1
  local i=$1 line deadline
  : >"$WORK/r$i.out"
  java -Xmx384m -jar target/posthorn.jar serve --config "$CONFIG" --host 127.0.0.1 --port "${PORT[$i]}" \
    >>"$WORK/r$i.out" 2>>"$WORK/r$i.err" &
  PID[$i]=$!
  deadline=$(( $(date +%s) + 180 ))
  until grep -q 'Posthorn listening on' "$WORK/r$i.out"; do
    kill -0 "${PID[$i]}" 2>/dev/null || { tail -20 "$WORK/r$i.err" >&2; die "replica $i exited before listening"; }
    (( $(date +%s) < deadline )) || die "replica $i not listening after 180 s"
    sleep 0.05
  done
}
PORT[0]=$(free_port); PORT[1]=$(free_port)
while [[ "${PORT[1]}" == "${PORT[0]}" ]]; do PORT[1]=$(free_port); done
start_replica 0
start_replica 1
echo "replicas on ${PORT[0]} and ${PORT[1]}" >&2

# --- nginx: the cache in front (docs/deploy/nginx.conf) and the export (nginx-static.conf) ---
FRONT_PORT=$(free_port); STATIC_PORT=$(free_port)
while [[ " ${PORT[*]} $FRONT_PORT " == *" $STATIC_PORT "* || " ${PORT[*]} " == *" $FRONT_PORT "* ]]; do
  FRONT_PORT=$(free_port); STATIC_PORT=$(free_port)
done
mkdir -p "$WORK/nginx/cache"
sed -e "s#/var/cache/nginx/posthorn#$WORK/nginx/cache#" -e "s#127.0.0.1:8081#127.0.0.1:${PORT[0]}#" \
    -e "s#127.0.0.1:8082#127.0.0.1:${PORT[1]}#" -e "s#listen 8080;#listen 127.0.0.1:$FRONT_PORT;#" \
    docs/deploy/nginx.conf >"$WORK/nginx/front.conf"
sed -e "s#root /srv/posthorn-export;#root $WORK/export;#" -e "s#listen 8080;#listen 127.0.0.1:$STATIC_PORT;#" \
    docs/deploy/nginx-static.conf >"$WORK/nginx/static.conf"
write_nginx_conf "  include /etc/nginx/mime.types;
  keepalive_requests 100000000;
  include $WORK/nginx/front.conf;
  include $WORK/nginx/static.conf;"
"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" &
NGINX_PID=$!
FRONT="http://127.0.0.1:$FRONT_PORT"; STATIC="http://127.0.0.1:$STATIC_PORT"
for _ in $(seq 100); do curl -s -o /dev/null "$FRONT/opml.xml" && break; sleep 0.05; done
curl -sf -o /dev/null "$FRONT/opml.xml" || { cat "$WORK/nginx/error.log" >&2; die "nginx did not start"; }

# every feed's first Atom page, as paths
curl -s "$FRONT/opml.xml" | grep -o 'xmlUrl="[^"]*"' | sed -E 's#xmlUrl="https?://[^/]*(/[^"]*)"#\1#' >"$WORK/paths.txt"
FEEDS=$(wc -l <"$WORK/paths.txt")
(( FEEDS > 0 )) || die "no feeds in /opml.xml"
cat >"$WORK/paths.lua" <<EOF
local paths = {}
for line in io.lines("$WORK/paths.txt") do paths[#paths + 1] = line end
local i = 0
function init(args) i = math.random(#paths) end
function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], { ["Accept-Encoding"] = "gzip" })
end
EOF
# warm: every path once through the cache (the replicas render them) or from the export
warm() {
  curl_config "$1" "" >"$WORK/warm.cfg"
  curl -s --no-progress-meter --parallel --parallel-max 4 -K "$WORK/warm.cfg" || die "warm-up of $1 failed"
}
# a curl config: every path under $1, each its own transfer (gzip), with write-out $2
curl_config() {
  awk -v base="$1" -v wo="$2" 'NR > 1 { print "next" } {
    printf "url = \"%s%s\"\noutput = \"/dev/null\"\nheader = \"Accept-Encoding: gzip\"\n", base, $0
    if (wo != "") printf "write-out = \"%s\"\n", wo }' "$WORK/paths.txt"
}
warm "$FRONT"; warm "$STATIC"
echo "$FEEDS feeds; front $FRONT, export $STATIC" >&2

# --- 1. load through the cache while a replica is killed and restarted and articles arrive ----
add_articles() {
  local n=0 t_write t_seen deadline
  while :; do
    sleep 5
    [[ -f "$WORK/stop" ]] && break
    n=$(( n + 1 ))
    printf -- '---\ntitle: "跟随测试 第%d条"\ndate: 2026-12-01 %02d:%02d:00 +0800\ncategories: [bench-live]\ntags: [直播]\n---\n<p>新文章。</p>\n' \
      "$n" $(( 12 + n / 60 )) $(( n % 60 )) >"$LIVE/.new.md"
    mv "$LIVE/.new.md" "$LIVE/2026-12-01-live-$n.md"
    t_write=$(now_ns)
    deadline=$(( $(date +%s) + 60 ))
    until grep -q "跟随测试 第$n条<" <(curl -s "$FRONT/feeds/all.atom"); do  # not a pipe: under pipefail, curl cut off by grep -q fails it
      (( $(date +%s) < deadline )) || { echo "article $n never showed" >>"$WORK/fresh.txt"; break; }
      sleep 0.1
    done
    t_seen=$(now_ns)
    echo "$(elapsed_ms "$t_write" "$t_seen")" >>"$WORK/fresh.txt"
  done
}
: >"$WORK/fresh.txt"
add_articles &
ADDER_PID=$!
wrk -t2 -c32 -d"${DURATION}s" --latency -s "$WORK/paths.lua" "$FRONT" >"$WORK/wrk-chaos.txt" 2>&1 &
WRK_PID=$!
sleep $(( DURATION / 4 ))
kill -9 "${PID[0]}"; wait "${PID[0]}" 2>/dev/null || true
echo "replica 0 killed at $(( DURATION / 4 )) s" >&2
sleep $(( DURATION / 4 ))
RESTART_NS=$(now_ns)
start_replica 0
echo "replica 0 started again at $(( DURATION / 2 )) s (listening after $(elapsed_ms "$RESTART_NS" "$(now_ns)") ms)" >&2
wait "$WRK_PID"; WRK_PID=""
touch "$WORK/stop"   # the article being waited for is still measured
wait "$ADDER_PID" 2>/dev/null || true; ADDER_PID=""
grep -q never "$WORK/fresh.txt" && die "$(grep never "$WORK/fresh.txt" | head -1)"
requests=$(awk '/requests in/ { print $1 }' "$WORK/wrk-chaos.txt")
bad=$(awk '/Non-2xx or 3xx/ { print $NF }' "$WORK/wrk-chaos.txt"); bad=${bad:-0}
errors=$(grep -o 'Socket errors:.*' "$WORK/wrk-chaos.txt" || echo "Socket errors: none")
latency=$(awk '/^ +Latency +[0-9]/ { print "mean " $2 ", max " $4 } / 99% / { print "p99 " $2 }' "$WORK/wrk-chaos.txt" | paste -sd, -)
echo "through the cache for ${DURATION} s, replica 0 killed and restarted: $requests requests, $bad non-2xx/3xx, $errors; latency $latency"
sort -n "$WORK/fresh.txt" | awk -v age="$MAX_AGE" '{ v[NR] = $1 } END {
  if (NR == 0) { print "no article added"; exit }
  printf "new articles through the cache, %d: median %d ms, max %d ms (max_age %d s)\n", NR, v[int((NR + 1) / 2)], v[NR], age }'

# --- 2. serving: the cache against nginx serving the export, alternating ---------------------
# with the export's max-age (300 s), so that the cache serves as the static server does, without
# revalidating every MAX_AGE seconds: feeds.yml is edited (the replicas reload it), the cached
# copies go stale, and one warm-up pass revalidates every one of them
reloads=$(cat "$WORK"/r[01].err | grep -c 'configuration reloaded' || true)
sed -i "s/^  max_age: $MAX_AGE\$/  max_age: 300/" "$CONFIG"
deadline=$(( $(date +%s) + 120 ))
until (( $(cat "$WORK"/r[01].err | grep -c 'configuration reloaded' || true) >= reloads + 2 )); do
  (( $(date +%s) < deadline )) || die "the replicas did not reload feeds.yml"
  sleep 0.2
done
sleep $(( MAX_AGE + 1 ))   # every copy cached with the old max-age is stale now
warm "$FRONT"
sleep 5   # the replicas' own work after the reload (index, compilation) settles
rps() { awk '/Requests\/sec/ { print $2 }' "$1"; }
for ((r = 1; r <= ROUNDS; r++)); do
  wrk -t2 -c32 -d"${ROUND}s" -s "$WORK/paths.lua" "$STATIC" >"$WORK/wrk-static.txt" 2>&1
  wrk -t2 -c32 -d"${ROUND}s" -s "$WORK/paths.lua" "$FRONT" >"$WORK/wrk-front.txt" 2>&1
  s=$(rps "$WORK/wrk-static.txt"); f=$(rps "$WORK/wrk-front.txt")
  fb=$(awk '/Non-2xx or 3xx/ { print $NF }' "$WORK/wrk-front.txt")
  echo "round $r: export via nginx $s req/s, through the cache $f req/s (${fb:-0} non-2xx/3xx): ratio $(awk -v a="$f" -v b="$s" 'BEGIN { printf "%.2f", a / b }')"
done
# what the cache answered from: every path once more, its X-Cache
curl_config "$FRONT" '%header{x-cache}\\n' >"$WORK/tally.cfg"
curl -s --no-progress-meter -K "$WORK/tally.cfg" | sort | uniq -c | awk '{ printf "%s%s %s", sep, $2, $1; sep = ", " } END { print "" }' \
  | sed 's/^/X-Cache of every path after the rounds: /'
if [[ "$SMOKE" == 1 ]]; then echo "(smoke run: tiny sizes, figures are not the targets)"; fi
