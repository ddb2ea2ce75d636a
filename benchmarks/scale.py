"""Scale benchmark: build, load, SPARQL against rdflib, export, HTML and extraction, as one table.

Run:  python -m benchmarks.scale [--articles 10000,100000] [--runs 3] [--only build,sparql,...]
                                 [--dataset-articles 4000] [--keep DIR]
The corpus is synthetic articles of 1.5-2.5 KB from our own templates (benchmarks/corpus.py),
written as JSONL before anything is timed. Sections (--only picks some; all by default):
  extract  extraction alone in this process (benchmarks/extract.py's loop): MB/s and articles/s.
  build    `KnowledgeGraph.build` (read, extract, store, consolidate; no RDF file, no HTML) of
           each --articles size in a fresh child process per run, so the peak RSS (VmHWM) is the
           build's own; also the per-article cost of the largest size over the smallest (1.0 is
           linear). With a build that takes ``workers``, also with 2 workers: per core is then
           per worker, and the peak RSS the highest sum over its processes (sampled every 0.2 s
           from /proc, pages they share counted in each), as is their CPU time ("cores busy").
  stages   where a first build's CPU goes, part by part, for the smallest --articles size, against
           the engine's own one-call load of the same quads (benchmarks/build_stages.py).
  load     N-Quads of the dataset store into a fresh on-disk Oxigraph store: bulk_load, load in one
           transaction, load in one transaction per 64 article graphs (how builds wrote before),
           bulk_load per 64 article graphs (how builds wrote later), bulk_load in groups of
           graphs of about kg.builder.ingest.WRITE_LINES lines (how a build writes new articles)
           and one DROP + INSERT DATA update per graph (how it rewrites changed ones).
  sparql   the dataset's union as N-Triples in an on-disk Oxigraph store (bulk-loaded, then
           compacted, as a build leaves its store) and an rdflib in-memory
           Graph (in a child process, each query stopped after --timeout), three queries users
           ask: an entity by its label, the most thanked organisations, and who visited the
           organisations someone heads. Also on the dataset store itself ("kg store": its default
           graph, the union of its named graphs that every write keeps up to date, as `kg query`
           runs them). Ratios are rdflib's time over ours.
  export   `KnowledgeGraph.export` of the dataset store to nq and nt, in a child process.
  html     `page.render_html` of synthetic views of 1k and 10k entities with 2.3 facts each (as
           built stores have), the layout above 300 nodes included; and `views.view_data`, the
           queries that read a view from the dataset store, once, stopped after --timeout.
The dataset store is built from --dataset-articles articles (4000 make about 1M triples).
Targets: a build >= 150 articles per CPU-second on one worker, per-article cost 100k/10k <= 1.15
and peak RSS < 1 GB at 100,000 articles (issue 19); SPARQL >= 10x rdflib; extraction >= 1 MB/s per
core (issue 3). Stores take ~90 MB per 1000 articles
on disk (--keep DIR or $TMPDIR). Linux only (peak RSS from /proc). The machine is shared and
noisy: compare medians and ratios, and note the load average printed at the start and the end.
"""

from __future__ import annotations

import argparse
import inspect
import itertools
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path

import pyoxigraph
import rdflib
from pyoxigraph import RdfFormat

from benchmarks.corpus import synthetic_articles
from benchmarks.export import peak_rss_kib
from benchmarks.extract import extract_all
from benchmarks.proctree import cpu_by_thread_kind, run_sampled
from benchmarks.scale_sparql import anchored_queries, rdflib_times, timed
from kg import vocab
from kg.builder.ingest import WRITE_LINES
from kg.builder.workers import BATCH
from kg.knowledge_graph import KnowledgeGraph
from kg.views import html as page
from kg.views import model as views

