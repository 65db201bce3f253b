#!/usr/bin/env bash
# Measures what issue 12 asks of polling at scale: UPSTREAMS upstream feeds (default 1,000) of 50
# entries each, served as static files by nginx on loopback, 5% of them with one new entry per
# round. One full poll of all of them with `fetch` (-Xmx512m), once when every upstream answers
# 200 and once when every one answers 304, each against its floor measured in the same run: curl
# fetching the same URLs in one process with the same parallelism (curl --parallel-max = fetch.per_host,
# all on one host: 2), with the same conditional headers for the 304 round. Then the freshness of an upstream entry in `serve`
# beside a generated article folder (ARTICLES, default 100,000) and the same upstreams: the time
# from the poll that saw a new entry (when it wrote the entry's file) to the first answer of its
# source feed that holds it.
#
# Steps: generate the feeds (awk) into a temporary folder outside the repository; start nginx;
# write feeds.yml (the upstreams, fetch.per_host=PARALLEL); `fetch` once (the import: every entry
# new) and report it; then ROUNDS times: touch every feed (new ETag and Last-Modified: all 200)
# and add one entry to every twentieth, time curl over every URL, time `fetch` (its own log line
# "fetched N upstreams in X ms" and the process's wall time); then the same with nothing changed
# (all 304; curl sends each file's ETag as If-None-Match). Then generate the article corpus,
# start `serve` (-Xmx512m) with one more upstream polled every second, and SAMPLES times: add an
# entry to that upstream's feed, wait for it in /feeds/sources/…atom, subtract the poll's time.
#
# Run from anywhere (needs nginx, curl, awk, Java 17, Maven):
#   bash bench/upstream-poll.sh                 # UPSTREAMS=1000 ARTICLES=100000 ROUNDS=3 SAMPLES=20
#   SMOKE=1 bash bench/upstream-poll.sh         # CI: UPSTREAMS=20 ARTICLES=200 ROUNDS=1 SAMPLES=2
# Options (environment): UPSTREAMS, ARTICLES, ROUNDS, SAMPLES, PARALLEL (fetch.per_host and curl's
#   parallelism, default 2), BUILD=1, KEEP=1 (keep the temporary folder), NGINX (/usr/sbin/nginx).
# Exits non-zero when plumbing breaks (no build, nginx or Posthorn not starting, a failed poll, an
# entry that never appears), never because of the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

SMOKE=${SMOKE:-0}
if [[ "$SMOKE" == 1 ]]; then
  UPSTREAMS=${UPSTREAMS:-20}; ARTICLES=${ARTICLES:-200}; ROUNDS=${ROUNDS:-1}; SAMPLES=${SAMPLES:-2}
else
  UPSTREAMS=${UPSTREAMS:-1000}; ARTICLES=${ARTICLES:-100000}; ROUNDS=${ROUNDS:-3}; SAMPLES=${SAMPLES:-20}
fi
PARALLEL=${PARALLEL:-2}
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
[[ -x "$NGINX" ]] || die "nginx not found (apt-get install nginx-light)"
command -v curl >/dev/null || die "curl not found"
ensure_built

WORK=$(mktemp -d /tmp/posthorn-upstream-poll.XXXXXX)
chmod 755 "$WORK"
cleanup() {
  stop_posthorn
  [[ -n "${NGINX_PID:-}" ]] && kill "$NGINX_PID" 2>/dev/null || true
  [[ "${KEEP:-0}" == 1 ]] && echo "kept $WORK" >&2 || rm -rf "$WORK"
}
trap cleanup EXIT
WWW=$WORK/www
mkdir -p "$WWW/f"
CONTENT_TYPE="application/rss+xml; charset=utf-8"
CACHE_CONTROL="no-cache"

