# Shared helpers of the load scripts in bench/ (sourced, not run). Expects `set -euo pipefail`
# and the repository root as the working directory.

now_ns() { date +%s%N; }

# Milliseconds between two now_ns readings, with one decimal.
elapsed_ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) / 1e6 }'; }

die() { echo "$(basename "$0"): $*" >&2; exit 1; }

# Builds target/posthorn.jar and the test classes (the corpus generator) unless both are there.
# BUILD=1 rebuilds anyway.
ensure_built() {
  if [[ "${BUILD:-0}" == 1 || ! -f target/posthorn.jar || ! -f target/test-classes/io/posthorn/bench/CorpusGenerator.class ]]; then
    echo "building target/posthorn.jar and test classes ..." >&2
    mvn -q -B -ntp -DskipTests package test-compile
  fi
}

# Generates N articles (seed 42) into DIR/corpus, or uses CORPUS (an existing generated corpus
# with feeds.yml) to save time between runs. Sets CONFIG.
make_corpus() {
  local dir=$1 n=$2
  if [[ -n "${CORPUS:-}" ]]; then
    [[ -f "$CORPUS/feeds.yml" ]] || die "CORPUS=$CORPUS has no feeds.yml"
    CONFIG="$CORPUS/feeds.yml"
    return
  fi
  java -cp target/test-classes io.posthorn.bench.CorpusGenerator "$dir/corpus" "$n" 42 >&2
  # flush the generator's writes now, so that the server's start does not compete with writeback
  sync
  CONFIG="$dir/corpus/feeds.yml"
}

