"""The SPARQL 1.1 Protocol endpoint (and the HTML view) over a built graph directory."""

from __future__ import annotations

import contextlib
import dataclasses
import hmac
import os
import threading
import time
from collections.abc import Callable, Hashable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from kg.builder.run import GENERATION_FILE
from kg.errors import KgError
from kg.knowledge_graph import HTML_FILE, STORE_DIR
from kg.serve.connections import HttpLimits, HttpServer
from kg.serve.evaluation import Outcome, QueryJob, UpdateJob
from kg.serve.messages import Request
from kg.serve.workers import Busy, Died, Result, WorkerPool
from kg.sparql_limits import QueryLimits, shape_problem
from kg.sparql_protocol import (
    LOAD_REFUSED,
    SERVICE_REFUSED,
    Response,
    message,
    request_parameter,
    uses_load,
    uses_service,
)

TOKEN_ENV = "KG_SERVE_TOKEN"  # the bearer token for updates; never taken on the command line
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30.0  # seconds
DEFAULT_MAX_ROWS = 10_000
DEFAULT_MEMORY_MIB = 1024  # per query worker
DEFAULT_WORKERS = min(8, max(4, os.cpu_count() or 1))
DEFAULT_CLIENT_TIMEOUT = HttpLimits.client_timeout
ENDPOINT_PATH = "/sparql"
VIEW_PATHS = ("/", "/view")
MAX_BODY_BYTES = HttpLimits.max_body_bytes  # bigger updates belong in `kg build`
STARTUP_SECONDS = 60.0  # for a worker to open the store (a writable one may rebuild its union)


