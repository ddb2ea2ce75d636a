"""Export time and peak memory per RDF format, and the old (CONSTRUCT) vs new (external sort) union.

Run:  python -m benchmarks.export [--sizes 250000,1000000] [--runs 3] [--keep DIR]
Each size is a store of that many quads, bulk-loaded from synthetic article graphs shaped like the
ones `kg build` writes: every graph repeats the type and label triples of entities drawn from a
shared pool (so the union has duplicates across graphs, as a real corpus does) and adds its own
fact nodes. Each export runs in a child process that opens the store read-only and writes the
format to a file; the table gives the median time of --runs exports (store opening not timed),
the child's peak RSS (VmHWM, the highest over the runs; Linux only) and the output size.
"open" is a child that only opens the store: the floor under every other row. Reading the whole
store (nq, trig, jsonld) adds RocksDB's index and filter blocks, which grow with the store; the
external sort should add a constant on top of that. nt/ttl "construct" is the export before the
external sort, a CONSTRUCT over all graphs, kept as the baseline: its dedup set grows with the
store until Oxigraph clears it (past 2^20 triples), after which repeats come through and its
output is bigger than the external sort's. --keep DIR keeps the stores in DIR for the next run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph
from pyoxigraph import Literal, NamedNode, Quad

from kg import vocab
from kg.store.embedded import EmbeddedStore, rdf_format

QUADS_PER_GRAPH = 60  # ~20 shared entity triples, the rest the graph's own facts
ENTITIES_PER_GRAPH = 6
TRIPLES_PER_FACT = 8
EXPORTS = [
    ("open", "-"),
    ("nq", "store dump"),
    ("trig", "store dump"),
    ("jsonld", "store dump"),
    ("nt", "construct"),
    ("nt", "external sort"),
    ("ttl", "construct"),
    ("ttl", "external sort"),
]

RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
INTEGER = NamedNode("http://www.w3.org/2001/XMLSchema#integer")


def civ(name: str) -> NamedNode:
    return NamedNode(vocab.CIV + name)


def graph_quads(k: int, pool: int, rng: random.Random) -> Iterator[Quad]:
    """One article graph: entities from a pool of ``pool`` (shared across graphs) and its own facts."""
    graph = NamedNode(f"{vocab.ARTICLE_BASE}bench-{k}")
    yield Quad(graph, civ("articleId"), Literal(f"bench-{k}"), graph)
    entities = [rng.randrange(pool) for _ in range(ENTITIES_PER_GRAPH)]
    for e in entities:
        iri = NamedNode(f"{vocab.BASE}org/kurum-{e}")
        yield Quad(iri, RDF_TYPE, civ("Organization"), graph)
        yield Quad(iri, RDF_TYPE, civ("CityCouncil"), graph)
        yield Quad(iri, LABEL, Literal(f"Kurum {e} Kent Konseyi", language="tr"), graph)
    own = QUADS_PER_GRAPH - 1 - 3 * ENTITIES_PER_GRAPH
    for f in range(own // TRIPLES_PER_FACT):
        fact = NamedNode(f"{vocab.EVENT_BASE}bench-{k}-{f}")
        agent, counterpart = (NamedNode(f"{vocab.BASE}org/kurum-{e}") for e in entities[f : f + 2])
        evidence = f"Kurum {entities[f]} Kent Konseyi, {k}. haberde ziyarette bulundu."
        yield Quad(fact, RDF_TYPE, civ("Visit"), graph)
        yield Quad(fact, civ("relation"), civ("visited"), graph)
        yield Quad(fact, civ("agent"), agent, graph)
        yield Quad(fact, civ("counterpart"), counterpart, graph)
        yield Quad(fact, civ("evidence"), Literal(evidence, language="tr"), graph)
        yield Quad(fact, civ("evidenceStart"), Literal(str(f * 40), datatype=INTEGER), graph)
        yield Quad(fact, civ("evidenceEnd"), Literal(str(f * 40 + 39), datatype=INTEGER), graph)
        yield Quad(agent, civ("visited"), counterpart, graph)


def synthetic_store(path: Path, quads: int) -> None:
    graphs = quads // QUADS_PER_GRAPH
    rng = random.Random(graphs)
    store = pyoxigraph.Store(str(path))
    pool = max(graphs // 4, ENTITIES_PER_GRAPH)  # each entity named by ~24 graphs on average
    store.bulk_extend(q for k in range(graphs) for q in graph_quads(k, pool, rng))
    store.flush()


def construct_union(store: EmbeddedStore, out, fmt: str) -> None:
    """The triple-format export before the external sort: a CONSTRUCT, deduplicated in memory."""
    rdf_fmt = rdf_format(fmt)
    triples = store.raw.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    prefixes = dict(vocab.PREFIXES) if fmt == "ttl" else None
    pyoxigraph.serialize(triples, out, rdf_fmt, prefixes=prefixes)


def child(store_path: str, fmt: str, method: str, target: str) -> None:
    """One export in this (child) process; prints its time and output size as JSON."""
    store = EmbeddedStore(store_path, read_only=True)
    started = time.perf_counter()
    if fmt != "open":
        with open(target, "wb") as out:
            if method == "construct":
                construct_union(store, out, fmt)
            else:
                store.write_to(out, fmt)
    seconds = time.perf_counter() - started
    size = os.path.getsize(target) if fmt != "open" else 0
    print(json.dumps({"seconds": seconds, "bytes": size, "peak_kib": peak_rss_kib()}))


def peak_rss_kib() -> int:
    """This process's peak resident memory (VmHWM). Not getrusage: a child's ru_maxrss starts
    from its parent's peak at fork, which here is the process that built the stores."""
    status = Path("/proc/self/status").read_text(encoding="ascii")
    return next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:"))


