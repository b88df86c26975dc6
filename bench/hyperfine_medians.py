"""Print the median wall time (ms) of each command in a hyperfine JSON export, one per line."""
import json
import sys

for result in json.load(open(sys.argv[1]))["results"]:
    print(f"{result['median'] * 1000:.2f}")
