"""Cold start overhead: the first invoke of a never-run function against a bare
`python3 -c pass`, measured alternately so both see the same machine load.

usage: cold.py ENGINE_URL PYTHON FUNCTION...   (each FUNCTION deployed, never invoked)
"""
import statistics
import subprocess
import sys
import time
import urllib.request

engine, python, functions = sys.argv[1], sys.argv[2], sys.argv[3:]
bare, cold = [], []
for name in functions:
    t = time.perf_counter()
    subprocess.run([python, "-c", "pass"], check=True)
    bare.append((time.perf_counter() - t) * 1000)
    request = urllib.request.Request(
        f"{engine}/2023-03-30/functions/{name}/invocations", data=b"{}", method="POST")
    t = time.perf_counter()
    urllib.request.urlopen(request).read()
    cold.append((time.perf_counter() - t) * 1000)
b, c = statistics.median(bare), statistics.median(cold)
print(f"bare python3 -c pass  median {b:6.1f} ms")
print(f"first invoke (cold)   median {c:6.1f} ms")
print(f"cold start overhead   median {c - b:6.1f} ms  ({len(functions)} functions)")
