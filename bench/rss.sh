#!/usr/bin/env bash
# Engine memory over repeated load: after each round (5,000 async invocations and 5,000 warm
# sync invokes, 16 connections each) the engine idles 20 s and its RSS is printed. A leak
# grows round after round; caches and the allocator's retained memory level off.
#
#   bench/rss.sh [ROUNDS]   # default 4; MALLOC_ARENA_MAX=1 bench/rss.sh compares glibc arenas
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-4}
. bench/lib.sh

make_project warm "      instanceConcurrency: 1"
make_project drain
pid=$(engine_pid)
echo "baseline: RSS $(rss_mb "$pid") MB"
for round in $(seq 1 "$rounds"); do
  "$LOADGEN" "$S_ENGINE/2023-03-30/functions/drain/invocations" --concurrency 16 \
    --requests 5000 --header x-fc-invocation-type:Async >/dev/null
  "$LOADGEN" "$S_ENGINE/2023-03-30/functions/warm/invocations" --concurrency 16 \
    --requests 5000 >/dev/null
  sleep 20
  echo "after round $round: RSS $(rss_mb "$pid") MB, $(ls "/proc/$pid/task" | wc -l) threads"
done
