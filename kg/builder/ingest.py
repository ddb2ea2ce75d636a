"""Ingest a stream of articles: skip the unchanged, extract the rest with an engine, write in groups.

Nothing here holds the corpus: articles are read and prepared a batch at a time and written a
group of about ``WRITE_TRIPLES`` triples at a time, each group one atomic write of whole article
graphs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from operator import attrgetter

from pyoxigraph import Quad

from kg import vocab
from kg.builder import workers as engines
from kg.consolidate.scratch_rows import FactRows
from kg.consolidate.store_source import entities_in, pairs_in
from kg.errors import KgError
from kg.extract.pipeline import EXTRACTOR_VERSION
from kg.model import Article, Problem
from kg.rdf import encode as rdf
from kg.store.embedded import EmbeddedStore, change_quads_operations


@dataclass
class IngestReport:
    """How many articles were written, how many needed no work, their facts, and what failed."""

    articles: int = 0
    unchanged: int = 0  # not extracted again (those read from another file: civ:sourceFile updated)
    facts: int = 0
    quads: int = 0  # in the article graphs written
    problems: list[Problem] = field(default_factory=list)
    # the entities of the graphs written or replaced, and their facts' (agent, counterpart)
    touched: set[str] = field(default_factory=set)
    pairs: set[tuple[str, str]] = field(default_factory=set)
    replaced: int = 0  # graphs that were in the store and were written again


# Triples of new article graphs written to the store at once (about 225 synthetic articles; with
# the union's copy, twice as many lines go to the bulk loader, which takes ~0.7 KB a line while it
# runs). Each write adds sorted files that RocksDB merges in the background; fewer, bigger writes
# cost it less merging: loading 10,000 articles 64 at a time with a pause for extraction between
# took 7.7 ms of CPU per article, 256 at a time 5.6 ms, all at once 4.3 ms. In builds of 10,000
# articles, 100,000 triples at a time raised the peak RSS by 100 MiB (200 MiB with two workers)
# over 50,000 and was no faster; 25,000 was no faster either.
WRITE_TRIPLES = 50_000
# civ:sourceFile triples of unchanged articles found at another path, updated in one SPARQL update
# (a renamed JSON-lines file of 100,000 articles: 100 updates, not 100,000)
SOURCE_FILE_UPDATES = 1_000


def write_groups(
    prepared: Iterable, triples: int, size_of: Callable[[object], int] = attrgetter("triples")
) -> Iterator[list]:
    """Consecutive lists of prepared articles (or anything ``size_of`` measures in triples)
    holding about ``triples`` triples, at least one item each."""
    group: list = []
    size = 0
    for p in prepared:
        group.append(p)
        size += size_of(p)
        if size >= triples:
            yield group
            group, size = [], 0
    if group:
        yield group


def ingest(  # noqa: C901
    store: EmbeddedStore,
    items: Iterable[Article | Problem],
    *,
    engine: engines.Engine = engines.LOCAL,
    on_progress: Callable[[int, int], None] | None = None,
    on_problem: Callable[[Problem], None] | None = None,
    track_touched: bool = True,
    rows: FactRows | None = None,
) -> IngestReport:
    """Write every new or changed article of ``items`` to ``store``; report problems as they come.

    ``on_progress(articles, facts)`` is called after each batch is committed. With
    ``track_touched`` the report lists the entities of the graphs written or replaced, and the
    (agent, counterpart) of their facts (what a consolidation must look at), and how many graphs
    were replaced; a build that consolidates everything anyway skips it. ``rows`` keeps the facts
    and labels of every graph written (a first build consolidates from them; a build that only
    adds articles merges their facts into the stored events).
    """
    report = IngestReport()

    def problem(p: Problem) -> None:
        report.problems.append(p)
        if on_problem:
            on_problem(p)

    source_files = _SourceFiles(store, report)

    def changed() -> Iterator[tuple[Article, str]]:
        for item in items:
            if isinstance(item, Problem):
                problem(item)
                continue
            digest = rdf.content_hash(item, EXTRACTOR_VERSION)
            if store.contains(rdf.content_hash_quad(item.id, digest)):
                report.unchanged += 1
                report.articles += 1
                source_files.follow(item)
                continue
            yield item, digest
        source_files.update()

    prepared = engines.run(changed(), engine)
    for batch in write_groups(prepared, WRITE_TRIPLES):
        good = [p for p in batch if p.problem is None]
        for p in batch:
            if p.problem is not None:
                problem(p.problem)
        graphs = [rdf.article_iri(p.article_id) for p in good]
        if track_touched:  # what the old versions named
            replaced = [g.value for g in graphs if store.has_graph(g)]
            report.replaced += len(replaced)
            report.touched |= entities_in(store, replaced)
            report.pairs |= pairs_in(store, replaced)
        try:
            store.write_graphs(zip(graphs, (p.ntriples for p in good), strict=True))
        except KgError as e:
            for p in good:
                problem(p.problem_with(e.message))
            continue
        if track_touched:
            report.touched |= entities_in(store, [g.value for g in graphs])
            report.pairs |= {(s, o) for p in good for _, _, s, o, _ in p.fact_rows}
        if rows is not None:
            for graph, p in zip(graphs, good, strict=True):
                rows.add(graph.value, p.fact_rows, p.label_rows)
        report.articles += len(good)
        report.facts += sum(p.facts for p in good)
        report.quads += sum(p.triples for p in good)
        if on_progress:
            on_progress(report.articles, report.facts)
    return report


class _SourceFiles:
    """The ``civ:sourceFile`` of unchanged articles read from another file than the stored one
    (the same ids, another name or folder), updated a group at a time: the graph is not
    extracted and written again for one triple."""

    def __init__(self, store: EmbeddedStore, report: IngestReport) -> None:
        self._store = store
        self._report = report
        self._stale: list[Quad] = []
        self._fresh: list[Quad] = []

    def follow(self, article: Article) -> None:
        graph = rdf.article_iri(article.id)
        stored = list(self._store.quads(graph, rdf.civ(vocab.SOURCE_FILE), None, graph))
        now = rdf.source_file_quads(article)
        if stored != now:
            self._stale.extend(stored)
            self._fresh.extend(now)
            if len(self._stale) + len(self._fresh) >= SOURCE_FILE_UPDATES:
                self.update()

    def update(self) -> None:
        self._store.update(change_quads_operations(self._stale, self._fresh))
        self._report.quads += len(self._fresh)
        self._stale.clear()
        self._fresh.clear()
