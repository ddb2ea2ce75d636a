"""Where extraction runs: the same pure per-article work here, in N local processes, or on Dask.

Every engine turns a stream of articles into a stream of ``Prepared`` graphs in input order, so
the store written from them, and every IRI in it, is the same whichever engine ran. Each keeps a
bounded window of articles in flight, so memory does not grow with the corpus.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from kg.consolidate import scratch_rows as factrows
from kg.errors import KgError
from kg.extract.pipeline import EXTRACTOR_VERSION, extract
from kg.iteration import batches
from kg.model import Article, Problem
from kg.rdf import encode as rdf

ENGINES = ("local", "dask")
BATCH = 64  # articles per task: big enough to pay for the trip to a worker, small enough to stream


@dataclass(frozen=True)
class Engine:
    """Where extraction runs: ``kind`` "local" (``workers`` processes; with one, this process) or
    "dask" (the cluster at ``scheduler``, or a local one of ``workers`` workers).

    >>> Engine("dask", workers=2).kind
    'dask'
    """

    kind: str = "local"
    workers: int = 1
    scheduler: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in ENGINES:
            raise KgError(f"unknown engine '{self.kind}' (use one of: {', '.join(ENGINES)})")


@dataclass(frozen=True)
class Prepared:
    """One article ready for the store: its statements as N-Quads, UTF-8 encoded once here for
    the spool and the bulk loader (``kg.rdf.encode.ArticleText``: the first ``named`` lines its
    named graph's), and the rows a first build
    consolidates from (``kg.consolidate.scratch_rows``), or a problem. ``where`` and ``line``:
    the file (or the id, when it came from none) and line it was read from."""

    article_id: str
    where: str
    digest: str
    nquads: bytes = b""
    named: int = 0
    statements: int = 0  # the named graph's and the own nodes' (the union's copies not counted)
    facts: int = 0
    problem: Problem | None = None
    fact_rows: tuple[factrows.FactRow, ...] = ()
    label_rows: tuple[factrows.LabelRow, ...] = ()
    alias_rows: tuple[factrows.AliasRow, ...] = ()
    line: int | None = None

    @property
    def lines(self) -> int:
        """The lines of N-Quads the bulk loader reads for it: the named graph's twice (in the
        graph and in the union), the own nodes' once."""
        return self.named + self.statements

    def problem_with(self, message: str) -> Problem:
        """A problem of this article (a failed write, say), naming it and where it was read."""
        return Problem(self.where, message, article=self.article_id, line=self.line)


LOCAL = Engine()  # extraction in this process


def prepare(article: Article, digest: str | None = None) -> Prepared:
    """Extract one article and encode its statements; an extractor failure becomes a problem.

    >>> p = prepare(Article("a1", "Kula Belediyesi, Gediz Derneği'ni ziyaret etti."))
    >>> p.problem is None and p.facts >= 1 and p.lines == p.nquads.count(b"\\n")
    True
    """
    digest = digest or rdf.content_hash(article, EXTRACTOR_VERSION)
    where = article.source or article.id
    try:
        extraction = extract(article)
        text = rdf.extraction_text(extraction, extractor_version=EXTRACTOR_VERSION, digest=digest)
        # text the store cannot take (a lone surrogate) fails here, this article only
        nquads = text.nquads.encode()
        fact_rows, label_rows, alias_rows = factrows.rows_of(text, article.date)
    except Exception as e:  # an extractor bug must not stop a corpus build: report it
        return Prepared(
            article.id, where, digest, problem=extraction_problem(article, e), line=article.line
        )
    return Prepared(
        article.id,
        where,
        digest,
        nquads,
        text.named,
        text.statements,
        len(extraction.facts),
        fact_rows=fact_rows,
        label_rows=label_rows,
        alias_rows=alias_rows,
        line=article.line,
    )


def extraction_problem(article: Article, error: Exception) -> Problem:
    """The problem an article whose extraction raised ``error`` is: its file, line and id, the
    error, and its traceback (formatted here: a worker's traceback cannot travel otherwise).

    Call it in the ``except`` block that caught ``error``.
    """
    return Problem(
        article.source or article.id,
        f"extraction failed: {type(error).__name__}: {error}",
        article=article.id,
        line=article.line,
        traceback=traceback.format_exc(),
    )


def prepare_batch(batch: list[tuple[Article, str]]) -> list[Prepared]:
    """``prepare`` over a batch of (article, digest): the unit of work sent to a worker."""
    return [prepare(article, digest) for article, digest in batch]


def run(articles: Iterable[tuple[Article, str]], engine: Engine = LOCAL) -> Iterator[Prepared]:
    """Prepare every (article, digest) in order with the chosen engine."""
    work = batches(articles, BATCH)
    if engine.kind == "dask":
        results = _on_dask(work, scheduler=engine.scheduler, workers=engine.workers)
    elif engine.workers > 1:
        results = _in_processes(work, engine.workers)
    else:
        results = map(prepare_batch, work)
    for batch in results:
        yield from batch


def _in_processes(work: Iterator[list], workers: int) -> Iterator[list[Prepared]]:
    # forkserver: workers fork from a clean server process, never from this one, whose store
    # runs threads of its own; each worker loads the Turkish data once.
    context = multiprocessing.get_context("forkserver")
    with context.Pool(workers) as pool:
        submit = lambda b: pool.apply_async(prepare_batch, (b,))  # noqa: E731
        yield from _windowed(work, submit, lambda task: task.get(), workers)


def _on_dask(
    work: Iterator[list], *, scheduler: str | None, workers: int
) -> Iterator[list[Prepared]]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as e:
        from kg.errors import KgError

        raise KgError("the dask engine needs dask.distributed: pip install 'civic-kg[dask]'") from e
    if scheduler:
        client, cluster = Client(scheduler), None
    else:
        cluster = LocalCluster(
            n_workers=max(workers, 1),
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            host="127.0.0.1",
        )
        client = Client(cluster)
    try:
        n = max(workers, len(client.scheduler_info().get("workers", {})), 1)
        submit = lambda b: client.submit(prepare_batch, b, pure=False)  # noqa: E731
        yield from _windowed(work, submit, lambda future: future.result(), n)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _windowed(work: Iterator[list], submit, collect, workers: int) -> Iterator[list[Prepared]]:
    """``collect(submit(batch))`` in input order, with at most 2 batches per worker in flight."""
    pending: deque = deque()
    for batch in work:
        pending.append(submit(batch))
        if len(pending) >= 2 * workers:
            yield collect(pending.popleft())
    while pending:
        yield collect(pending.popleft())