# Starts the jar on a free loopback port: sets POSTHORN_PID, LAUNCH_NS (just before the launch),
# LISTEN_NS (when the listening line was seen) and BASE (http://127.0.0.1:PORT).
# Logs go to DIR/posthorn.out and DIR/posthorn.err.
start_posthorn() {
  local dir=$1 timeout_s=${2:-180} line=""
  LAUNCH_NS=$(now_ns)
  java -Xmx512m ${JAVA_OPTS:-} -jar target/posthorn.jar serve --config "$CONFIG" --host 127.0.0.1 --port 0 \
    >"$dir/posthorn.out" 2>"$dir/posthorn.err" &
  POSTHORN_PID=$!
  local deadline=$(( $(date +%s) + timeout_s ))
  while :; do
    line=$(grep -m1 -o 'Posthorn listening on http://[^ ]*' "$dir/posthorn.out" 2>/dev/null || true)
    [[ -n "$line" ]] && break
    if ! kill -0 "$POSTHORN_PID" 2>/dev/null; then
      tail -20 "$dir/posthorn.err" >&2
      die "posthorn exited before listening"
    fi
    (( $(date +%s) < deadline )) || { tail -20 "$dir/posthorn.err" >&2; die "posthorn not listening after ${timeout_s}s"; }
    sleep 0.005
  done
  LISTEN_NS=$(now_ns)
  BASE=${line#Posthorn listening on }
  BASE=${BASE%/}
}

# Requests /feeds/all.atom until it answers 200 (at most TIMEOUT_S, default 120): sets FIRST_NS.
wait_first_200() {
  local timeout_s=${1:-120} status=""
  local deadline=$(( $(date +%s) + timeout_s ))
  while :; do
    status=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/feeds/all.atom" || true)
    [[ "$status" == 200 ]] && break
    (( $(date +%s) < deadline )) || die "/feeds/all.atom: no 200 within $timeout_s s (last status $status)"
    sleep 0.005
  done
  FIRST_NS=$(now_ns)
}

# Waits for the log's "caught up with the folders" (watches registered, one rescan, the index
# store written: background work after the listening line) in DIR/posthorn.err.
wait_caught_up() {
  local dir=$1 timeout_s=${2:-120}
  local deadline=$(( $(date +%s) + timeout_s ))
  while ! grep -q 'caught up with the folders' "$dir/posthorn.err"; do
    (( $(date +%s) < deadline )) || die "no 'caught up' line within $timeout_s s"
    sleep 0.05
  done
}

# "used 123456K" of `jcmd PID GC.heap_info`, in MiB
heap_used_mb() {
  jcmd "$1" GC.heap_info | awk '/used [0-9]+K/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K.*/, "", v); printf "%.0f", v / 1024; exit } }'
}

# Lists every feed of the running server's /opml.xml, the configured base_url (of CONFIG)
# replaced by BASE, into DIR/feeds.txt, and writes DIR/curl.cfg to fetch them all; prints the count.
opml_feeds() {
  local dir=$1 status site_base
  status=$(curl -s -o "$dir/opml.xml" -w '%{http_code}' "$BASE/opml.xml")
  [[ "$status" == 200 ]] || die "/opml.xml: status $status"
  site_base=$(awk '/base_url:/ { print $2; exit }' "$CONFIG")
  grep -o 'xmlUrl="[^"]*"' "$dir/opml.xml" | sed -e 's/^xmlUrl="//' -e 's/"$//' -e 's/&amp;/\&/g' \
    | awk -v from="$site_base" -v to="$BASE/" 'index($0, from) == 1 { print to substr($0, length(from) + 1); next } { print }' \
    >"$dir/feeds.txt"
  (( $(wc -l <"$dir/feeds.txt") > 0 )) || die "no xmlUrl in /opml.xml"
  awk '{ gsub(/"/, "\\\""); printf "url = \"%s\"\noutput = \"/dev/null\"\n", $0 }' "$dir/feeds.txt" >"$dir/curl.cfg"
  wc -l <"$dir/feeds.txt"
}

# Fetches every URL of a curl config (DIR/curl.cfg unless given), PARALLEL (default 4) at a
# time, writing one status per URL to OUTFILE.
crawl_feeds() {
  local dir=$1 out=$2 cfg=${3:-$1/curl.cfg}
  curl -s --no-progress-meter -Z --parallel-max "${PARALLEL:-4}" -K "$cfg" -w '%{http_code}\n' \
    >"$out" 2>"$dir/curl.err" || true
}

# Stops the server started by start_posthorn (SIGTERM, then SIGKILL after 10 s).
stop_posthorn() {
  [[ -n "${POSTHORN_PID:-}" ]] || return 0
  kill "$POSTHORN_PID" 2>/dev/null || true
  for _ in $(seq 100); do
    kill -0 "$POSTHORN_PID" 2>/dev/null || break
    sleep 0.1
  done
  kill -9 "$POSTHORN_PID" 2>/dev/null || true
  wait "$POSTHORN_PID" 2>/dev/null || true
  POSTHORN_PID=""
}

# A loopback TCP port nothing listens on now (a later bind can still lose a race: callers retry).
free_port() {
  local port
  for _ in $(seq 50); do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  die "no free port found"
}

# Writes $WORK/nginx/nginx.conf: nginx in the foreground with its own pid, logs and temp paths
# under $WORK/nginx (workers as root when run as root: the temporary folders are root's), no access
# log, and $1 inside its http block.
write_nginx_conf() {
  mkdir -p "$WORK/nginx/tmp"
  cat >"$WORK/nginx/nginx.conf" <<EOF
$([[ "$(id -u)" == 0 ]] && echo "user root;")
daemon off;
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/tmp/body;
  proxy_temp_path $WORK/nginx/tmp/proxy;
  fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
  uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
  scgi_temp_path $WORK/nginx/tmp/scgi;
$1
}
EOF
}

# Starts nginx on a free loopback port serving $WWW with its own config, pid, logs and temp paths
# under $WORK/nginx; every file is $CONTENT_TYPE with Cache-Control $CACHE_CONTROL, ETag and
# gzip_static on. Sets NX (http://127.0.0.1:PORT) and NGINX_PID. Needs NGINX (the binary).
start_nginx() {
  local port
  for _ in 1 2 3 4 5; do
    port=$(free_port)
    write_nginx_conf "$(cat <<EOF
  sendfile on;
  tcp_nopush on;
  keepalive_timeout 120s;
  keepalive_requests 100000000;   # like Undertow, never close a busy keep-alive connection
  server_tokens off;
  etag on;
  gzip off;                       # never compress on the fly: the .gz beside the file is sent
  gzip_static on;
  gzip_vary on;
  server {
    listen 127.0.0.1:$port;
    root $WWW;
    location / {
      types { }
      default_type "$CONTENT_TYPE";
      add_header Cache-Control "$CACHE_CONTROL";
    }
  }
EOF
)"
    "$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" &
    NGINX_PID=$!
    for _ in $(seq 100); do
      if curl -s -o /dev/null "http://127.0.0.1:$port/"; then NX="http://127.0.0.1:$port"; return; fi
      kill -0 "$NGINX_PID" 2>/dev/null || break
      sleep 0.05
    done
    kill "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
    NGINX_PID=""
  done
  cat "$WORK/nginx/error.log" >&2 || true
  die "nginx did not start"
}
