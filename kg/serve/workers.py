"""The worker processes `kg serve` evaluates in: a fixed number, each replaced when it dies or
is stopped.

A job waits for an idle worker until its deadline (then: busy). A worker past the deadline is
killed, which is what stops Oxigraph mid-query and gives its CPU and memory back; a worker that
dies on a job (SIGSEGV from a stack overflow, SIGABRT from a failed allocation) is reaped. Either
way a new one takes its place at once, so the pool keeps its size whatever the queries do.
Workers come from a fork server that has imported the engine already, so a new one is ready in
about 0.1 s (a fresh interpreter takes 0.3-0.5 s to import it).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import queue
import signal
import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.context import ForkServerContext, SpawnContext
from multiprocessing.process import BaseProcess
from pathlib import Path

from kg.serve import evaluation
from kg.serve.evaluation import Job, Outcome, Ping, Reply

# A worker stops by itself at the deadline between two solutions; one stuck inside a single
# step (a sort, a count) is killed once this much more has passed.
GRACE_SECONDS = 0.2


def _start_method() -> ForkServerContext | SpawnContext:
    """A fork server where there is one (not on Windows): a new worker is then a fork of a
    process that has imported the engine already."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


_CONTEXT = _start_method()


@dataclass(frozen=True)
class Busy:
    """No worker came free before the job's deadline."""


@dataclass(frozen=True)
class Died:
    """The worker died on the job, of ``signal`` (a name such as SIGSEGV) or with ``exitcode``."""

    signal: str | None
    exitcode: int | None


Result = Reply | Busy | Died


@dataclass(eq=False)  # each worker is itself: hashed by identity
class _Worker:
    process: BaseProcess
    connection: Connection


class WorkerPool:
    """``size`` worker processes over the graph in ``directory``, read-only unless ``writable``
    (then there should be one: it holds the store's lock). ``generation()`` says which state of
    the store a new job should see; a worker reopens the store when it changes."""

    def __init__(
        self,
        directory: Path,
        *,
        size: int,
        memory_bytes: int,
        writable: bool = False,
        generation: Callable[[], Hashable] = lambda: None,
    ) -> None:
        # The fork server imports the engine once; it must be told before it starts. (With
        # "__main__" preloaded, a new worker need not import the server's main module again.)
        if isinstance(_CONTEXT, ForkServerContext):
            _CONTEXT.set_forkserver_preload(["__main__", evaluation.__name__])
        self._directory = directory
        self._memory_bytes = memory_bytes
        self._writable = writable
        self._generation = generation
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._live: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(size):
            self._idle.put(self._start())

    def run(self, job: Job, deadline: float) -> Result:
        """The worker's reply to ``job``, or why there is none; ``deadline`` is a
        ``time.monotonic()`` time."""
        try:
            worker = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            return Busy()
        if not worker.process.is_alive():  # killed from outside while it waited
            worker = self._replace(worker)
        result: Result = Outcome.TIMED_OUT
        goes_on = False
        try:
            worker.connection.send(job)
            if worker.connection.poll(max(0.0, deadline + GRACE_SECONDS - time.monotonic())):
                result, goes_on = worker.connection.recv()
        except (EOFError, OSError):  # it died: its exit code says how
            result = self._reap(worker)
        finally:
            self._idle.put(worker if goes_on else self._replace(worker))
        return result

    def check(self, timeout: float) -> Result:
        """Have a worker open the store: 204, or the 503 saying why it cannot."""
        return self.run(Ping(self._generation()), time.monotonic() + timeout)

    def pids(self) -> list[int]:
        """The process ids of the workers now running."""
        with self._lock:
            return sorted(w.process.pid for w in self._live if w.process.pid is not None)

    def close(self) -> None:
        """Stop every worker: idle ones close the store cleanly, busy ones are killed."""
        with self._lock:
            self._closed = True
            workers = list(self._live)
        for worker in workers:
            worker.connection.close()  # an idle worker reads the end and exits
        for worker in workers:
            worker.process.join(timeout=3)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()

    def _start(self) -> _Worker:
        parent_end, child_end = _CONTEXT.Pipe()
        process = _CONTEXT.Process(
            target=evaluation.serve_jobs,
            args=(child_end, str(self._directory)),
            kwargs={
                "memory_bytes": self._memory_bytes,
                "writable": self._writable,
                "generation": self._generation(),
            },
            name="kg-serve-worker",
            daemon=True,  # multiprocessing stops it if the server exits without closing the pool
        )
        process.start()
        child_end.close()
        worker = _Worker(process, parent_end)
        with self._lock:
            self._live.add(worker)
        return worker

    def _replace(self, worker: _Worker) -> _Worker:
        """Kill a worker (if it still runs) and start another in its place."""
        with contextlib.suppress(OSError):
            worker.process.kill()
        worker.process.join()
        worker.connection.close()
        with self._lock:
            self._live.discard(worker)
            if self._closed:
                return worker  # closing: nothing takes a job any more
        return self._start()

    def _reap(self, worker: _Worker) -> Died:
        worker.process.join(timeout=5)
        code = worker.process.exitcode
        if code is not None and code < 0:
            return Died(signal.Signals(-code).name, None)
        return Died(None, code)
