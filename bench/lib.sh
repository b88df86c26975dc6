# Shared by the bench/ scripts: a release build, a private engine on a free loopback port with
# its own state dir (stopped on exit), and one-function projects. Source it; do not run it.

# S_BIN=path runs another build of `s` (e.g. an older commit's, for a before/after).
cargo build --release --quiet --bin s --example loadgen
S=${S_BIN:-$PWD/target/release/s}
LOADGEN=$PWD/target/release/examples/loadgen
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export S_HOME=$work/home S_ENGINE=http://127.0.0.1:$port NO_COLOR=1
bench_cleanup() { "$S" engine stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap bench_cleanup EXIT
"$S" engine start --detach >/dev/null 2>&1

# make_project NAME [EXTRA_PROPS_YAML] [HANDLER_BODY]: a python3.10 function deployed from
# $work/NAME; EXTRA_PROPS_YAML is appended under `props:` (6-space indent).
make_project() {
  local name=$1 extra=${2:-} body=${3:-'    return event'}
  mkdir -p "$work/$name/code"
  cat > "$work/$name/s.yaml" <<YAML
edition: 3.0.0
name: bench
resources:
  fn:
    component: fc3
    props:
      region: cn-hangzhou
      functionName: $name
      runtime: python3.10
      handler: index.handler
      memorySize: 128
      timeout: 30
      code: ./code
$extra
YAML
  printf 'import time\n\ndef handler(event, context):\n%s\n' "$body" > "$work/$name/code/index.py"
  (cd "$work/$name" && "$S" deploy -y >/dev/null 2>&1)
}

# engine_pid: the pid of the running engine.
engine_pid() { "$S" engine status -o json | python3 -c 'import json,sys; print(json.load(sys.stdin)["pid"])'; }

# rss_mb PID: resident set size in MB.
rss_mb() { awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }
