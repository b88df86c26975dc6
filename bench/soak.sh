#!/usr/bin/env bash
# Soak and chaos, loopback only, bounded: sustained mixed sync and async load on a function
# that sometimes crashes, times out, exceeds its memory, raises, or leaves a detached
# process behind (it picks at random per event), while a chaos loop `kill -9`s random
# instance processes, and the engine itself is `kill -9`ed and restarted twice. Then it
# checks and prints:
#   - async: every accepted event reached its destination queue exactly once
#     (distinct request ids in the records >= accepted, no request id twice)
#   - sync: every caller got a result or an FC error body (transport errors are the
#     connections cut by the engine kills)
#   - the last engine's RSS and open fds, idle after the load, against the first engine's
#     idle baseline
#   - no process of the function is left, with the engine running idle and after it stops
#
#   bench/soak.sh [SECONDS]   # default 150; the drain and checks add up to ~1 minute
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-150}

cargo build --release --quiet --bin s --example loadgen
S=$PWD/target/release/s
LOADGEN=$PWD/target/release/examples/loadgen

work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export S_HOME=$work/home S_ENGINE=http://127.0.0.1:$port NO_COLOR=1
name=soak-$$
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  "$S" engine stop >/dev/null 2>&1 || true
  [ -n "${SOAK_KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

start_engine() { "$S" engine start --detach --idle-timeout 5 >/dev/null 2>&1; }
engine_pid() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["pid"])' "$S_HOME/engine/engine.json"; }
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
fds() { ls "/proc/$1/fd" | wc -l; }
# Processes (other than this script's) started for the function: its instances and
# anything they left behind carry FC_FUNCTION_NAME in their environment.
leftovers() {
  local n=0
  for env in /proc/[0-9]*/environ; do
    if { tr '\0' '\n' <"$env"; } 2>/dev/null | grep -qx "FC_FUNCTION_NAME=$name"; then n=$((n + 1)); fi
  done
  echo "$n"
}

mkdir -p "$work/project/code"
cat >"$work/project/s.yaml" <<YAML
edition: 3.0.0
name: soak
resources:
  fn:
    component: fc3
    props:
      region: cn-hangzhou
      functionName: $name
      runtime: python3.10
      handler: index.handler
      memorySize: 128
      timeout: 2
      code: ./code
      asyncInvokeConfig:
        maxAsyncRetryAttempts: 1
        destinationConfig:
          onSuccess:
            destination: acs:mns:::/queues/soak/messages
          onFailure:
            destination: acs:mns:::/queues/soak/messages
YAML
cat >"$work/project/code/index.py" <<'PY'
import os, random, subprocess, time

