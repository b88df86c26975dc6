#!/usr/bin/env bash
# Async invocation: how many async invocations per second the engine accepts (each one
# committed to SQLite before its 202), and how long the dispatcher takes to drain 10,000
# events of a trivial Python handler end to end (accepted -> run -> record delivered to the
# onSuccess local queue). Then the accept rate alone, with dispatch held back by a reserved
# concurrency of 0 (the loadgen's synchronous warm-up requests are throttled first, which
# takes about 40 s).
#
#   bench/async.sh [EVENTS] [CONCURRENCY]   # defaults: 10000 16
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-10000}
concurrency=${2:-16}

cargo build --release --quiet --bin s --example loadgen
S=$PWD/target/release/s
LOADGEN=$PWD/target/release/examples/loadgen

work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export S_HOME=$work/home S_ENGINE=http://127.0.0.1:$port NO_COLOR=1
cleanup() { "$S" engine stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

"$S" engine start --detach >/dev/null 2>&1

make_project() { # name, extra props
  mkdir -p "$work/$1/code"
  cat > "$work/$1/s.yaml" <<YAML
edition: 3.0.0
name: bench
resources:
  fn:
    component: fc3
    props:
      region: cn-hangzhou
      functionName: $1
      runtime: python3.10
      handler: index.handler
      memorySize: 128
      timeout: 10
      code: ./code
      asyncInvokeConfig:
        destinationConfig:
          onSuccess:
            destination: acs:mns:::/queues/drained/messages
$2
YAML
  printf 'def handler(event, context):\n    return event\n' > "$work/$1/code/index.py"
  (cd "$work/$1" && "$S" deploy -y >/dev/null 2>&1)
}
make_project drain ""
make_project hold "      concurrencyConfig:
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
  --requests "$events" --header x-fc-invocation-type:Async --body '{"n":1}'
