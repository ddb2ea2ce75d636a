"""Where a first build's CPU goes, stage by stage, against the storage engine's own cost.

Run:  python -m benchmarks.build_stages [--articles 10000] [--runs 3] [--keep DIR]

Each run builds the synthetic corpus (benchmarks/corpus.py) into a fresh directory in a child
process, one worker, and splits its CPU time: the main thread's time inside extraction and
encoding (measured by wrapping those functions in the child), and every thread's CPU between the
build's stages (its ``on_stage`` calls): articles extracted and spooled, written to the store,
consolidated, the store compacted. RocksDB's own threads are its compaction; the other threads
are Oxigraph's bulk loader. Then, as the reference, the engine alone: every quad the build left
in the store, as N-Quads, loaded into a fresh store in one ``bulk_load`` call and compacted
(``optimize``), in a child process of its own; and the ratio of the two. Figures are ms of CPU per
article, medians over the runs. The machine is shared and noisy: compare medians and ratios.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import pyoxigraph

from benchmarks.proctree import cpu_by_thread_kind
from benchmarks.scale import corpus_file

ROWS = (
    ("extraction", "extraction"),
    ("encoding", "encoding (N-Quads text, fact rows, spooling)"),
    ("writes", "store writes of article groups"),
    ("write_compaction", "RocksDB compaction while articles are written"),
    ("consolidation", "consolidation"),
    ("final_compaction", "final compaction"),
    ("other", "other (reading, content keys, scratch rows)"),
)
TARGET = 150  # articles per CPU-second, one worker, 10,000 articles (issue 19)


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _timing(into: dict[str, float], name: str, function: Callable) -> Callable:
    """``function``, adding the calling thread's CPU time in it to ``into[name]``."""

    def timed(*args, **kwargs):
        started = time.thread_time()
        try:
            return function(*args, **kwargs)
        finally:
            into[name] += time.thread_time() - started

    return timed


def child_build(corpus: str, out: str) -> dict:
    """One instrumented build in this process: CPU seconds by part, and its store as N-Quads."""
    from kg.builder import spool, workers
    from kg.consolidate import scratch_rows
    from kg.knowledge_graph import KnowledgeGraph
    from kg.store.embedded import EmbeddedStore

    inside: dict[str, float] = defaultdict(float)
    workers.extract = _timing(inside, "extraction", workers.extract)
    workers.rdf.extraction_text = _timing(inside, "encoding", workers.rdf.extraction_text)
    scratch_rows.rows_of = _timing(inside, "encoding", scratch_rows.rows_of)
    spool.Spool.add = _timing(inside, "encoding", spool.Spool.add)  # type: ignore[method-assign]
    for method in ("update", "insert_once"):
        original = getattr(EmbeddedStore, method)
        setattr(EmbeddedStore, method, _timing(inside, "store calls", original))

    marks: list[tuple[str, dict[str, float], float, float]] = []

    def mark(stage: str) -> None:
        marks.append((stage, cpu_by_thread_kind(), inside["store calls"], _cpu()))

    mark("start")
    report = KnowledgeGraph.build([corpus], out=out, formats=(), html=False, on_stage=mark)
    mark("end")
    n = report.articles
    phases = {m[0].split()[0]: m for m in marks}  # start, writing, consolidating, compacting, end
    order = ["start", "writing", "consolidating", "compacting", "end"]
    missing = [p for p in order if p not in phases]
    if missing or report.problems:
        raise SystemExit(f"the build did not go through every stage: {missing} {report.problems}")

    def between(a: str, b: str, kind: str) -> float:
        return phases[b][1][kind] - phases[a][1][kind]

    def total(a: str, b: str) -> float:
        return phases[b][3] - phases[a][3]

    parts = {
        "extraction": inside["extraction"],
        "encoding": inside["encoding"],
        "writes": between("writing", "consolidating", "main")
        + between("writing", "consolidating", "other"),
        "write_compaction": between("start", "consolidating", "rocksdb"),
        "consolidation": total("consolidating", "compacting"),
        "final_compaction": total("compacting", "end"),
    }
    cpu = total("start", "end")
    parts["other"] = cpu - sum(parts.values())
    writes_main = phases["consolidating"][2] - phases["writing"][2]  # (store calls: none here)
    consolidation_writes = phases["compacting"][2] - phases["consolidating"][2]
    notes = {
        "writes": {
            "main thread (parsing)": between("writing", "consolidating", "main") - writes_main,
            "loader threads": between("writing", "consolidating", "other"),
        },
        "consolidation": {
            "computing": between("consolidating", "compacting", "main") - consolidation_writes,
            "its writes": consolidation_writes + between("consolidating", "compacting", "other"),
            "their compaction": between("consolidating", "compacting", "rocksdb"),
        },
    }
    nq = Path(out) / "all.nq"
    store = EmbeddedStore(Path(out) / "store", read_only=True)
    with nq.open("wb") as f:
        store.raw.dump(f, pyoxigraph.RdfFormat.N_QUADS)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "articles": n,
        "cpu": cpu,
        "parts": parts,
        "notes": notes,
        "nq": str(nq),
        "peak": peak_mib,
    }


