#!/usr/bin/env bash
# Warm sync invoke latency and throughput of a trivial Python handler through the engine's
# HTTP API (1, 4 and 16 keep-alive clients), and cold-start overhead against a bare
# `python3 -c pass`, in one run.
#
#   bench/invoke.sh [REQUESTS]   # default 4000 per concurrency level
set -euo pipefail
cd "$(dirname "$0")/.."
requests=${1:-4000}
. bench/lib.sh

make_project warm "      instanceConcurrency: 1"
url=$S_ENGINE/2023-03-30/functions/warm/invocations
echo "== warm sync invoke (trivial python handler, HTTP API, loopback)"
for c in 1 4 16; do
  printf 'clients %-3s ' "$c"; "$LOADGEN" "$url" --concurrency "$c" --requests "$requests"
done

echo "== cold start"
names=()
for i in $(seq 1 15); do make_project "cold$i"; names+=("cold$i"); done
python_real=$(python3 -c 'import sys; print(sys.executable)')
python3 bench/cold.py "$S_ENGINE" "$python_real" "${names[@]}"