BYTES_PER_ARTICLE = 3000  # articles are at most ~2.4 KB, so this budget yields enough of them
BUILD_TARGET = 150  # articles per CPU-second, one worker
RSS_TARGET = 1024  # MiB, peak of a build of any size here
SPARQL_TARGET = 10  # times faster than rdflib
LINEAR_TARGET = 1.15  # per-article CPU cost, largest size over smallest
EXTRACT_TARGET = 1.0  # MB/s per core
# Where a build's CPU goes, by thread (proctree.cpu_by_thread_kind); 2 ms per article is the
# whole budget of the build target on one core
THREAD_KINDS = {
    "main": "main thread (reading, extraction, encoding, consolidation)",
    "rocksdb": "RocksDB compaction threads",
    "other": "other threads (Oxigraph's bulk loader)",
    "workers": "worker processes (extraction)",
}
FACTS_PER_ENTITY = 2.3  # a store built from 4000 synthetic articles: 48,834 facts, 20,915 entities


@dataclass(frozen=True)
class Row:
    """One line of the table: a median, unless its ``what`` or ``note`` says otherwise."""

    what: str
    size: str
    value: float
    unit: str
    target: str = ""
    passed: bool | None = None
    note: str = ""


def checked(
    what: str, size: str, value: float, unit: str, *, at_least=None, at_most=None, lower_bound=False
) -> Row:
    """A row with a target: at least or at most a bound. A ``lower_bound`` value below its
    target leaves the outcome open ("?"), and is noted as a lower bound."""
    note = "a lower bound" if lower_bound else ""
    if at_least is not None:
        passed = True if value >= at_least else None if lower_bound else False
        return Row(what, size, value, unit, f">= {at_least}", passed, note)
    return Row(what, size, value, unit, f"<= {at_most}", value <= at_most, note)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def build_takes_workers() -> bool:
    return "workers" in inspect.signature(KnowledgeGraph.build).parameters


def child_command(kind: str, *args: object) -> list[str]:
    """The command that runs one measurement in a fresh Python process (this script, --child)."""
    return [sys.executable, "-m", __spec__.name, "--child", kind, *map(str, args)]


def run_child(kind: str, *args: object, timeout: float | None = None) -> dict | None:
    """Run a child measurement and read its JSON; None if it was stopped after ``timeout`` s."""
    try:
        done = subprocess.run(
            child_command(kind, *args), stdout=subprocess.PIPE, check=False, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return None
    if done.returncode != 0:
        raise SystemExit(f"child {kind} {args} failed with exit code {done.returncode}")
    return json.loads(done.stdout)


def run_build(corpus: Path, out: Path, workers: int) -> dict:
    """One build in a child process; with its workers' CPU time and the highest total RSS of its
    processes (sampled), when that is above the child's own peak."""
    done, usage = run_sampled(child_command("build", corpus, out, workers))
    if done.returncode != 0:
        raise SystemExit(f"the build of {corpus} failed with exit code {done.returncode}")
    result = json.loads(done.stdout)
    result["cpu_by_thread"]["workers"] = usage.cpu_seconds_below()
    result["cpu_seconds"] += usage.cpu_seconds_below()
    result["peak_kib"] = max(result["peak_kib"], usage.total_peak_kib)
    return result


def child_build(corpus: str, out: str, workers: str) -> dict:
    """One build in this process: its time, this process's CPU time over it and peak RSS."""
    options = {"workers": int(workers)} if build_takes_workers() else {}
    before, threads_before = resource.getrusage(resource.RUSAGE_SELF), cpu_by_thread_kind()
    started = time.perf_counter()
    report = KnowledgeGraph.build([corpus], out=out, formats=(), html=False, **options)
    seconds = time.perf_counter() - started
    after, threads_after = resource.getrusage(resource.RUSAGE_SELF), cpu_by_thread_kind()
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "cpu_by_thread": {k: threads_after[k] - threads_before[k] for k in threads_after},
        "peak_kib": peak_rss_kib(),
        "articles": report.articles,
        "problems": len(report.problems),
        "quads": report.quads_written,
    }


def child_export(directory: str, fmt: str, target: str) -> dict:
    graph = KnowledgeGraph.open(directory)
    started = time.perf_counter()
    graph.export(target, fmt)
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "peak_kib": peak_rss_kib(),
        "bytes": os.path.getsize(target),
    }


def corpus_file(work: Path, articles: int, seed: int) -> tuple[Path, int]:
    """A JSONL file of ``articles`` synthetic articles (written once) and its text bytes."""
    path = work / f"corpus-{articles}-{seed}.jsonl"
    if not path.exists():
        unfinished = path.with_suffix(".partial")
        with unfinished.open("w", encoding="utf-8") as f:
            for a in itertools.islice(
                synthetic_articles(articles * BYTES_PER_ARTICLE, seed), articles
            ):
                record = {"id": a.id, "date": a.date, "text": a.text}
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
        unfinished.replace(path)
    with path.open(encoding="utf-8") as f:
        text_bytes = sum(len(json.loads(line)["text"].encode("utf-8")) for line in f)
    return path, text_bytes


@cache
def dataset_store(work: Path, articles: int, seed: int) -> Path:
    """The graph the load, SPARQL, export and HTML sections use, built or brought up to date
    (a build skips the articles a kept store already holds) once per run."""
    out = work / f"build-{articles}"
    corpus, _ = corpus_file(work, articles, seed)
    log(f"building the dataset store from {articles} articles (not timed)")
    run_build(corpus, out, 1)
    return out


def bench_extract(args: argparse.Namespace, work: Path) -> list[Row]:
    articles = list(synthetic_articles(int(args.extract_mb * 1e6), args.seed))
    size_mb = sum(len(a.text.encode("utf-8")) for a in articles) / 1e6
    extract_all(articles[:1])  # load the language data outside the timings
    seconds = statistics.median(timed(partial(extract_all, articles))[0] for _ in range(args.runs))
    size = f"{size_mb:.1f} MB"
    log(f"extract: {size}, {len(articles)} articles, median {seconds:.2f} s")
    return [
        checked("extraction", size, size_mb / seconds, "MB/s/core", at_least=EXTRACT_TARGET),
        Row("extraction", size, len(articles) / seconds, "articles/s/core"),
    ]


def bench_build(args: argparse.Namespace, work: Path) -> list[Row]:
    rows = []
    per_article: dict[int, float] = {}
    for n in args.articles:
        corpus, text_bytes = corpus_file(work, n, args.seed)
        for workers in args.workers:
            runs = []
            for k in range(args.runs):
                out = work / f"build-{n}"
                shutil.rmtree(out, ignore_errors=True)
                runs.append(run_build(corpus, out, workers))
                r = runs[-1]
                log(
                    f"build {n} articles, {workers} worker(s), run {k + 1}: {r['seconds']:.1f} s, "
                    f"{r['cpu_seconds']:.1f} CPU s, {r['peak_kib'] / 1024:.0f} MiB, "
                    f"{r['quads']} quads written, {r['problems']} problems"
                )
            if any(r["problems"] or r["articles"] != n for r in runs):
                raise SystemExit(f"the build of {n} articles did not store every article")
            seconds = statistics.median(r["seconds"] for r in runs)
            cpu = statistics.median(r["cpu_seconds"] for r in runs)
            peak = max(r["peak_kib"] for r in runs) / 1024
            if workers == 1:
                per_article[n] = cpu / n  # CPU: what a noisy machine disturbs least
            size = f"{n} articles, {workers} worker{'s' if workers > 1 else ''}"
            rows += [
                Row("end-to-end build", size, n / seconds, "articles/s"),
                Row("end-to-end build", size, n / seconds / workers, "articles/s/core"),
                checked("end-to-end build", size, n / cpu, "articles/CPU-s", at_least=BUILD_TARGET),
                Row("end-to-end build", size, text_bytes / 1e6 / seconds, "MB/s"),
                Row("end-to-end build", size, cpu / seconds, "cores busy"),
                checked("build peak RSS", size, peak, "MiB (max)", at_most=RSS_TARGET),
            ]
            for kind, what in THREAD_KINDS.items():
                ms = statistics.median(r["cpu_by_thread"][kind] for r in runs) * 1000 / n
                if ms or kind != "workers":
                    rows.append(Row(f"build CPU per article: {what}", size, ms, "ms"))
    if len(per_article) > 1:
        small, large = min(per_article), max(per_article)
        ratio = per_article[large] / per_article[small]
        size = f"{large} / {small} articles"
        rows.append(checked("per-article build cost", size, ratio, "ratio", at_most=LINEAR_TARGET))
    return rows


