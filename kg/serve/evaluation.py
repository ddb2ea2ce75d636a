"""What a worker process of `kg serve` does: open the store, then answer one job at a time.

The query engine runs here, never in the server: a query that overflows its stack (SIGSEGV) or
its memory takes down this process alone, and the server starts another (``kg.serve.workers``).
Each job is evaluated on a thread with a deep stack (``kg.deep_stack``); the process's address
space is capped at what it held once the store was open plus its memory budget, so a query that
wants more fails here (Oxigraph aborts on a failed allocation) instead of taking the machine's
memory. The main thread only waits on the server's connection: when the server goes away, the
worker exits, even in the middle of a query.
"""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import sys
import threading
from collections.abc import Hashable
from dataclasses import dataclass
from enum import Enum
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph
from pyoxigraph import QueryBoolean, QuerySolutions

from kg import vocab
from kg.deep_stack import STACK_BYTES
from kg.errors import KgError
from kg.knowledge_graph import KnowledgeGraph
from kg.sparql_protocol import (
    GRAPH_MEDIA_TYPES,
    RESULTS_MEDIA_TYPES,
    PastDeadline,
    Response,
    first_items,
    media,
    message,
    not_acceptable,
    preferred_format,
    solutions_of,
)

TRUNCATED_HEADER = "X-Kg-Truncated"  # "true" when --max-rows cut the results short


class Outcome(Enum):
    """A job that ended without an answer of its own: the server words it."""

    TIMED_OUT = "timed out"
    OUT_OF_MEMORY = "out of memory"


Reply = Response | Outcome


class Graph:
    """The worker's graph, opened once, and again (read-only) when the job's generation says a
    build, a removal or an update has changed the store since."""

    def __init__(self, directory: Path, *, writable: bool) -> None:
        self.directory = directory
        self.writable = writable
        self._graph: KnowledgeGraph | None = None
        self._generation: Hashable = None

    def at(self, generation: Hashable) -> KnowledgeGraph:
        stale = not self.writable and generation != self._generation
        if self._graph is None or stale:
            self._graph = None  # the old store closes before the new one opens
            self._graph = KnowledgeGraph.open(self.directory, read_only=not self.writable)
            self._generation = generation
        return self._graph


@dataclass(frozen=True)
class Ping:
    """Open the graph, and say whether it opened."""

    generation: Hashable = None

    def answer(self, graph: Graph) -> Reply:
        graph.at(self.generation)
        return Response(204, content_type=None)


@dataclass(frozen=True)
class QueryJob:
    """A SPARQL query, answered in the format ``accept`` likes best, with at most ``max_rows``
    solutions or triples, given up at ``deadline`` (``time.monotonic()``, which every process of
    the machine shares)."""

    sparql: str
    accept: str | None
    max_rows: int
    deadline: float
    generation: Hashable = None

    def answer(self, graph: Graph) -> Reply:
        results_format = preferred_format(self.accept, RESULTS_MEDIA_TYPES)
        graph_format = preferred_format(self.accept, GRAPH_MEDIA_TYPES)
        try:
            results = graph.at(self.generation).sparql(self.sparql, limits=None)  # checked
        except KgError as e:
            if isinstance(e.__cause__, SyntaxError):  # the parser's own words, all lines of them
                return message(400, f"SPARQL syntax error: {e.__cause__}")
            return message(503, f"cannot answer from the store: {e}")
        try:
            if isinstance(results, QueryBoolean | QuerySolutions) and results_format is None:
                return not_acceptable(RESULTS_MEDIA_TYPES)
            # (serialize with no output file returns bytes; the format was checked just above)
            if isinstance(results, QueryBoolean):
                body = results.serialize(format=results_format)
                return Response(200, body, media(results_format))  # type: ignore[arg-type]
            if isinstance(results, QuerySolutions):
                variables = results.variables
                rows, truncated = first_items(results, self.max_rows, self.deadline)
                body = solutions_of(variables, rows).serialize(format=results_format)
                return _results(body, media(results_format), truncated)  # type: ignore[arg-type]
            if graph_format is None:
                return not_acceptable(GRAPH_MEDIA_TYPES)
            triples, truncated = first_items(results, self.max_rows, self.deadline)
            prefixes = dict(vocab.PREFIXES)
            body = pyoxigraph.serialize(triples, format=graph_format, prefixes=prefixes)
            return _results(body, media(graph_format), truncated)  # type: ignore[arg-type]
        except PastDeadline:
            return Outcome.TIMED_OUT


