"""The write side of a graph directory: build the store from inputs, remove an article.

``KnowledgeGraph.build`` and ``KnowledgeGraph.remove`` are one-liners over these; the files a
build writes beside the store (RDF dumps, the HTML view) are the facade's, as they only read.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph

from kg import vocab
from kg.builder.ingest import ingest
from kg.builder.inputs import read_inputs
from kg.builder.plan import BuildPlan, consolidating
from kg.builder.spool import SPOOL_PREFIX
from kg.builder.workers import LOCAL, Engine
from kg.consolidate import run as consolidation
from kg.consolidate import store_source
from kg.consolidate.scratch_rows import SCRATCH_PREFIX, FactRows
from kg.errors import KgError
from kg.model import Problem
from kg.rdf import encode as rdf
from kg.store.embedded import EmbeddedStore
from kg.store.files import atomic_write

GRAPH_FILE = "graph"  # the RDF dumps a build writes beside the store: graph.trig etc.
# Replaced as the last step of every build and removal, once the store and the files beside it
# are written: a server reading the directory (`kg serve`) reopens the store when it changes.
GENERATION_FILE = ".kg-generation"
# A build that writes at least this many times the articles stored before it compacts the store
# at its end (a first build always does): that costs about 6% of a first build's time and about
# 12% of one that doubles the store, and makes later queries 2-3x faster (benchmarks/README.md,
# "Compaction"); a smaller build leaves little, which later writers' background compaction takes up.
COMPACT_AFTER_GROWTH = 1.0


@dataclass
class BuildReport:
    """What a build did: counts, the problems it met and where it wrote."""

    out: Path
    articles: int = 0  # read and in the store (unchanged ones included)
    unchanged: int = 0  # already stored as they are: not extracted again
    problems: list[Problem] = field(default_factory=list)
    facts_read: int = 0  # facts extracted by this build (unchanged articles' not counted)
    entities: int = 0
    facts_by_predicate: dict[str, int] = field(default_factory=dict)
    # in the article graphs this build wrote; the store's total is ``len(kg.store)``, which counts
    # every quad (16 s at 27M quads: most of a build that adds a day's news to a big store)
    quads_written: int = 0
    outputs: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class RemovalReport:
    """What a removal did: how many quads went, and the files beside the store it rewrote."""

    article_id: str
    quads: int
    outputs: list[Path] = field(default_factory=list)


def build_store(
    store: EmbeddedStore,
    out: Path,
    inputs: Iterable[str | os.PathLike[str]],
    *,
    engine: Engine = LOCAL,
    on_progress: Callable[[int, int], None] | None = None,
    on_written: Callable[[int, int], None] | None = None,
    on_problem: Callable[[Problem], None] | None = None,
    on_stage: Callable[[str], None] = lambda what: None,
) -> BuildReport:
    """Write every new or changed article of ``inputs`` to ``store`` (kept in ``out``) and
    consolidate what they touch, as the ``BuildPlan`` the store's state calls for."""
    _remove_interrupted_writes(out)
    load_ontology(store)
    stored = stored_articles(store)
    with consolidating(out) as interrupted:
        plan = BuildPlan.decide(
            stored_articles=stored,
            consolidated=next(store.merged_nodes(), None) is not None,
            interrupted=interrupted,
        )
        # every build keeps the facts and labels of the graphs it writes as it writes them: a
        # first build consolidates from them instead of reading the store back, and a build that
        # only adds articles merges their reports into the events the store holds
        with FactRows(out) as rows:
            ingested = ingest(
                store,
                read_inputs(inputs),
                scratch=out,
                engine=engine,
                on_progress=on_progress,
                on_written=on_written,
                on_problem=on_problem,
                on_stage=on_stage,
                track_touched=plan.tracks_touched,
                rows=rows,
                rewrite_aliases=plan.rewrites_before_writing,
            )
            plan = plan.after_writing(ingested.replaced)
            on_stage("consolidating the articles with each other")
            scope = plan.scope(
                rows, ingested.touched, ingested.pairs, ingested.rewrites, ingested.unwritten
            )
            consolidation.consolidate(store, scope)
        store.flush()
        if ingested.articles - ingested.unchanged >= max(stored, 1) * COMPACT_AFTER_GROWTH:
            on_stage("compacting the store")
            store.compact()  # a big write leaves compaction that read-only openers never do
    return BuildReport(
        out,
        ingested.articles,
        ingested.unchanged,
        ingested.problems,
        facts_read=ingested.facts,
        quads_written=ingested.quads,
    )


def remove_article(store: EmbeddedStore, out: Path, article_id: str) -> int:
    """Remove an article's graph and consolidate what it named; returns how many quads went."""
    graph = rdf.article_iri(article_id)
    if not store.has_graph(graph):
        raise KgError(f"no article with id '{article_id}' in this graph", where=str(out))
    touched = store_source.entities_in(store, [graph.value])
    pairs = store_source.pairs_in(store, [graph.value])
    with consolidating(out) as interrupted:
        removed = store.drop_graph(graph)
        if interrupted:  # a killed build left entities unconsolidated that this one does not name
            consolidation.consolidate(store, consolidation.Everything())
        else:
            consolidation.consolidate(store, consolidation.Touched(touched, pairs=pairs))
    return removed


def mark_new_generation(out: Path) -> None:
    """Say that a build or removal has finished writing ``out`` (a new file each time, so that
    its inode changes even where timestamps are coarse)."""
    atomic_write(out / GENERATION_FILE, lambda f: f.write(f"{time.time_ns()}\n".encode()))


def stored_articles(store: EmbeddedStore) -> int:
    return sum(g.startswith(vocab.ARTICLE_BASE) for g in store.named_graphs())


def load_ontology(store: EmbeddedStore) -> None:
    """Put the shipped ontology in its own named graph (replacing an older version's)."""
    graph = pyoxigraph.NamedNode(vocab.ONTOLOGY_GRAPH)
    try:
        triples = list(pyoxigraph.parse(path=str(vocab.ONTOLOGY_FILE)))
    except (OSError, SyntaxError) as e:
        raise KgError(f"cannot read the ontology: {e}", where=str(vocab.ONTOLOGY_FILE)) from e
    store.replace_graph(
        graph,
        (
            pyoxigraph.Quad(t.subject, t.predicate, t.object, graph)
            for t in rdf.skolemized(triples, vocab.ONTOLOGY_GRAPH)
        ),
    )


def check_writable(out: Path) -> None:
    """Fail early, before anything is read, when the output directory cannot be written."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".kg-write-check"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as e:
        raise KgError(f"cannot write here: {e.strerror or e}", where=str(out)) from e


def _remove_interrupted_writes(out: Path) -> None:
    """Temp files a killed build left behind while writing graph.* or the generation marker
    (they never replace a file), and its scratch directories of rows and spooled articles."""
    for leftover in [*out.glob(f".{GRAPH_FILE}.*"), *out.glob(f".{GENERATION_FILE}.*")]:
        leftover.unlink(missing_ok=True)
    for scratch in [*out.glob(f"{SCRATCH_PREFIX}*"), *out.glob(f"{SPOOL_PREFIX}*")]:
        shutil.rmtree(scratch, ignore_errors=True)