def graph_texts(nq: Path) -> list[tuple[str, str]]:
    """Each named graph of an N-Quads file (a store dump: one graph after another) as its IRI in
    N-Triples syntax and its triples as N-Triples text."""
    quads = pyoxigraph.parse(path=str(nq), format=RdfFormat.N_QUADS)
    return [
        (str(graph), "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in group))
        for graph, group in itertools.groupby(quads, key=lambda q: q.graph_name)
    ]


def nquads(graphs: list[tuple[str, str]]) -> str:
    """N-Triples texts with their graphs, as one N-Quads text (each line ends in " .\n")."""
    return "".join(
        f"{line[:-2]} {graph} .\n" for graph, text in graphs for line in text.split("\n") if line
    )


def groups_of_lines(graphs: list[tuple[str, str]], lines: int) -> list[list[tuple[str, str]]]:
    """Consecutive graphs in groups of about ``lines`` lines, as a build writes them."""
    groups: list[list[tuple[str, str]]] = [[]]
    size = 0
    for graph in graphs:
        if size >= lines:
            groups.append([])
            size = 0
        groups[-1].append(graph)
        size += graph[1].count("\n")
    return [g for g in groups if g]


def bench_load(args: argparse.Namespace, work: Path) -> list[Row]:
    dataset = dataset_store(work, args.dataset_articles, args.seed)
    nq = KnowledgeGraph.open(dataset).export(work / "dataset.nq", "nq")
    with nq.open("rb") as f:
        quads = sum(1 for _ in f)
    # The texts the batched writes use are made before the timings: only the store's work is timed.
    graphs = graph_texts(nq)
    batches = [nquads(graphs[i : i + BATCH]) for i in range(0, len(graphs), BATCH)]
    groups = [nquads(group) for group in groups_of_lines(graphs, WRITE_LINES)]
    updates = [f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n{t}}} }}" for g, t in graphs]
    methods = {
        "bulk_load": lambda s: s.bulk_load(path=str(nq), format=RdfFormat.N_QUADS),
        "load, one transaction": lambda s: s.load(path=str(nq), format=RdfFormat.N_QUADS),
        f"load, one transaction per {BATCH} graphs (builds before bulk loading)": lambda s: [
            s.load(b, format=RdfFormat.N_QUADS) for b in batches
        ],
        f"bulk_load per {BATCH} graphs (builds before writing by size)": lambda s: [
            s.bulk_load(b, format=RdfFormat.N_QUADS) for b in batches
        ],
        f"bulk_load per {WRITE_LINES:,} lines of graphs (a build)": lambda s: [
            s.bulk_load(g, format=RdfFormat.N_QUADS) for g in groups
        ],
        "DROP + INSERT DATA per graph (a rebuild)": lambda s: [s.update(u) for u in updates],
    }
    rows = []
    for name, load in methods.items():
        seconds = []
        for _ in range(args.runs):
            target = work / "load-store"
            shutil.rmtree(target, ignore_errors=True)
            store = pyoxigraph.Store(str(target))
            started = time.perf_counter()
            load(store)
            store.flush()
            seconds.append(time.perf_counter() - started)
            if len(store) != quads:
                raise SystemExit(f"{name} stored {len(store)} quads of {quads}")
            del store
            shutil.rmtree(target)
        median = statistics.median(seconds)
        log(f"load {quads} quads, {name}: median {median:.1f} s")
        rows.append(Row(f"store load: {name}", f"{quads} quads", quads / median, "quads/s"))
    return rows