def measure(store: Path, fmt: str, method: str, scratch: Path) -> tuple[float, int, int]:
    """Seconds, peak RSS (KiB) and output bytes of one export in a child process."""
    target = scratch / f"export.{fmt}"
    command = [sys.executable, "-m", __spec__.name, "--child", str(store), fmt, method, str(target)]
    done = subprocess.run(command, stdout=subprocess.PIPE, check=False)
    if done.returncode != 0:
        raise SystemExit(f"export {fmt} ({method}) failed with exit code {done.returncode}")
    result = json.loads(done.stdout)
    target.unlink(missing_ok=True)
    return result["seconds"], result["peak_kib"], result["bytes"]


def distinct_triples(store: Path) -> int:
    raw = pyoxigraph.Store.read_only(str(store))
    rows = raw.query(
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o { GRAPH ?g { ?s ?p ?o } } }"
    )
    return int(next(iter(rows))["n"].value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="250000,1000000", help="store sizes in quads")
    parser.add_argument(
        "--runs", type=int, default=3, help="exports per format and size (default 3)"
    )
    parser.add_argument("--keep", type=Path, help="keep (and reuse) the stores in this directory")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return

    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="kg-bench-export-") as tmp:
        root = args.keep or Path(tmp)
        scratch = Path(tmp)
        print(
            f"{'quads':>9} {'distinct':>9}  {'format':<6} {'method':<14} {'median s':>8} {'peak RSS MiB':>12} {'output MB':>9}"
        )
        for size in sizes:
            store = root / f"store-{size}"
            if not store.exists():
                synthetic_store(store, size)
            distinct = distinct_triples(store)
            for fmt, method in EXPORTS:
                runs = [measure(store, fmt, method, scratch) for _ in range(args.runs)]
                seconds = statistics.median(r[0] for r in runs)
                peak = max(r[1] for r in runs) / 1024
                megabytes = runs[0][2] / 1e6
                print(
                    f"{size:>9} {distinct:>9}  {fmt:<6} {method:<14} {seconds:>8.2f} {peak:>12.0f} {megabytes:>9.1f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
