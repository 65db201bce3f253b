#!/usr/bin/env bash
# Serves one cached feed from Posthorn and the same bytes as a static file from nginx, puts the
# same wrk load on both, and prints requests/s and p99 latency side by side with the ratios
# (issue 8: a cached feed at >= 0.8 x nginx's req/s, p99 <= 2 x nginx's).
#
# Steps: build target/posthorn.jar and the test classes if missing; generate N articles into a
# temporary folder (outside the repository); start the jar with -Xmx512m on a free loopback
# port; fetch FEED plain and gzipped with curl and export both (the .gz beside the plain file) to
# nginx's root; start nginx on loopback with its own config (gzip_static, etag, the same
# Content-Type and Cache-Control); check with curl that both answer 200 with byte-identical
# bodies, plain and gzip, and 304 to their own ETag; then run `wrk --latency` against each for
# a plain GET, a gzip GET (Accept-Encoding: gzip) and a 304 revalidation (If-None-Match with
# that server's ETag, set by a small Lua script). Each case runs ROUNDS times per server, the
# order alternating (nginx first, then Posthorn first, ...), after a warm-up of both; the
# table shows the mean over rounds. Processes are stopped and the folder removed on exit.
#
# Run from anywhere (needs nginx, wrk, curl, Java 17, Maven):
#   bash bench/serve-vs-nginx.sh                  # N=100000, 15 s per run, 2 rounds
#   SMOKE=1 bash bench/serve-vs-nginx.sh          # CI: N=500, 2 s per run, 1 round
# Options (environment): N, DURATION (wrk -d), THREADS (wrk -t, 2), CONNECTIONS (wrk -c, 64),
#   ROUNDS (2; SMOKE 1), WARMUP (wrk -d of the warm-up, 5s; SMOKE 0: none), FEED (/feeds/all.atom),
#   CORPUS (reuse a generated corpus folder instead of generating), BUILD=1 (rebuild first),
#   KEEP=1 (keep the temporary folder: wrk outputs, logs, nginx config), NGINX (/usr/sbin/nginx),
#   CASES (a subset of "plain gzip 304").
# Exits non-zero when plumbing breaks (no build, a server not starting, a wrong status or
# differing bytes, wrk errors), never because of the figures themselves.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

SMOKE=${SMOKE:-0}
if [[ "$SMOKE" == 1 ]]; then
  N=${N:-500}; DURATION=${DURATION:-2s}; ROUNDS=${ROUNDS:-1}; WARMUP=${WARMUP:-0}
else
  N=${N:-100000}; DURATION=${DURATION:-15s}; ROUNDS=${ROUNDS:-2}; WARMUP=${WARMUP:-5s}
fi
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
FEED=${FEED:-/feeds/all.atom}
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
[[ -x "$NGINX" ]] || die "nginx not found (apt-get install nginx-light)"
command -v wrk >/dev/null || die "wrk not found (apt-get install wrk)"
command -v curl >/dev/null || die "curl not found"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/posthorn-serve.XXXXXX")
chmod 755 "$WORK"   # nginx workers run as an unprivileged user when started by root
NGINX_PID=""
cleanup() {
  local rc=$?
  stop_posthorn
  if [[ -n "$NGINX_PID" ]]; then
    kill "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
  fi
  if [[ "${KEEP:-0}" == 1 ]]; then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ensure_built
echo "corpus: $N articles" >&2
make_corpus "$WORK" "$N"
start_posthorn "$WORK"
PH=$BASE
echo "posthorn: $PH (pid $POSTHORN_PID)" >&2

# --- export the feed's bytes exactly as Posthorn serves them --------------------------------
WWW=$WORK/www
mkdir -p "$WWW$(dirname "$FEED")"
status=$(curl -sS -o "$WWW$FEED" -D "$WORK/ph-plain.h" -w '%{http_code}' "$PH$FEED")
[[ "$status" == 200 ]] || die "posthorn $FEED: status $status"
status=$(curl -sS -H 'Accept-Encoding: gzip' -o "$WWW$FEED.gz" -D "$WORK/ph-gzip.h" -w '%{http_code}' "$PH$FEED")
[[ "$status" == 200 ]] || die "posthorn $FEED gzip: status $status"
grep -qi '^content-encoding: gzip' "$WORK/ph-gzip.h" || die "posthorn did not gzip $FEED"
gzip -dc "$WWW$FEED.gz" | cmp -s - "$WWW$FEED" || die "posthorn's gzip of $FEED is not the plain bytes"
header() { grep -i -m1 "^$1:" "$2" | cut -d' ' -f2- | tr -d '\r'; }
CONTENT_TYPE=$(header content-type "$WORK/ph-plain.h")
CACHE_CONTROL=$(header cache-control "$WORK/ph-plain.h")
PH_ETAG=$(header etag "$WORK/ph-plain.h")
[[ -n "$PH_ETAG" && -n "$CONTENT_TYPE" ]] || die "posthorn sent no ETag or Content-Type"
echo "feed: $FEED, $(stat -c %s "$WWW$FEED") bytes plain, $(stat -c %s "$WWW$FEED.gz") gzip; $CONTENT_TYPE" >&2

start_nginx
echo "nginx: $NX (pid $NGINX_PID)" >&2

# --- check both servers before loading them ---------------------------------------------------
fetch() { # URL NAME [curl options...]: body to WORK/NAME.b, headers to WORK/NAME.h; prints the status
  local url=$1 name=$2; shift 2
  curl -sS -o "$WORK/$name.b" -D "$WORK/$name.h" -w '%{http_code}' "$@" "$url"
}
for server in nx ph; do
  if [[ $server == nx ]]; then url=$NX$FEED; else url=$PH$FEED; fi
  s=$(fetch "$url" "$server-plain"); [[ "$s" == 200 ]] || die "$server plain: status $s"
  s=$(fetch "$url" "$server-gzip" -H 'Accept-Encoding: gzip'); [[ "$s" == 200 ]] || die "$server gzip: status $s"
  grep -qi '^content-encoding: gzip' "$WORK/$server-gzip.h" || die "$server: no Content-Encoding: gzip"
  [[ "$(header content-type "$WORK/$server-plain.h")" == "$CONTENT_TYPE" ]] || die "$server: another Content-Type"
done
cmp -s "$WORK/nx-plain.b" "$WORK/ph-plain.b" || die "plain bodies differ between nginx and posthorn"
cmp -s "$WORK/nx-gzip.b" "$WORK/ph-gzip.b" || die "gzip bodies differ between nginx and posthorn"
NX_ETAG=$(header etag "$WORK/nx-plain.h")
[[ -n "$NX_ETAG" ]] || die "nginx sent no ETag"
s=$(fetch "$NX$FEED" nx-304 -H "If-None-Match: $NX_ETAG"); [[ "$s" == 304 ]] || die "nginx revalidation: status $s"
s=$(fetch "$PH$FEED" ph-304 -H "If-None-Match: $PH_ETAG"); [[ "$s" == 304 ]] || die "posthorn revalidation: status $s"
echo "checked: 200 plain and gzip with identical bytes, 304 to each server's ETag ($NX_ETAG, $PH_ETAG)" >&2

# --- load ----------------------------------------------------------------------------------------
# Lua scripts set the request headers; wrk's -H would do as well, but scripts keep quoting simple.
lua() { # FILE HEADER VALUE
  printf 'wrk.headers["%s"] = "%s"\n' "$2" "${3//\"/\\\"}" >"$1"
}
printf '' >"$WORK/plain.lua"
lua "$WORK/gzip.lua" Accept-Encoding gzip
lua "$WORK/nx-304.lua" If-None-Match "$NX_ETAG"
lua "$WORK/ph-304.lua" If-None-Match "$PH_ETAG"
script() { # SERVER CASE
  case $2 in plain|gzip) echo "$WORK/$2.lua" ;; 304) echo "$WORK/$1-304.lua" ;; esac
}