def bench_sparql(args: argparse.Namespace, work: Path) -> list[Row]:
    dataset = dataset_store(work, args.dataset_articles, args.seed)
    nt = KnowledgeGraph.open(dataset).export(work / "dataset.nt", "nt")
    target = work / "sparql-store"
    shutil.rmtree(target, ignore_errors=True)
    oxigraph = pyoxigraph.Store(str(target))
    started = time.perf_counter()
    oxigraph.bulk_load(path=str(nt), format=RdfFormat.N_TRIPLES)
    oxigraph.flush()
    loaded = time.perf_counter() - started
    oxigraph.optimize()  # as a build leaves its store: compacted (KnowledgeGraph.build)
    triples = len(oxigraph)
    size = f"{triples / 1e6:.2f}M triples"
    log(f"sparql: {triples} triples bulk-loaded into Oxigraph in {loaded:.1f} s")
    queries = anchored_queries(oxigraph)
    queries_file = work / "queries.json"
    queries_file.write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")
    log(f"sparql: loading rdflib and running its queries (each stopped after {args.timeout} s)")
    rdf = run_child("rdflib", nt, queries_file, args.runs, args.timeout)
    log(
        f"sparql: rdflib loaded {rdf['triples']} triples in {rdf['load_seconds']:.1f} s, "
        f"peak RSS {rdf['peak_kib'] / 1024:.0f} MiB"
    )
    built = KnowledgeGraph.open(dataset).store  # queried as `kg query` queries it
    built_size = f"{len(built) / 1e6:.2f}M quads"
    rows = [
        Row("rdflib parse N-Triples", size, triples / rdf["load_seconds"], "triples/s"),
        Row("rdflib in-memory graph RSS", size, rdf["peak_kib"] / 1024, "MiB"),
    ]
    for name, sparql in queries.items():
        ox = [timed(partial(oxigraph.query, sparql)) for _ in range(args.runs)]
        union = [timed(partial(built.query, sparql)) for _ in range(args.runs)]
        ox_seconds = statistics.median(s for s, _ in ox)
        union_seconds = statistics.median(s for s, _ in union)
        theirs = rdf["queries"][name]
        rows_seen = {ox[0][1], union[0][1]} | ({theirs["rows"]} if theirs["seconds"] else set())
        note = "" if len(rows_seen) == 1 else f"row counts differ: {sorted(rows_seen)}"
        stopped = theirs["seconds"] is None  # then its time, and so the ratios, are lower bounds
        rdflib_seconds = args.timeout if stopped else statistics.median(theirs["seconds"])
        bound = "stopped: a lower bound" if stopped else ""
        log(
            f"sparql {name}: {ox[0][1]} rows; Oxigraph {ox_seconds * 1000:.1f} ms, kg store "
            f"{union_seconds * 1000:.1f} ms, rdflib {rdflib_seconds * 1000:.1f} ms {bound}"
        )
        ratio = f"SPARQL {name}: rdflib /"
        rows += [
            Row(f"SPARQL {name}: Oxigraph", size, ox_seconds * 1000, "ms", note=note),
            Row(f"SPARQL {name}: kg store", built_size, union_seconds * 1000, "ms"),
            Row(f"SPARQL {name}: rdflib", size, rdflib_seconds * 1000, "ms", note=bound),
            checked(
                f"{ratio} Oxigraph",
                size,
                rdflib_seconds / ox_seconds,
                "ratio",
                at_least=SPARQL_TARGET,
                lower_bound=stopped,
            ),
            checked(
                f"{ratio} kg store",
                built_size,
                rdflib_seconds / union_seconds,
                "ratio",
                at_least=SPARQL_TARGET,
                lower_bound=stopped,
            ),
        ]
    return rows