# --- the upstream feeds: NNNN.xml, 50 items each; EXTRA(i) more items at the top of feed i ------
# extra.txt holds one count per feed (new entries so far)
write_feeds() {
  awk -v n="$UPSTREAMS" -v dir="$WWW/f" -v extra_file="$WORK/extra.txt" 'BEGIN {
    while ((getline line < extra_file) > 0) { split(line, kv, " "); extra[kv[1]] = kv[2] }
    for (i = 0; i < n; i++) {
      f = sprintf("%s/%04d.xml", dir, i)
      printf "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>上游 %04d</title><link>https://up%04d.example/</link>\n", i, i > f
      for (k = extra[i] + 0; k >= 1; k--) {
        printf "<item><guid isPermaLink=\"false\">%04d-new-%d</guid><title>上游%04d 新快讯 %d</title><link>https://up%04d.example/new/%d</link><pubDate>Mon, 30 Nov 2026 1%d:00:00 +0800</pubDate><description>&lt;p&gt;新条目正文。&lt;/p&gt;</description></item>\n", i, k, i, k, i, k, k % 10 > f
      }
      for (j = 0; j < 50; j++) {
        printf "<item><guid isPermaLink=\"false\">%04d-%02d</guid><title>上游%04d 第%02d条：沪指收涨，成交额放大</title><link>https://up%04d.example/a/%02d</link><pubDate>Sun, 29 Nov 2026 %02d:%02d:00 +0800</pubDate><description>&lt;p&gt;正文第一段，第%d条。&lt;/p&gt;&lt;p&gt;第二段。&lt;/p&gt;</description></item>\n", i, j, i, j, i, j, j % 24, j, j > f
      }
      print "</channel></rss>" > f
      close(f)
    }
  }'
}
: >"$WORK/extra.txt"
write_feeds
start_nginx
echo "nginx: $NX; $UPSTREAMS feeds in $WWW/f" >&2

# --- feeds.yml: an (empty) article folder and every upstream ---------------------------------
write_config() { # $1: article folder, relative to $WORK; $2: extra sources
  {
    printf 'site:\n  title: 财经新闻\n  id: bench.example.com\n  base_url: http://127.0.0.1:8080/\n'
    printf 'fetch:\n  per_host: %s\nwatch:\n  rescan_seconds: 0\n' "$PARALLEL"
    printf 'sources:\n  - path: %s\n' "$1"
    for ((i = 0; i < UPSTREAMS; i++)); do
      printf '  - url: %s/f/%04d.xml\n    path: upstream/%04d\n    name: 上游%04d\n    every: %s\n' "$NX" "$i" "$i" "$i" "${EVERY:-15m}"
    done
    printf '%s' "${2:-}"
  } >"$WORK/feeds.yml"
}
mkdir -p "$WORK/articles"
write_config articles

# one `fetch`: prints "wall_ms inner_ms changed not_modified failed new updated"
fetch_round() {
  local t0 t1 line
  t0=$(now_ns)
  java -Xmx512m -jar target/posthorn.jar fetch --config "$WORK/feeds.yml" >"$WORK/fetch.out" 2>"$WORK/fetch.err" \
    || { tail -5 "$WORK/fetch.err" >&2; die "fetch failed (exit $?)"; }
  t1=$(now_ns)
  line=$(grep -m1 -o 'fetched [0-9]* upstreams in [0-9]* ms: .*' "$WORK/fetch.err") || die "no summary line"
  echo "$(elapsed_ms "$t0" "$t1") $(echo "$line" | sed -E 's/fetched [0-9]+ upstreams in ([0-9]+) ms: ([0-9]+) changed, ([0-9]+) not modified, ([0-9]+) failed; ([0-9]+) new, ([0-9]+) updated entries/\1 \2 \3 \4 \5 \6/')"
}

# curl over every URL, PARALLEL transfers at a time in one curl process (--parallel), each with
# Accept-Encoding: gzip; $1 = 304 sends each file's nginx ETag ("mtime-size" in hex) as If-None-Match
curl_round() {
  local t0 t1 f
  for ((i = 0; i < UPSTREAMS; i++)); do
    f=$(printf '%s/f/%04d.xml' "$WWW" "$i")
    # options after a "next" belong to that transfer alone: each gets its own
    printf 'url = "%s/f/%04d.xml"\noutput = "/dev/null"\nsilent\nwrite-out = "%%{http_code}\\n"\nheader = "Accept-Encoding: gzip"\n' "$NX" "$i"
    if [[ "${1:-}" == 304 ]]; then
      printf 'header = "If-None-Match: \\"%x-%x\\""\n' "$(stat -c %Y "$f")" "$(stat -c %s "$f")"
    fi
    (( i + 1 < UPSTREAMS )) && printf 'next\n'
  done >"$WORK/curl.cfg"
  t0=$(now_ns)
  curl -s --parallel --parallel-max "$PARALLEL" -K "$WORK/curl.cfg" >"$WORK/curl.codes" 2>/dev/null
  t1=$(now_ns)
  local want=${1:-200}
  local ok
  ok=$(grep -c "^$want\$" "$WORK/curl.codes" || true)
  (( ok == UPSTREAMS )) || die "curl: $ok of $UPSTREAMS answered $want"
  elapsed_ms "$t0" "$t1"
}