class SparqlServer:
    """A SPARQL 1.1 Protocol endpoint at ``/sparql`` over a built graph, with its HTML view at ``/``.

    Queries mean what they mean in `kg query`: the default graph is the union of all graphs and
    the civ:, rdfs:, schema: ... prefixes are predeclared. A query past ``limits`` (size,
    nesting, chain length) is refused with 400 before the engine sees it; the others run in
    ``workers`` worker processes, so the engine crashing on one (503 or 500 to its client) never
    takes the server down. A query still running ``timeout`` seconds on is stopped (its worker
    killed and replaced) and answered 503, and one needing more than ``memory_mib`` MiB fails in
    its worker with 503. SELECT and CONSTRUCT answers hold at most ``max_rows`` solutions or
    triples (header ``X-Kg-Truncated: true`` when cut). Updates are refused unless
    ``allow_update`` is set, and then need ``Authorization: Bearer <token>``; one worker holds
    the store writable and runs them. A read-only server's workers reopen the store between
    queries once a build or removal has finished. ``port=0`` takes any free port (see ``url``);
    ``client_timeout`` bounds how long a client may take to send a request or take an answer.
    Use it as a context manager and call ``run()``, or ``serve_forever()`` in a thread and
    ``shutdown()`` from another.
    """

    def __init__(  # noqa: PLR0913
        self,
        directory: str | os.PathLike[str],
        *,
        host: str = DEFAULT_HOST,
        port: int = DEFAULT_PORT,
        timeout: float = DEFAULT_TIMEOUT,
        max_rows: int = DEFAULT_MAX_ROWS,
        allow_update: bool = False,
        token: str | None = None,
        workers: int | None = None,
        memory_mib: int = DEFAULT_MEMORY_MIB,
        limits: QueryLimits = QueryLimits(),  # noqa: B008  (frozen: one value shared is safe)
        client_timeout: float = DEFAULT_CLIENT_TIMEOUT,
        log: Callable[[str], None] | None = None,
    ) -> None:
        directory = Path(directory)
        if allow_update and not token:
            raise KgError(f"updates need a bearer token: set the {TOKEN_ENV} environment variable")
        if timeout <= 0 or max_rows < 1 or memory_mib < 1 or client_timeout <= 0:
            raise KgError("the timeouts, the row cap and the memory must be positive")
        if not (directory / STORE_DIR).is_dir():  # a writable open would create an empty store
            raise KgError("no store here (run 'kg build' first)", where=str(directory))
        self.directory = directory
        self.timeout = timeout
        self.max_rows = max_rows
        self.memory_mib = memory_mib
        self.limits = limits
        self.log = log
        self._token = token if allow_update else None
        self._marker = self._generation_on_disk()
        self._updates = 0  # a worker reopens the store when this or the marker changes
        self._counting = threading.Lock()
        self._http = HttpServer(
            host,
            port,
            self.answer,
            limits=HttpLimits(client_timeout=client_timeout, max_body_bytes=MAX_BODY_BYTES),
            log=log,
        )
        self._writer: WorkerPool | None = None
        self._queries: WorkerPool | None = None
        try:
            if allow_update:  # first, so that readers open what it may have upgraded
                self._writer = self._pool(size=1, writable=True)
            self._queries = self._pool(size=workers or DEFAULT_WORKERS, writable=False)
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> SparqlServer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def server_address(self) -> tuple:
        """The (host, port) listened on."""
        return self._http.server_address

    @property
    def url(self) -> str:
        """The endpoint's URL, with the port actually bound."""
        return self._base_url() + ENDPOINT_PATH

    @property
    def view_url(self) -> str:
        """The URL of the HTML view."""
        return self._base_url() + "/"

    def worker_pids(self) -> list[int]:
        """The process ids of the workers now running (queries, then the update worker)."""
        pools = (self._queries, self._writer)
        return [pid for pool in pools if pool is not None for pid in pool.pids()]

    def run(self) -> None:
        """Serve requests until Ctrl-C (or ``shutdown()`` from another thread)."""
        with contextlib.suppress(KeyboardInterrupt):  # how a terminal stops it: not an error
            self.serve_forever()

    def serve_forever(self) -> None:
        """Serve requests in this thread until ``shutdown()`` is called from another."""
        self._http.serve_forever()

    def shutdown(self) -> None:
        self._http.shutdown()

    def close(self) -> None:
        """Stop listening and stop the workers."""
        self._http.close()
        for pool in (self._queries, self._writer):
            if pool is not None:
                pool.close()

    def answer(self, request: Request) -> Response:
        """The answer to one HTTP request read whole."""
        url = urlsplit(request.head.target)
        if request.head.method == "GET":
            if url.path in VIEW_PATHS:
                return self.view()
            if url.path != ENDPOINT_PATH:
                return _not_found(url.path)
            params = parse_qs(url.query, keep_blank_values=True)
            if "update" in params:
                return message(405, "updates must be POSTed", ("Allow", "POST"))
            return self._query(params, request)
        if url.path != ENDPOINT_PATH:
            return _not_found(url.path)
        return self._answer_post(url.query, request)

    def answer_query(self, sparql: str, accept: str | None) -> Response:
        """Evaluate a query in a worker within the timeout, in the format ``accept`` likes best."""
        if uses_service(sparql):
            return message(400, SERVICE_REFUSED)
        problem = shape_problem(sparql, self.limits)
        if problem is not None:
            return message(400, f"query refused: {problem}")
        deadline = time.monotonic() + self.timeout
        job = QueryJob(sparql, accept, self.max_rows, deadline, self._generation())
        if self._queries is None:
            return message(503, "the server is closed")
        return self._answer_of(self._queries.run(job, deadline), "query")

    def answer_update(self, sparql: str, authorization: str | None) -> Response:
        """Apply an update if this server takes updates and ``authorization`` holds its token."""
        if self._token is None or self._writer is None:
            return message(
                403, f"read-only endpoint: updates need 'kg serve --allow-update' and {TOKEN_ENV}"
            )
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(
            token.strip().encode(), self._token.encode()
        ):
            return message(
                401,
                "updates need the server's token: 'Authorization: Bearer <token>'",
                ("WWW-Authenticate", 'Bearer realm="kg serve"'),
            )
        if uses_service(sparql):
            return message(400, SERVICE_REFUSED)
        if uses_load(sparql):
            return message(400, LOAD_REFUSED)
        problem = shape_problem(sparql, dataclasses.replace(self.limits, max_bytes=MAX_BODY_BYTES))
        if problem is not None:
            return message(400, f"update refused: {problem}")
        try:
            result = self._writer.run(UpdateJob(sparql), time.monotonic() + self.timeout)
        finally:
            with self._counting:  # so that the query workers reopen the store
                self._updates += 1
        return self._answer_of(result, "update")

    def view(self) -> Response:
        """The HTML view that `kg build` or `kg viz` wrote into the directory."""
        path = self.directory / HTML_FILE
        try:
            return Response(200, path.read_bytes(), "text/html; charset=utf-8")
        except FileNotFoundError:
            return message(404, f"no {HTML_FILE} here yet (write it with: kg viz {self.directory})")

    def _pool(self, *, size: int, writable: bool) -> WorkerPool:
        """Start workers and have one open the store: a KgError when it cannot."""
        pool = WorkerPool(
            self.directory,
            size=size,
            memory_bytes=self.memory_mib * 1024 * 1024,
            writable=writable,
            generation=self._generation,
        )
        checked = pool.check(STARTUP_SECONDS)
        if isinstance(checked, Response) and checked.status == 204:
            return pool
        pool.close()
        if isinstance(checked, Response):
            raise KgError(checked.body.decode("utf-8").strip())
        raise KgError(f"a worker could not open the store: {checked}", where=str(self.directory))

    def _answer_post(self, query_string: str, request: Request) -> Response:
        try:
            text = request.body.decode(request.headers.get_content_charset("utf-8"))
        except (LookupError, UnicodeDecodeError) as e:
            return message(400, f"cannot decode the request body: {e}")
        params = parse_qs(query_string, keep_blank_values=True)
        content_type = request.headers.get_content_type()
        if content_type == "application/sparql-query":
            return self._query({**params, "query": [text]}, request)
        if content_type == "application/sparql-update":
            return self._update({**params, "update": [text]}, request)
        if content_type == "application/x-www-form-urlencoded":
            form = parse_qs(text, keep_blank_values=True)
            if "query" in form and "update" in form:
                return message(400, "give either query= or update=, not both")
            if "update" in form:
                return self._update(form, request)
            return self._query(form, request)
        return message(
            415,
            "POST application/sparql-query, application/sparql-update or "
            "application/x-www-form-urlencoded",
        )

    def _query(self, params: dict[str, list[str]], request: Request) -> Response:
        sparql = request_parameter(params, "query")
        if isinstance(sparql, Response):
            return sparql
        return self.answer_query(sparql, request.headers.get("Accept"))

    def _update(self, params: dict[str, list[str]], request: Request) -> Response:
        sparql = request_parameter(params, "update")
        if isinstance(sparql, Response):
            return sparql
        return self.answer_update(sparql, request.headers.get("Authorization"))

    def _answer_of(self, result: Result, what: str) -> Response:
        """A worker's reply, or the answer saying why there is none."""
        if isinstance(result, Response):
            return result
        if self.log is not None and isinstance(result, Died):
            cause = result.signal or f"exit code {result.exitcode}"
            self.log(f"a {what} worker died ({cause}): another took its place")
        elif self.log is not None and isinstance(result, Outcome):
            self.log(f"a {what} was stopped: {result.value}")
        if isinstance(result, Busy):
            return message(503, f"every {what} worker is busy; try again later")
        if result is Outcome.TIMED_OUT:
            advice = (
                ": an update is one transaction, so it was applied whole or not at all"
                if what == "update"
                else "; narrow it down or add a LIMIT"
            )
            return message(
                503,
                f"{what} stopped after the {self.timeout:g} s timeout (kg serve --timeout){advice}",
            )
        memory = f"the {self.memory_mib} MiB a {what} may use (kg serve --memory)"
        if isinstance(result, Died):
            return self._died(result, what, memory)
        return message(503, f"{what} stopped: it needed more than {memory}")  # OUT_OF_MEMORY

    @staticmethod
    def _died(result: Died, what: str, memory: str) -> Response:
        if result.signal == "SIGABRT":  # how Oxigraph ends on a failed allocation
            return message(
                503, f"{what} stopped (SIGABRT): most likely it needed more than {memory}"
            )
        how = result.signal or f"exit code {result.exitcode}"
        return message(
            500,
            f"the query engine crashed on this {what} ({how}; the server goes on): most likely "
            "its stack ran out on deep nesting or a long chain; simplify the query",
        )

    def _generation(self) -> Hashable:
        """Which state of the store a new query should see: the marker a build or removal
        rewrites as its last step (one stat per query), and the updates made through here."""
        marker = self._generation_on_disk()
        if marker != self._marker:
            self._marker = marker
            if self.log is not None:
                self.log(f"reopening {self.directory}: a build or removal finished")
        return marker, self._updates

    def _generation_on_disk(self) -> tuple[int, int] | None:
        try:
            marker = (self.directory / GENERATION_FILE).stat()
        except FileNotFoundError:  # built before the marker existed, or by hand
            return None
        return marker.st_ino, marker.st_mtime_ns

    def _base_url(self) -> str:
        host, port = self.server_address[:2]  # host: an IP address, a str
        return f"http://{f'[{host}]' if ':' in host else host}:{port}"


def _not_found(path: str) -> Response:
    return message(404, f"nothing at {path}: queries go to {ENDPOINT_PATH}, the view is at /")