def bench_export(args: argparse.Namespace, work: Path) -> list[Row]:
    dataset = dataset_store(work, args.dataset_articles, args.seed)
    quads = len(KnowledgeGraph.open(dataset).store.raw)
    rows = []
    for fmt in ("nq", "nt"):
        target = work / f"export.{fmt}"
        runs = [run_child("export", dataset, fmt, target) for _ in range(args.runs)]
        target.unlink()
        seconds = statistics.median(r["seconds"] for r in runs)
        peak = max(r["peak_kib"] for r in runs) / 1024
        log(
            f"export {fmt}: median {seconds:.1f} s, {runs[0]['bytes'] / 1e6:.0f} MB, {peak:.0f} MiB"
        )
        rows += [
            Row(f"export {fmt}", f"{quads} quads", seconds, "s"),
            Row(f"export {fmt}", f"{quads} quads", quads / seconds, "quads/s"),
        ]
    return rows


def synthetic_view(n: int, seed: int) -> tuple[list[views.ViewNode], list[views.ViewEdge]]:
    """``n`` entities and their facts, shaped like a built graph's view: FACTS_PER_ENTITY facts
    per entity, each from any entity to one drawn with a strong bias towards a few hubs (as news
    agencies and metropolitan municipalities are)."""
    rng = random.Random(seed)
    kinds = (("Organization", "CityCouncil"), ("Organization", "Municipality"), ("Person", ""))
    ids = [f"{vocab.ENTITY_BASE}entity/{k}" for k in range(n)]
    edges = []
    for k in range(round(n * FACTS_PER_ENTITY)):
        source, target = rng.randrange(n), int(n * rng.random() ** 3)
        edges.append(
            views.ViewEdge(
                source=ids[source],
                target=ids[target],
                predicate=rng.choice(vocab.EVENT_PREDICATES),
                evidence=f"Kurum {source} Başkanı, Kurum {target} ile bir araya geldi.",
                date="2026-01-15",
                article_url=f"https://haber.example/{k}",
                confidence=0.85,
            )
        )
    degree = Counter(e.source for e in edges) + Counter(e.target for e in edges)
    nodes = [
        views.ViewNode(
            id=iri,
            label=f"Kurum {k}",
            type=kinds[k % 3][0],
            subtype=kinds[k % 3][1],
            aliases=(),
            degree=degree[iri],
        )
        for k, iri in enumerate(ids)
    ]
    return nodes, edges


def child_view_data(directory: str) -> dict:
    graph = KnowledgeGraph.open(directory)
    started = time.perf_counter()
    nodes, edges = views.view_data(graph.store)
    return {"seconds": time.perf_counter() - started, "nodes": len(nodes), "edges": len(edges)}


def render_page(nodes: list, edges: list) -> list[str]:
    return [page.render_html(nodes, edges)]


def bench_html(args: argparse.Namespace, work: Path) -> list[Row]:
    dataset = dataset_store(work, args.dataset_articles, args.seed)
    rows = []
    for n in args.html_nodes:
        nodes, edges = synthetic_view(n, args.seed)
        size = f"{n} nodes, {len(edges)} facts"
        seconds = statistics.median(
            timed(partial(render_page, nodes, edges))[0] for _ in range(args.runs)
        )
        log(f"html {size}: median {seconds:.2f} s")
        rows.append(Row("HTML generation (render_html)", size, seconds, "s"))
    found = run_child("view", dataset, timeout=args.timeout)  # once: it may take long
    size = f"{args.dataset_articles} articles"
    if found is None:
        log(f"view_data of {size}: stopped after {args.timeout} s")
        note = "stopped: a lower bound"
        rows.append(Row("view data (view_data)", size, args.timeout, "s", note=note))
    else:
        size += f", {found['nodes']} nodes, {found['edges']} facts"
        log(f"view_data of {size}: {found['seconds']:.1f} s")
        rows.append(Row("view data (view_data)", size, found["seconds"], "s"))
    return rows