@dataclass(frozen=True)
class UpdateJob:
    """A SPARQL update, run by the one worker that holds the store writable."""

    sparql: str

    def answer(self, graph: Graph) -> Reply:
        try:
            graph.at(None).store.run_user_update(self.sparql)
        except SyntaxError as e:
            return message(400, f"SPARQL syntax error: {e}")
        except OSError as e:
            return message(500, f"update failed: {e}")
        return Response(204, content_type=None)


Job = Ping | QueryJob | UpdateJob


def serve_jobs(
    connection: Connection,
    directory: str,
    *,
    memory_bytes: int,
    writable: bool,
    generation: Hashable,
) -> None:
    """The worker process: open the graph as of ``generation``, then answer each job the
    connection brings with ``(reply, goes_on)``; ``goes_on`` False means this process is about
    to exit and needs replacing."""
    # Ctrl-C in a terminal reaches every process of the server: the server stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    jobs: queue.SimpleQueue[Job | None] = queue.SimpleQueue()
    graph = Graph(Path(directory), writable=writable)
    opened = threading.Event()
    previous = threading.stack_size(STACK_BYTES)
    evaluator = threading.Thread(
        target=_evaluate,
        args=(connection, jobs, graph, generation, opened),
        name="evaluator",
        daemon=True,
    )
    evaluator.start()
    threading.stack_size(previous)
    opened.wait()
    _cap_address_space(memory_bytes)
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):  # the server is gone, or closed this worker
            break
        jobs.put(job)
    jobs.put(None)
    evaluator.join(timeout=2)  # a writable store closes cleanly, unless a job still runs
    os._exit(0)


def _evaluate(
    connection: Connection,
    jobs: queue.SimpleQueue,
    graph: Graph,
    generation: Hashable,
    opened: threading.Event,
) -> None:
    # Opened before the memory cap, which then leaves the store's own mappings out; should it
    # fail, each job tries again and says why it could not.
    with contextlib.suppress(KgError):
        graph.at(generation)
    opened.set()
    while (job := jobs.get()) is not None:
        goes_on = True
        try:
            reply = job.answer(graph)
        except KgError as e:
            reply = message(503, f"cannot open the store: {e}")
        except MemoryError:
            reply, goes_on = Outcome.OUT_OF_MEMORY, False
        except Exception as e:  # an OSError from the store mid-way, say: the worker goes on
            reply = message(500, f"query failed: {type(e).__name__}: {e}")
        except BaseException as e:  # a panic in the engine: its state is unknown, so stop here
            reply, goes_on = (
                message(500, f"the query engine failed: {type(e).__name__}: {e}"),
                False,
            )
        try:
            connection.send((reply, goes_on))
        except OSError:
            os._exit(0)  # the server is gone
        if not goes_on:
            os._exit(70)


def _cap_address_space(memory_bytes: int) -> None:
    """Let this process map at most ``memory_bytes`` beyond what it holds now (Linux; elsewhere
    only the timeout bounds a query)."""
    if not sys.platform.startswith("linux"):
        return
    import resource  # (POSIX only)

    with open("/proc/self/statm", encoding="ascii") as statm:
        now = int(statm.read().split()[0]) * resource.getpagesize()
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = now + memory_bytes
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def _results(body: bytes, media_type: str, truncated: bool) -> Response:
    return Response(
        200,
        body,
        media_type,
        ((TRUNCATED_HEADER, "true" if truncated else "false"), ("Vary", "Accept")),
    )
