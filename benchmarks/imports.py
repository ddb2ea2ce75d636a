"""Import time of civic-kg's entry points, each in a fresh interpreter: the median of N runs.

Run:  python -m benchmarks.imports [--runs 7]
Every worker process and every `kg` command pays its imports before it does anything. Target
(issue 16): `import kg` under 0.2 s. The heavy libraries a module pulls in are listed beside it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

MODULES = ("kg", "kg.extract.pipeline", "kg.builder.workers", "kg.cli", "kg.knowledge_graph")
HEAVY = ("pandas", "networkx", "rdflib", "numpy", "scipy", "matplotlib", "pyvis", "pyoxigraph")
PROBE = """
import json, sys, time
t = time.perf_counter()
import {module}
seconds = time.perf_counter() - t
print(json.dumps([seconds, [m for m in {heavy!r} if m in sys.modules]]))
"""


def import_time(module: str) -> tuple[float, list[str]]:
    """Seconds to import ``module`` in a new interpreter, and the heavy libraries it loaded."""
    code = PROBE.format(module=module, heavy=HEAVY)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    seconds, loaded = json.loads(out.stdout)
    return seconds, loaded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    print(f"{'module':<22} {'median s':>9} {'min s':>7} {'max s':>7}  loads")
    for module in MODULES:
        times, loaded = [], []
        for _ in range(args.runs):
            seconds, loaded = import_time(module)
            times.append(seconds)
        print(
            f"{module:<22} {statistics.median(times):>9.3f} {min(times):>7.3f} {max(times):>7.3f}"
            f"  {', '.join(loaded) or '-'}"
        )


if __name__ == "__main__":
    main()