def bench_stages(args: argparse.Namespace, work: Path) -> list[Row]:
    """benchmarks/build_stages.py's table for the smallest --articles size (printed as it is),
    and its total and ratio to the engine's own load as rows."""
    from benchmarks import build_stages

    corpus, _ = corpus_file(work, min(args.articles), args.seed)
    runs = [build_stages.measure(corpus, work) for _ in range(args.runs)]
    build_stages.print_table(runs)
    n = runs[0]["articles"]
    cpu = statistics.median(r["cpu"] for r in runs)
    ratio = statistics.median(r["cpu"] / r["engine"]["cpu"] for r in runs)
    size = f"{n} articles, 1 worker"
    return [
        checked("build", size, n / cpu, "articles/CPU-s", at_least=build_stages.TARGET),
        Row("build CPU over the engine's own load", size, ratio, "ratio"),
    ]


BENCHES = {
    "extract": bench_extract,
    "build": bench_build,
    "stages": bench_stages,
    "load": bench_load,
    "sparql": bench_sparql,
    "export": bench_export,
    "html": bench_html,
}
CHILDREN = {
    "build": child_build,
    "export": child_export,
    "rdflib": rdflib_times,
    "view": child_view_data,
}


def machine() -> str:
    cores = len(os.sched_getaffinity(0))
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{platform.node()}: {cores} cores usable, load average {load}; Python "
        f"{platform.python_version()}, pyoxigraph {pyoxigraph.__version__}, rdflib {rdflib.__version__}"
    )


def number(value: float) -> str:
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}" if value >= 0.1 else f"{value:.3f}"


def print_table(rows: list[Row]) -> None:
    header = ("what", "size", "median", "unit", "target", "pass")
    cells = [
        (
            r.what,
            r.size,
            number(r.value) + (f" ({r.note})" if r.note else ""),
            r.unit,
            r.target,
            ("?" if r.target else "") if r.passed is None else ("yes" if r.passed else "NO"),
        )
        for r in rows
    ]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(header)]
    for line in (header, tuple("-" * w for w in widths), *cells):
        print("| " + " | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) + " |")


def sizes(text: str) -> list[int]:
    return [int(s) for s in text.split(",") if s]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--articles",
        type=sizes,
        default=[10000, 100000],
        help="corpus sizes for the build, comma-separated (default 10000,100000)",
    )
    parser.add_argument("--runs", type=int, default=3, help="timed runs of everything (default 3)")
    parser.add_argument(
        "--only",
        default=",".join(BENCHES),
        help=f"sections to run, comma-separated (default {','.join(BENCHES)})",
    )
    parser.add_argument(
        "--dataset-articles",
        type=int,
        default=4000,
        help="articles in the store for load, sparql, export, html (default 4000)",
    )
    parser.add_argument(
        "--workers",
        type=sizes,
        help="build worker counts (default 1,2 if the build takes workers, else 1)",
    )
    parser.add_argument(
        "--html-nodes",
        type=sizes,
        default=[1000, 10000],
        help="entities in the HTML views (default 1000,10000)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=120.0,
        help="seconds before an rdflib query or view_data is stopped (default 120)",
    )
    parser.add_argument(
        "--extract-mb",
        type=float,
        default=2.0,
        help="corpus size for the extract section (default 2)",
    )
    parser.add_argument("--seed", type=int, default=0, help="synthetic corpus seed (default 0)")
    parser.add_argument(
        "--keep",
        type=Path,
        help="keep (and reuse) corpora and stores in this directory",
    )
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(CHILDREN[args.child[0]](*args.child[1:])))
        return
    sections = set(args.only.split(","))
    if sections - set(BENCHES):
        parser.error(f"unknown sections {sorted(sections - set(BENCHES))}; use {','.join(BENCHES)}")
    if args.workers is None:
        args.workers = [1, 2] if build_takes_workers() else [1]

    print(machine(), flush=True)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-scale-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        for name in BENCHES:
            if name in sections:
                rows += BENCHES[name](args, work)
                print_table(rows)  # so far: a long run that stops later keeps what it measured
                print(flush=True)
    print(machine())


if __name__ == "__main__":
    main()