echo "import (every entry new):" >&2
read -r wall inner changed nm failed new upd <<<"$(fetch_round)"
(( failed == 0 )) || die "$failed upstreams failed in the import"
printf '%-10s %10s %10s %8s %8s %7s %7s\n' round "wall ms" "fetch ms" changed 304 new updated
printf '%-10s %10s %10s %8s %8s %7s %7s\n' import "$wall" "$inner" "$changed" "$nm" "$new" "$upd"

for ((r = 1; r <= ROUNDS; r++)); do
  # every feed touched (new validators), every twentieth with one new entry at the top
  awk -v n="$UPSTREAMS" -v r="$r" 'NR == FNR { e[$1] = $2; next } END {
    for (i = 0; i < n; i++) print i, e[i] + (i % 20 == r % 20 ? 1 : 0) }' "$WORK/extra.txt" /dev/null >"$WORK/extra.next"
  mv "$WORK/extra.next" "$WORK/extra.txt"
  sleep 1.1  # a new second: nginx's ETag and Last-Modified are the mtime in seconds
  write_feeds
  floor=$(curl_round 200)
  read -r wall inner changed nm failed new upd <<<"$(fetch_round)"
  (( failed == 0 )) || die "$failed upstreams failed"
  printf '%-10s %10s %10s %8s %8s %7s %7s   curl floor %s ms\n' "200 #$r" "$wall" "$inner" "$changed" "$nm" "$new" "$upd" "$floor"
  floor=$(curl_round 304)
  read -r wall inner changed nm failed new upd <<<"$(fetch_round)"
  (( failed == 0 )) || die "$failed upstreams failed"
  printf '%-10s %10s %10s %8s %8s %7s %7s   curl floor %s ms\n' "304 #$r" "$wall" "$inner" "$changed" "$nm" "$new" "$upd" "$floor"
done

# --- freshness in serve, beside a generated folder -------------------------------------------
echo "generating $ARTICLES articles ..." >&2
java -cp target/test-classes io.posthorn.bench.CorpusGenerator "$WORK/corpus" "$ARTICLES" 42 >&2
cat >"$WORK/live.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>实时</title></channel></rss>
XML
cp "$WORK/live.xml" "$WWW/live.xml"
EVERY=15m write_config corpus/articles "  - url: $NX/live.xml
    path: upstream/live
    name: 实时
    every: 1s
"
CONFIG="$WORK/feeds.yml"
start_posthorn "$WORK" 300
echo "serve: $BASE (listening after $(elapsed_ms "$LAUNCH_NS" "$LISTEN_NS") ms)" >&2
LIVE_FEED="$BASE/feeds/sources/%E5%AE%9E%E6%97%B6.atom"
: >"$WORK/fresh.txt"
items=""
for ((s = 1; s <= SAMPLES; s++)); do
  items="<item><guid isPermaLink=\"false\">live-$s</guid><title>实时快讯 $s</title><description>第 $s 条</description></item>$items"
  printf '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>实时</title>%s</channel></rss>\n' "$items" >"$WWW/live.xml.tmp"
  mv "$WWW/live.xml.tmp" "$WWW/live.xml"
  deadline=$(( $(date +%s) + 60 ))
  until grep -q "实时快讯 $s<" <(curl -s "$LIVE_FEED"); do  # not a pipe: under pipefail, curl cut off by grep -q fails it
    (( $(date +%s) < deadline )) || die "entry $s never appeared in $LIVE_FEED"
    sleep 0.01
  done
  seen_ms=$(( $(now_ns) / 1000000 ))
  # the poll that saw the entry wrote its file: measure from then
  file=$(grep -l "实时快讯 $s\"" "$WORK"/upstream/live/*.html | head -1)
  [[ -n "$file" ]] || die "no entry file for sample $s"
  written_ms=$(date -r "$file" +%s%3N)
  echo $(( seen_ms - written_ms )) >>"$WORK/fresh.txt"
done
stop_posthorn
sort -n "$WORK/fresh.txt" | awk '{ v[NR] = $1 } END {
  printf "freshness after the poll that saw it, %d samples: median %d ms, p95 %d ms, max %d ms\n",
    NR, v[int((NR + 1) / 2)], v[int(NR * 0.95 + 0.999)], v[NR] }'
if [[ "$SMOKE" == 1 ]]; then echo "(smoke run: tiny sizes, figures are not the targets)"; fi
