#!/usr/bin/env bash
# Packaging speed: `s package` against `zip -r -q` on the same ~45 MB tree, in the same run.
# The tree: 2,000 small text files (source-like, compressible) and five 5 MB random binaries.
# Usage: bench/package.sh [runs]   (default 5 runs each; uses hyperfine when installed)
set -euo pipefail

runs="${1:-5}"
root="$(cd "$(dirname "$0")/.." && pwd)"
s_bin="${S_BIN:-$root/target/release/s}"   # S_BIN: another build, for a before/after

command -v zip >/dev/null || { echo "error: \`zip\` is not installed" >&2; exit 1; }
if [ ! -x "$s_bin" ] || [ -n "${S_BENCH_BUILD:-}" ]; then
  (cd "$root" && cargo build --release --quiet)
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
project="$work/project"
mkdir -p "$project/code"
cat > "$project/s.yaml" <<'YAML'
edition: 3.0.0
resources:
  bench:
    component: fc3
    props:
      functionName: bench
      runtime: python3.10
      handler: index.handler
      code: ./code
YAML

"$root/bench/make_tree.sh" "$project/code"
tree_size="$(du -sb "$project/code" | cut -f1)"

s_cmd="cd '$project' && '$s_bin' package --out '$work/s.zip' >/dev/null 2>&1"
zip_cmd="cd '$project/code' && rm -f '$work/zip.zip' && zip -r -q '$work/zip.zip' ."

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

time_loop() {
  local cmd="$1" i start end
  for ((i = 0; i < runs; i++)); do
    start=$(date +%s.%N)
    bash -c "$cmd"
    end=$(date +%s.%N)
    echo "$end - $start" | bc
  done | median
}

echo "tree: $(find "$project/code" -type f | wc -l) files, $((tree_size / 1024 / 1024)) MB; $(nproc) cores; $runs runs each"
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 1 --runs "$runs" --export-json "$work/h.json" -n "s package" "$s_cmd" -n "zip -r -q" "$zip_cmd" >&2
  s_time=$(python3 -c "import json;r=json.load(open('$work/h.json'))['results'];print(r[0]['median'])")
  zip_time=$(python3 -c "import json;r=json.load(open('$work/h.json'))['results'];print(r[1]['median'])")
else
  bash -c "$s_cmd"; bash -c "$zip_cmd"   # warm the page cache
  s_time=$(time_loop "$s_cmd")
  zip_time=$(time_loop "$zip_cmd")
fi
printf 's package:  %.3f s (median), %s bytes\n' "$s_time" "$(stat -c %s "$work/s.zip")"
printf 'zip -r -q:  %.3f s (median), %s bytes\n' "$zip_time" "$(stat -c %s "$work/zip.zip")"
printf 'speed-up:   %.2fx\n' "$(echo "$zip_time / $s_time" | bc -l)"
