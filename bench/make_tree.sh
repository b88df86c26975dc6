#!/usr/bin/env bash
# The ~45 MB code tree the packaging benchmarks zip: 2,000 source-like text files of 4-16 KB
# over 40 folders (compressible) and five 5 MB random binaries (stored, not compressed).
#
#   bench/make_tree.sh DIR
set -euo pipefail
dir=${1:?usage: bench/make_tree.sh DIR}
python3 - "$dir" <<'PY'
import os, random, sys
root = sys.argv[1]
rng = random.Random(42)
words = [f"name{i}" for i in range(500)] + ["def", "return", "import", "class", "if", "else"]
for i in range(2000):
    folder = os.path.join(root, f"pkg{i % 40}", f"mod{i % 7}")
    os.makedirs(folder, exist_ok=True)
    lines = []
    size = rng.randint(4_000, 16_000)
    while sum(len(l) for l in lines) < size:
        lines.append("    " * rng.randint(0, 3) + " ".join(rng.choice(words) for _ in range(rng.randint(3, 12))) + "\n")
    with open(os.path.join(folder, f"file{i}.py"), "w") as f:
        f.writelines(lines)
PY
mkdir -p "$dir/assets"
for i in 1 2 3 4 5; do
  head -c $((5 * 1024 * 1024)) /dev/urandom > "$dir/assets/blob$i.bin"
done