def handler(event, context):
    r = random.random()
    if r < 0.02:
        os._exit(3)                                   # crash the instance
    if r < 0.04:
        time.sleep(5)                                 # exceed the 2 s timeout
    if r < 0.05:
        hog = b'x' * (200 << 20)                      # exceed memorySize (128 MB)
        time.sleep(1)
    if r < 0.08:
        raise RuntimeError('chaos')                   # function error
    if r < 0.10:                                      # a detached process left behind
        subprocess.Popen(['sleep', '300'], start_new_session=True, stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return 'ok'
PY

start_engine
(cd "$work/project" && "$S" deploy -y >/dev/null 2>&1)
url=$S_ENGINE/2023-03-30/functions/$name/invocations
for _ in 1 2 3; do curl -s -o /dev/null -X POST "$url" -d '{}'; done
first=$(engine_pid)
sleep 7 # the warm-up instance is reaped: the baseline is an idle engine with a function
base_rss=$(rss_kb "$first")
base_fds=$(fds "$first")
echo "== baseline (idle engine, pid $first): RSS ${base_rss} KB, ${base_fds} fds"

t_end=$(($(date +%s) + duration))
batches() { # file, extra loadgen args...
  local out=$1
  shift
  while [ "$(date +%s)" -lt "$t_end" ]; do
    "$LOADGEN" "$url" --concurrency 4 --requests 200 --body '{}' "$@" >>"$out" 2>/dev/null || true
    # Like a real client, back off while the engine is down instead of spinning.
    if ! tail -n 1 "$out" | grep -q '"transport_errors":0,'; then sleep 0.2; fi
  done
}
batches "$work/sync.jsonl" &
pids+=($!)
batches "$work/async.jsonl" --header x-fc-invocation-type:Async &
pids+=($!)
(
  kills=0
  while [ "$(date +%s)" -lt "$t_end" ]; do
    sleep 1.5
    epid=$(engine_pid 2>/dev/null) || continue
    victim=$(pgrep -P "$epid" | shuf -n 1 || true)
    if [ -n "$victim" ] && kill -9 "$victim" 2>/dev/null; then kills=$((kills + 1)); fi
  done
  echo "$kills" >"$work/instance-kills"
) &
pids+=($!)

for at in 4 2; do # kill -9 the engine at 1/4 and 1/2 of the run
  while [ "$(date +%s)" -lt $((t_end - duration * (at - 1) / at)) ]; do sleep 0.5; done
  epid=$(engine_pid)
  echo "== kill -9 engine (pid $epid, RSS $(rss_kb "$epid") KB, $(fds "$epid") fds under load); restart"
  kill -9 "$epid"
  while kill -0 "$epid" 2>/dev/null; do sleep 0.05; done
  start_engine
done
wait "${pids[@]}"
pids=()
echo "== load done; instance processes killed by the chaos loop: $(cat "$work/instance-kills")"

python3 - "$work" "$S_ENGINE" <<'PY'
import json, sys, time, urllib.request
work, engine = sys.argv[1], sys.argv[2]

def total(path):
    t = {"requests": 0, "errors": 0, "function_errors": 0, "transport_errors": 0,
         "unclear_errors": 0, "statuses": {}}
    for line in open(path):
        r = json.loads(line)
        for k in ("requests", "errors", "function_errors", "transport_errors", "unclear_errors"):
            t[k] += r[k]
        for s, n in r["statuses"].items():
            t["statuses"][s] = t["statuses"].get(s, 0) + n
    return t

sync, asyn = total(f"{work}/sync.jsonl"), total(f"{work}/async.jsonl")
print(f"sync : {sync['requests']} requests, statuses {sync['statuses']}, "
      f"{sync['function_errors']} function errors (crash/timeout/memory/raise), "
      f"{sync['transport_errors']} cut by engine kills, {sync['unclear_errors']} without an FC error body")
accepted = asyn["statuses"].get("202", 0)
print(f"async: {asyn['requests']} requests, statuses {asyn['statuses']}, "
      f"{asyn['transport_errors']} cut by engine kills; {accepted} accepted (202)")

# Drain the destination queue until no record arrives for 20 s (retries and backoff).
ids, records, conditions, last = {}, 0, {}, time.time()
deadline = time.time() + 300
while time.time() < deadline and time.time() - last < 20:
    req = urllib.request.Request(f"{engine}/_s/v1/queues/soak/receive?max=1000&wait=2", method="POST")
    msgs = json.load(urllib.request.urlopen(req, timeout=30)).get("messages", [])
    if msgs:
        last = time.time()
    for m in msgs:
        rec = json.loads(m["body"])
        rid = rec["requestContext"]["requestId"]
        ids[rid] = ids.get(rid, 0) + 1
        records += 1
        c = rec["requestContext"]["condition"] or "Success"
        conditions[c] = conditions.get(c, 0) + 1
dupes = sum(1 for n in ids.values() if n > 1)
print(f"async: {records} destination records, {len(ids)} distinct request ids, "
      f"{dupes} request ids recorded twice; by condition {conditions}")
ok = len(ids) >= accepted and dupes == 0 and sync["unclear_errors"] == 0
print("async check:", "PASS (none lost, none twice)" if len(ids) >= accepted and dupes == 0 else "FAIL")
print("sync check :", "PASS (result or FC error)" if sync["unclear_errors"] == 0 else "FAIL")
open(f"{work}/verdict", "w").write("ok" if ok else "fail")
PY

last=$(engine_pid)
sleep 8 # idle: instances are reaped after 5 s
end_rss=$(rss_kb "$last")
end_fds=$(fds "$last")
echo "== last engine (pid $last) idle after the load: RSS ${end_rss} KB (baseline ${base_rss}), ${end_fds} fds (baseline ${base_fds})"
running=$(leftovers)
"$S" engine stop >/dev/null 2>&1
while kill -0 "$last" 2>/dev/null; do sleep 0.05; done
stopped=$(leftovers)
echo "== leftover processes of the function: ${running} with the engine idle, ${stopped} after it stopped"
verdict=$(cat "$work/verdict")
if [ "$verdict" = ok ] && [ "$running" = 0 ] && [ "$stopped" = 0 ] && [ "$end_fds" -le $((base_fds + 2)) ]; then
  echo "soak: PASS"
else
  echo "soak: FAIL"
  exit 1
fi