# to milliseconds: wrk prints 812.00us, 1.23ms, 1.05s, 2.00m
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
    printf "%.3f", n }'
}

run_wrk() { # SERVER CASE DURATION OUTFILE
  local base
  if [[ $1 == nx ]]; then base=$NX; else base=$PH; fi
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$3" --latency -s "$(script "$1" "$2")" "$base$FEED" >"$4" 2>&1 \
    || { cat "$4" >&2; die "wrk failed against $1 ($2)"; }
  if grep -q 'Non-2xx or 3xx responses' "$4"; then cat "$4" >&2; die "$1 answered errors under load ($2)"; fi
  if grep -q 'Socket errors:.*\(read\|write\) [1-9]' "$4"; then
    echo "warning: socket errors against $1 ($2): $(grep 'Socket errors' "$4")" >&2
  fi
}

read -r -a CASES <<<"${CASES:-plain gzip 304}"
if [[ "$WARMUP" != 0 ]]; then
  echo "warm-up: $WARMUP per server and case" >&2
  for c in "${CASES[@]}"; do
    run_wrk nx "$c" "$WARMUP" "$WORK/warmup-nx-$c.txt"
    run_wrk ph "$c" "$WARMUP" "$WORK/warmup-ph-$c.txt"
  done
fi

echo "load: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, $ROUNDS round(s), order alternating" >&2
for round in $(seq "$ROUNDS"); do
  if (( round % 2 == 1 )); then order=(nx ph); else order=(ph nx); fi
  for c in "${CASES[@]}"; do
    for s in "${order[@]}"; do
      out="$WORK/wrk-$s-$c-$round.txt"
      run_wrk "$s" "$c" "$DURATION" "$out"
      rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
      p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
      echo "$s $c $round $rps $p99" >>"$WORK/results.txt"
      echo "  round $round $c $s: $rps req/s, p99 $p99 ms" >&2
    done
  done
done

# --- table ----------------------------------------------------------------------------------------
echo
echo "Cached feed $FEED ($(stat -c %s "$WWW$FEED") bytes, gzip $(stat -c %s "$WWW$FEED.gz")), $N articles;" \
  "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, mean of $ROUNDS round(s)"
awk '
  { rps[$1, $2] += $4; p99[$1, $2] += $5; n[$1, $2]++ }
  END {
    printf "%-6s %12s %14s %7s %10s %12s %9s\n", "case", "nginx req/s", "posthorn req/s", "ratio", "nginx p99", "posthorn p99", "p99 ratio"
    k = split(cases, list, " ")
    for (i = 1; i <= k; i++) {
      c = list[i]
      nr = rps["nx", c] / n["nx", c]; pr = rps["ph", c] / n["ph", c]
      np = p99["nx", c] / n["nx", c]; pp = p99["ph", c] / n["ph", c]
      printf "%-6s %12.0f %14.0f %7.2f %8.2fms %10.2fms %9.2f\n", c, nr, pr, pr / nr, np, pp, (np > 0 ? pp / np : 0)
    }
  }' cases="${CASES[*]}" "$WORK/results.txt"
if [[ "$SMOKE" == 1 ]]; then
  echo "(SMOKE=1: a tiny corpus, no warm-up, 2-second loads: this checks the plumbing, not the targets)"
fi
