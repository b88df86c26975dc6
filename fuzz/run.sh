#!/usr/bin/env bash
# Run one fuzz target for a bounded time, seeded from its committed corpus:
#   fuzz/run.sh TARGET [SECONDS]     # targets: manifest fcignore unpack verifier api_input
#   FUZZ_BUILD=--dev fuzz/run.sh ... # unoptimized build: minutes faster to compile (CI's smoke runs)
# libFuzzer via cargo-fuzz. The toolchain here is stable, so RUSTC_BOOTSTRAP=1 lets
# cargo-fuzz pass its nightly-only flags; the sanitizer is off (`-s none`): safe Rust needs
# coverage-guided inputs, not ASan. New inputs go to a scratch folder, so the committed
# corpus stays small; a crash is saved under fuzz/artifacts/TARGET/ and fails the run.
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?usage: fuzz/run.sh TARGET [SECONDS]}
seconds=${2:-20}
command -v cargo-fuzz >/dev/null || cargo install --quiet --locked cargo-fuzz
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export RUSTC_BOOTSTRAP=1 CARGO_INCREMENTAL=0
build=${FUZZ_BUILD:--O}
cargo fuzz build -s none "$build" "$target"
cargo fuzz run -s none "$build" "$target" "$scratch" "corpus/$target" -- \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 2>&1 |
  grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|==|SUMMARY|Done)|panicked|crash-' || true
# grep hides libFuzzer's progress lines; the exit status is cargo fuzz's.
exit "${PIPESTATUS[0]}"
