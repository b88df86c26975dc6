#!/usr/bin/env bash
# Warm sync invoke latency and throughput of a trivial Python handler through the engine's
# HTTP API, and cold-start overhead against a bare `python3 -c pass`, in one run.
#
#   bench/invoke.sh            # prints a table; numbers go to BENCHMARKS.md by hand
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --quiet --bin s --example loadgen
S=$PWD/target/release/s
LOADGEN=$PWD/target/release/examples/loadgen

work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export S_HOME=$work/home S_ENGINE=http://127.0.0.1:$port NO_COLOR=1
cleanup() { "$S" engine stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

"$S" engine start --detach >/dev/null 2>&1

make_project() { # name
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
      instanceConcurrency: 1
      code: ./code
YAML
  printf 'def handler(event, context):\n    return event\n' > "$work/$1/code/index.py"
  (cd "$work/$1" && "$S" deploy -y >/dev/null 2>&1)
}

make_project warm
url=$S_ENGINE/2023-03-30/functions/warm/invocations
echo "== warm sync invoke (trivial python handler, HTTP API, loopback)"
for c in 1 4 16; do
  printf 'concurrency %-3s ' "$c"; "$LOADGEN" "$url" --concurrency "$c" --requests 4000
done

echo "== cold start overhead"
python_real=$(python3 -c 'import sys; print(sys.executable)')
bare=()
for i in $(seq 1 15); do
  t0=$(date +%s%N); "$python_real" -c pass; t1=$(date +%s%N)
  bare+=($(( (t1 - t0) / 1000 )))
done
cold=()
for i in $(seq 1 15); do
  make_project "cold$i"
  curl_out=$(curl -s -o /dev/null -w '%{time_total}' -X POST --data '{}' "$S_ENGINE/2023-03-30/functions/cold$i/invocations")
  cold+=($(python3 -c "print(int(float('$curl_out') * 1e6))"))
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
bare_us=$(median "${bare[@]}"); cold_us=$(median "${cold[@]}")
printf 'bare python3 -c pass   median %6.1f ms\n' "$(echo "$bare_us / 1000" | bc -l)"
printf 'first invoke (cold)    median %6.1f ms\n' "$(echo "$cold_us / 1000" | bc -l)"
printf 'cold start overhead    median %6.1f ms\n' "$(echo "($cold_us - $bare_us) / 1000" | bc -l)"
