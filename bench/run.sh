#!/usr/bin/env bash
# The whole benchmark suite in one run, each figure next to its baseline, as one Markdown
# table at the end (paste it into BENCHMARKS.md). Needs hyperfine (Debian package), zip, curl.
#
#   bench/run.sh            # about 6 minutes on 2 cores
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
command -v hyperfine >/dev/null || { echo "bench/run.sh needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }
. bench/lib.sh
rows=$work/rows.md
: > "$rows"
row() { printf '| %s | %s | %s | %s |\n' "$1" "$2" "$3" "$4" >> "$rows"; }

# hyperfine_median_ms COMMAND...: median wall time of each command, one per line.
hyperfine_median_ms() {
  hyperfine -N --warmup 3 --runs 30 --export-json "$work/h.json" "$@" >/dev/null 2>&1
  python3 "$root/bench/hyperfine_medians.py" "$work/h.json"
}
ratio() { python3 -c "print(f'{$1/$2:.2f}x')"; }

echo "== CLI start" >&2
python_real=$(python3 -c 'import sys; print(sys.executable)')
mapfile -t t < <(AccountID=123 hyperfine_median_ms "$S --version" "$S --help" \
  "$S preview -t s.yaml.example" "$python_real -c pass" "node -e 0")
row "\`s --version\`" "${t[0]} ms" "python3 -c pass ${t[3]} ms, node -e 0 ${t[4]} ms" "$(ratio "${t[0]}" "${t[3]}") of python"
row "\`s --help\`" "${t[1]} ms" "python3 -c pass ${t[3]} ms" "$(ratio "${t[1]}" "${t[3]}") of python"
row "\`s preview\` of s.yaml.example" "${t[2]} ms" "python3 -c pass ${t[3]} ms" "$(ratio "${t[2]}" "${t[3]}") of python"

echo "== deploy" >&2
make_project deployed
cd "$work/deployed"
mapfile -t t < <(hyperfine_median_ms "$S deploy -y")
noop=${t[0]}
hyperfine -N --warmup 1 --runs 15 --export-json "$work/h.json" \
  --prepare "sh -c 'echo \"# \$(date +%s%N)\" >> code/index.py'" "$S deploy -y" >/dev/null 2>&1
changed=$(python3 "$root/bench/hyperfine_medians.py" "$work/h.json")
cd - >/dev/null
row "deploy, unchanged project (no upload)" "$noop ms" "" ""
row "deploy, changed code (zip + upload + update)" "$changed ms" "" ""

echo "== engine memory" >&2
pid=$(engine_pid)
row "engine RSS, idle with 2 functions" "$(rss_mb "$pid") MB" "" "target < 30 MB"
make_project twenty "      instanceConcurrency: 1" "    time.sleep(0.5)
    return event"
for i in $(seq 1 20); do
  curl -s -o /dev/null -X POST --data '{}' "$S_ENGINE/2023-03-30/functions/twenty/invocations" &
done
wait
instances=$(curl -s "$S_ENGINE/2023-03-30/functions/twenty/instances" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["instances"]))')
row "engine RSS with $instances warm instances" "$(rss_mb "$pid") MB" "" "engine process only"

echo "== logs over 1,000,000 lines" >&2
"$S" engine stop >/dev/null 2>&1
python3 - "$S_HOME/engine/engine.db" <<'PY'
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1])
now = int(time.time() * 1000)
rows = ((now - 600_000 + i // 2, "deployed", "c-bench", f"1-req-{i // 10}", "stdout",
         f"line {i} processed order {i * 7 % 10007}" + (" needle" if i == 777_777 else ""))
        for i in range(1_000_000))
db.executemany("INSERT INTO logs (time_ms, function, instance_id, request_id, stream, text) VALUES (?,?,?,?,?,?)", rows)
db.commit()
PY
"$S" engine start --detach >/dev/null 2>&1
cd "$work/deployed"
mapfile -t t < <(hyperfine_median_ms "$S logs --request-id 1-req-77777 -o json" "$S logs --search needle -s 20m -o json")
cd - >/dev/null
row "\`s logs --request-id\` over 1M lines" "${t[0]} ms" "" ""
row "\`s logs --search\` over 1M lines (20 min window)" "${t[1]} ms" "" ""

echo "== packaging (bench/package.sh)" >&2
pkg=$(bench/package.sh 5)
s_pkg=$(awk '/^s package:/ {print $3}' <<<"$pkg"); zip_pkg=$(awk '/^zip -r -q:/ {print $4}' <<<"$pkg")
row "\`s package\` of a 45 MB tree" "$s_pkg s" "zip -r -q $zip_pkg s" "$(ratio "$zip_pkg" "$s_pkg") faster"

echo "== invoke (bench/invoke.sh)" >&2
inv=$(bench/invoke.sh 3000)
for c in 1 4 16; do
  json=$(grep "^clients $c " <<<"$inv" | sed 's/^clients [0-9]* *//')
  read -r p50 p99 rps < <(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["p50_ms"], d["p99_ms"], d["throughput_rps"])' "$json")
  row "warm sync invoke, $c client(s)" "p50 $p50 ms, p99 $p99 ms, $rps req/s" "" "target p50 < 1 ms"
done
row "cold start overhead" "$(awk '/overhead/ {print $5}' <<<"$inv") ms" "$(awk '/bare/ {print $6}' <<<"$inv") ms bare python3" "target < 30 ms"

echo "== async (bench/async.sh)" >&2
asy=$(bench/async.sh 10000 16)
accepted=$(grep -m1 throughput_rps <<<"$asy" | python3 -c 'import json,sys; print(json.load(sys.stdin)["throughput_rps"])')
drain=$(awk '/^drained/ {print $5}' <<<"$asy")
row "async accepted/s (durable), while draining" "$accepted /s" "" "target >= 1,000/s"
row "async drain of 10,000 events, end to end" "$drain s" "" ""

echo
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr); $(date -u +%Y-%m-%d)"
echo
echo "| measure | result | baseline | note |"
echo "|---|---|---|---|"
cat "$rows"
