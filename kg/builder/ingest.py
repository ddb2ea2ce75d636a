"""Ingest a stream of articles: skip the unchanged, extract the rest with an engine, write in groups.

Nothing here holds the corpus: articles are read and prepared a batch at a time and spooled to
disk, then written a group of about ``WRITE_LINES`` lines of N-Quads at a time, each group one
atomic write of whole article graphs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from pyoxigraph import NamedNode, Quad

from kg import vocab
from kg.builder import workers as engines
from kg.builder.spool import Spool
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
    unwritten: int = 0  # articles extracted whose write to the store failed
    # the entity IRIs replaced in the text written (an alias written alone -> the entity it
    # names), with ``rewrite_aliases``
    rewrites: dict[str, str] = field(default_factory=dict)


# Lines of N-Quads written to the store at once, in whole article graphs (about 300 synthetic
# articles). Each write adds sorted files that RocksDB merges in the background; fewer, bigger
# writes cost it less merging, and back to back (the articles are spooled while they are
# extracted) less than between pauses for extraction: loading 10,000 articles 64 at a time with
# a pause for extraction between took 7.7 ms of CPU per article, 256 at a time 5.6 ms, all at
# once 4.3 ms. The bulk loader takes ~0.7 KB a line while it runs: 100,000 lines add ~70 MB to
# the peak RSS.
WRITE_LINES = 100_000
# civ:sourceFile triples of unchanged articles found at another path, updated in one SPARQL update
# (a renamed JSON-lines file of 100,000 articles: 100 updates, not 100,000)
SOURCE_FILE_UPDATES = 1_000
PROGRESS_EVERY = 64  # articles extracted between two calls of ``on_progress``


def ingest(  # noqa: PLR0913
    store: EmbeddedStore,
    items: Iterable[Article | Problem],
    *,
    scratch: Path | None = None,
    engine: engines.Engine = engines.LOCAL,
    on_progress: Callable[[int, int], None] | None = None,
    on_written: Callable[[int, int], None] | None = None,
    on_problem: Callable[[Problem], None] | None = None,
    on_stage: Callable[[str], None] = lambda what: None,
    track_touched: bool = True,
    rows: FactRows | None = None,
    rewrite_aliases: bool = False,
) -> IngestReport:
    """Write every new or changed article of ``items`` to ``store``; report problems as they come.

    Articles are extracted first, their text spooled to a scratch directory under ``scratch``
    (None: the system's temporary directory), then written to the store group after group
    (``on_stage`` says when). ``on_progress(articles, facts)`` is called as articles are
    extracted, ``on_written(articles, of)`` after each group is written. With ``track_touched``
    the report lists the entities of the graphs written or replaced, and the (agent,
    counterpart) of their facts (what a consolidation must look at), and how many graphs were
    replaced; a build that consolidates everything anyway skips it. ``rows`` keeps the facts and labels of every graph written (a
    first build consolidates from them; a build that only adds articles merges their facts into
    the stored events). With ``rewrite_aliases`` (a first build, whose ``rows`` are every
    article the store will hold) the IRI of an organisation or place written alone as another's
    alias is replaced by that entity's in the text before it is written (``FactRows.
    iri_rewrites``; ``IngestReport.rewrites``), instead of in the store after it: those
    statements are written once.
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

    with Spool(scratch, WRITE_LINES) as spool:
        prepared = engines.run(changed(), engine)
        _spool(store, prepared, spool, report, problem, on_progress, track_touched, rows)
        n = spool.articles
        naming: dict[str, list[str]] = {}
        if rewrite_aliases and rows is not None:
            report.rewrites = rows.iri_rewrites()
            naming = rows.graphs_naming(report.rewrites)
        if n:
            on_stage(f"writing {n} article{'s' if n != 1 else ''} to the store")
        _write(store, spool, report, problem, on_written, rows, naming)
    return report


def _spool(
    store: EmbeddedStore,
    prepared: Iterable[engines.Prepared],
    spool: Spool,
    report: IngestReport,
    problem: Callable[[Problem], None],
    on_progress: Callable[[int, int], None] | None,
    track_touched: bool,
    rows: FactRows | None,
) -> None:
    """Spool each prepared article, keep its rows, and note what it touches (and, for a graph
    the store has, what its old version named, read before it is written over)."""
    replaced: list[str] = []
    extracted = facts = 0
    for p in prepared:
        if p.problem is not None:
            problem(p.problem)
            continue
        graph = rdf.article_iri(p.article_id).value
        spool.add(p)
        if rows is not None:
            rows.add(graph, p.fact_rows, p.label_rows, p.alias_rows)
        if track_touched:
            if store.has_graph(NamedNode(graph)):
                replaced.append(graph)
            report.touched |= {entity for entity, _ in p.label_rows}
            report.pairs |= {(s, o) for _, _, s, o, _ in p.fact_rows}
        extracted, facts = extracted + 1, facts + p.facts
        if on_progress and extracted % PROGRESS_EVERY == 0:
            on_progress(report.unchanged + extracted, facts)
    if on_progress:
        on_progress(report.unchanged + extracted, facts)
    if replaced:
        report.replaced = len(replaced)
        report.touched |= entities_in(store, replaced)
        report.pairs |= pairs_in(store, replaced)


def _write(
    store: EmbeddedStore,
    spool: Spool,
    report: IngestReport,
    problem: Callable[[Problem], None],
    on_written: Callable[[int, int], None] | None,
    rows: FactRows | None,
    naming: dict[str, list[str]],
) -> None:
    """Write the spooled articles a group at a time, back to back; a group that fails to be
    written is a problem of each of its articles, whose rows are forgotten. ``naming``: the
    graphs that name an IRI of ``report.rewrites``, with the ones each names."""
    written = 0
    for group in spool.groups():
        graphs = [rdf.article_iri(p.article_id).value for p in group]
        if naming:
            group = [
                _rewritten(p, naming.get(g), report.rewrites)
                for g, p in zip(graphs, group, strict=True)
            ]
        try:
            store.write_graphs((g, p.nquads, p.named) for g, p in zip(graphs, group, strict=True))
        except KgError as e:
            for p in group:
                problem(p.problem_with(e.message))
            report.unwritten += len(group)
            if rows is not None:
                rows.discard(graphs)
            continue
        written += len(group)
        report.articles += len(group)
        report.facts += sum(p.facts for p in group)
        report.quads += sum(p.statements for p in group)
        if on_written:
            on_written(written, spool.articles)


def _rewritten(
    p: engines.Prepared, olds: list[str] | None, rewrites: dict[str, str]
) -> engines.Prepared:
    """The prepared article with the ``olds`` IRIs it names rewritten in its text."""
    if not olds:
        return p
    return replace(p, nquads=rdf.rewritten_text(p.nquads.decode(), olds, rewrites).encode())


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
