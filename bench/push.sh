#!/usr/bin/env bash
# The push load of issue 15 against the running jar: STREAMS live-headline event streams held
# open on /embed/all.events and SUBSCRIBERS WebSub subscribers of /feeds/all.atom (a receiver in
# the client process, callbacks on loopback), the cached answer time of /feeds/all.atom measured
# while both are held (the polling baseline, same run), then one new article written into the
# corpus and the time until every stream has its event and every subscriber its delivery; the
# server's heap after (jcmd GC.heap_info after a full GC).
#
# Steps: build if needed; generate N articles (outside the repository) and add to its feeds.yml
# `websub: {allow_private_callbacks: true, max_per_host, max_per_topic}` above SUBSCRIBERS; start
# the jar with -Xmx512m; run io.posthorn.bench.PushLoad (test classes) against it; print its
# lines and the heap. The client opens STREAMS + SUBSCRIBERS sockets and the server as many:
# `ulimit -n` must allow about 2 x STREAMS + 2 x SUBSCRIBERS + 1000.
#
#   bash bench/push.sh                # N=100000, STREAMS=5000, SUBSCRIBERS=1000
#   SMOKE=1 bash bench/push.sh        # CI: N=500, STREAMS=50, SUBSCRIBERS=20
# Options (environment): N, STREAMS, SUBSCRIBERS, CORPUS (reuse a generated corpus), BUILD=1, KEEP=1.
# Exits non-zero when plumbing breaks, never because of the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

SMOKE=${SMOKE:-0}
if [[ "$SMOKE" == 1 ]]; then N=${N:-500}; STREAMS=${STREAMS:-50}; SUBSCRIBERS=${SUBSCRIBERS:-20}
else N=${N:-100000}; STREAMS=${STREAMS:-5000}; SUBSCRIBERS=${SUBSCRIBERS:-1000}; fi

need=$(( 2 * STREAMS + 2 * SUBSCRIBERS + 1000 ))
(( $(ulimit -n) >= need )) || ulimit -n "$need" 2>/dev/null || die "ulimit -n is $(ulimit -n); $need needed"

ensure_built
WORK=$(mktemp -d)
cleanup() { stop_posthorn; [[ "${KEEP:-0}" == 1 ]] && echo "kept $WORK" >&2 || rm -rf "$WORK"; }
trap cleanup EXIT
make_corpus "$WORK" "$N"
cp "$CONFIG" "$WORK/push.yml"
sed -i "s#^  - path: articles#  - path: $(dirname "$CONFIG")/articles#" "$WORK/push.yml"
printf 'http:\n  max_connections: %d\n' $(( 2 * STREAMS + 1000 )) >> "$WORK/push.yml"
printf 'websub:\n  allow_private_callbacks: true\n  max_per_host: %d\n  max_per_topic: %d\n  file: %s\n' \
  $(( SUBSCRIBERS + 10 )) $(( SUBSCRIBERS + 10 )) "$WORK/websub.json" >> "$WORK/push.yml"
CONFIG="$WORK/push.yml"
start_posthorn "$WORK"
echo "listening at $BASE with $N articles; $STREAMS streams, $SUBSCRIBERS subscribers" >&2
ARTICLES=$(sed -n 's#^  - path: ##p' "$CONFIG" | head -1)
java -Xmx1g -cp target/test-classes io.posthorn.bench.PushLoad "$BASE" "$ARTICLES" "$STREAMS" "$SUBSCRIBERS"
jcmd "$POSTHORN_PID" GC.run >/dev/null
heap=$(jcmd "$POSTHORN_PID" GC.heap_info | grep -o 'used [0-9]*K' | head -1)
echo "server heap after a full GC, streams and subscriptions still held: ${heap#used } (-Xmx512m)"
