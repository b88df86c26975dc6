#!/usr/bin/env bash
# Async invocation: how many async invocations per second the engine accepts (each one
# committed to SQLite before its 202), and how long the dispatcher takes to drain 10,000
# events of a trivial Python handler end to end (accepted -> run -> record delivered to the
# onSuccess local queue). Then the accept rate alone, with dispatch held back by a reserved
# concurrency of 0 (no warm-up requests there: a synchronous one would be throttled).
#
#   bench/async.sh [EVENTS] [CONCURRENCY]   # defaults: 10000 16
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-10000}
concurrency=${2:-16}

. bench/lib.sh

queue_props='      asyncInvokeConfig:
        destinationConfig:
          onSuccess:
            destination: acs:mns:::/queues/drained/messages'
make_project drain "$queue_props"
make_project hold "$queue_props
      concurrencyConfig:
        reservedConcurrency: 0"

delivered() {
  curl -s "$S_ENGINE/_s/v1/queues" | python3 -c '
import json, sys
queues = json.load(sys.stdin)["queues"]
print(sum(q["messages"] for q in queues if q["name"] == "drained"))'
}

url=$S_ENGINE/2023-03-30/functions/drain/invocations
echo "== accept: $events async invocations, $concurrency connections (durable before 202)"
t0=$(date +%s%N)
"$LOADGEN" "$url" --concurrency "$concurrency" --requests "$events" \
  --header x-fc-invocation-type:Async --body '{"n":1}'
echo "== drain: until every record is in the onSuccess queue"
# The loadgen's warm-up requests are synchronous, so exactly $events records are expected.
while [ "$(delivered)" -lt "$events" ]; do sleep 0.05; done
t1=$(date +%s%N)
ms=$(( (t1 - t0) / 1000000 ))
printf 'drained %s events in %.2f s (%.0f events/s end to end)\n' \
  "$events" "$(echo "$ms / 1000" | bc -l)" "$(echo "$events * 1000 / $ms" | bc -l)"

echo "== accept only: $events async invocations, $concurrency connections, nothing dispatched"
"$LOADGEN" "$S_ENGINE/2023-03-30/functions/hold/invocations" --concurrency "$concurrency" \
  --requests "$events" --warmup 0 --header x-fc-invocation-type:Async --body '{"n":1}'