def child_engine(nq: str, target: str) -> dict:
    """The engine alone: ``nq`` bulk-loaded in one call into a fresh store, then compacted."""
    before = _cpu()
    store = pyoxigraph.Store(target)
    store.bulk_load(path=nq, format=pyoxigraph.RdfFormat.N_QUADS)
    store.optimize()
    quads = len(store)
    return {"cpu": _cpu() - before, "quads": quads}


def run_child(*args: str) -> dict:
    command = [sys.executable, "-m", __spec__.name, "--child", *args]
    done = subprocess.run(command, stdout=subprocess.PIPE, check=True)
    return json.loads(done.stdout)


def measure(corpus: Path, work: Path) -> dict:
    out = work / "stages-build"
    shutil.rmtree(out, ignore_errors=True)
    build = run_child("build", str(corpus), str(out))
    engine_store = work / "stages-engine"
    shutil.rmtree(engine_store, ignore_errors=True)
    build["engine"] = run_child("engine", build["nq"], str(engine_store))
    shutil.rmtree(engine_store, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    return build


def print_table(runs: list[dict]) -> None:
    n = runs[0]["articles"]

    def ms(values) -> float:
        return statistics.median(values) * 1000 / n

    print(f"{n} articles, one worker, CPU ms per article, median of {len(runs)}")
    print(f"{'part':<58} {'ms':>7}")
    for key, what in ROWS:
        print(f"{what:<58} {ms(r['parts'][key] for r in runs):7.2f}")
        for note in runs[0]["notes"].get(key, {}):
            print(f"  {note:<56} {ms(r['notes'][key][note] for r in runs):7.2f}")
    build = ms(r["cpu"] for r in runs)
    engine = ms(r["engine"]["cpu"] for r in runs)
    quads = runs[0]["engine"]["quads"]
    print(f"{'total':<58} {build:7.2f}  ({1000 / build:.0f} articles per CPU-second)")
    print(f"{f'the engine alone: {quads} quads, one bulk_load + optimize':<58} {engine:7.2f}")
    ratio = statistics.median(r["cpu"] / r["engine"]["cpu"] for r in runs)
    print(f"{'build / engine':<58} {ratio:7.2f}")
    print(f"{'peak RSS of the build (MiB, highest run)':<58} {max(r['peak'] for r in runs):7.0f}")
    verdict = "met" if 1000 / build >= TARGET else "NOT met"
    print(f"target >= {TARGET} articles per CPU-second: {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="keep (and reuse) the corpus in this directory")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        print(json.dumps({"build": child_build, "engine": child_engine}[kind](*rest)))
        return
    with tempfile.TemporaryDirectory(prefix="kg-bench-stages-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        corpus, _ = corpus_file(work, args.articles, args.seed)
        runs = []
        for k in range(args.runs):
            runs.append(measure(corpus, work))
            r = runs[-1]
            print(
                f"run {k + 1}: build {r['cpu']:.1f} CPU s, engine {r['engine']['cpu']:.1f} CPU s",
                file=sys.stderr,
                flush=True,
            )
        print_table(runs)


if __name__ == "__main__":
    main()
