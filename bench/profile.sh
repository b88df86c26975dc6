#!/usr/bin/env bash
# Instruction profiles of the hot paths with callgrind. Instruction counts stay repeatable on
# a busy machine where wall time does not, so before/after comparisons of a change use these.
#
#   bench/profile.sh invoke  [N]   # warm sync invoke round trip, N invokes (default 1000)
#   bench/profile.sh async   [N]   # async accept (durable before 202), N invocations (default 2000)
#   bench/profile.sh package       # `s package` of the 45 MB tree of bench/package.sh
#
# Prints instructions per operation and the functions with the largest inclusive cost, and
# leaves the callgrind file in bench/profiles/ for callgrind_annotate or kcachegrind.
# For engine modes the engine runs under callgrind and its children (the Python instances)
# are not traced, so the counts are the engine's own work.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:?usage: bench/profile.sh invoke|async|package [N]}
command -v valgrind >/dev/null || { echo "error: valgrind is not installed" >&2; exit 1; }

# Release code with line tables, in its own target dir so it does not evict the plain
# release build the other scripts use.
export CARGO_TARGET_DIR=$PWD/target/profiling CARGO_PROFILE_RELEASE_DEBUG=line-tables-only
cargo build --release --quiet --bin s --example loadgen
S=$CARGO_TARGET_DIR/release/s
LOADGEN=$CARGO_TARGET_DIR/release/examples/loadgen
out=$PWD/bench/profiles
mkdir -p "$out"
work=$(mktemp -d)
engine=
cleanup() {
  [ -n "$engine" ] && kill "$engine" 2>/dev/null && wait "$engine" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# report FILE OPS UNIT: instructions per operation and the top inclusive entries.
report() {
  local file=$1 ops=$2 unit=$3 total
  total=$(callgrind_annotate "$file" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')
  printf '%s: %s instructions in all, %s per %s\n' "$mode" "$total" "$(( total / ops ))" "$unit"
  callgrind_annotate --inclusive=yes "$file" 2>/dev/null | awk '/^-+$/ {n++} n >= 3' | head -40 || true
}

# start_engine: the engine in the foreground under callgrind, on a free port.
start_engine() {
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  export S_HOME=$work/home S_ENGINE=http://127.0.0.1:$port NO_COLOR=1
  valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" --trace-children=no \
    "$S" engine start --listen "127.0.0.1:$port" >"$work/engine.log" 2>&1 &
  engine=$!
  until curl -sf "$S_ENGINE/_s/v1/status" >/dev/null 2>&1; do
    kill -0 "$engine" 2>/dev/null || { cat "$work/engine.log" >&2; exit 1; }
    sleep 0.2
  done
}

# deploy NAME EXTRA_PROPS: a trivial python function.
deploy() {
  mkdir -p "$work/$1/code"
  printf 'def handler(event, context):\n    return event\n' >"$work/$1/code/index.py"
  cat >"$work/$1/s.yaml" <<YAML
edition: 3.0.0
name: profile
resources:
  fn:
    component: fc3
    props:
      region: cn-hangzhou
      functionName: $1
      runtime: python3.10
      handler: index.handler
      code: ./code
$2
YAML
  (cd "$work/$1" && "$S" deploy -y >/dev/null)
}

case $mode in
  invoke)
    n=${2:-1000}
    start_engine
    deploy warm "      instanceConcurrency: 1"
    url=$S_ENGINE/2023-03-30/functions/warm/invocations
    "$LOADGEN" "$url" --requests 50 >/dev/null
    callgrind_control -z "$engine" >/dev/null
    "$LOADGEN" "$url" --requests "$n" --warmup 0 >&2
    callgrind_control -d "$engine" >/dev/null
    cp "$(ls -t "$work"/cg.out.* | head -1)" "$out/invoke.callgrind"
    report "$out/invoke.callgrind" "$n" invoke
    ;;
  async)
    n=${2:-2000}
    start_engine
    # Nothing is dispatched (reserved concurrency 0), so only accepting is counted.
    deploy hold "      concurrencyConfig:
        reservedConcurrency: 0"
    url=$S_ENGINE/2023-03-30/functions/hold/invocations
    "$LOADGEN" "$url" --requests 50 --warmup 0 --header x-fc-invocation-type:Async >/dev/null
    callgrind_control -z "$engine" >/dev/null
    "$LOADGEN" "$url" --requests "$n" --concurrency 16 --warmup 0 \
      --header x-fc-invocation-type:Async --body '{"n":1}' >&2
    callgrind_control -d "$engine" >/dev/null
    cp "$(ls -t "$work"/cg.out.* | head -1)" "$out/async.callgrind"
    report "$out/async.callgrind" "$n" "accepted invocation"
    ;;
  package)
    mkdir -p "$work/project"
    bench/make_tree.sh "$work/project/code"
    printf 'edition: 3.0.0\nresources:\n  fn:\n    component: fc3\n    props:\n      functionName: bench\n      runtime: python3.10\n      handler: index.handler\n      code: ./code\n' >"$work/project/s.yaml"
    mb=$(( $(du -sb "$work/project/code" | cut -f1) / 1024 / 1024 ))
    (cd "$work/project" && valgrind --tool=callgrind --callgrind-out-file="$out/package.callgrind" \
      "$S" package --out "$work/out.zip" >/dev/null 2>&1)
    report "$out/package.callgrind" "$mb" MB
    ;;
  *)
    echo "unknown mode: $mode (invoke, async or package)" >&2
    exit 2
    ;;
esac
