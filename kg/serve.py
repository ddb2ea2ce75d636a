"""A SPARQL 1.1 Protocol endpoint (and the HTML view) over a built graph directory: `kg serve`."""

from __future__ import annotations

import concurrent.futures
import contextlib
import hmac
import os
import socket
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyoxigraph
from pyoxigraph import QueryBoolean, QuerySolutions

from kg import vocab
from kg.builder.run import GENERATION_FILE
from kg.errors import KgError
from kg.knowledge_graph import HTML_FILE, STORE_DIR, KnowledgeGraph
from kg.sparql_protocol import (
    GRAPH_MEDIA_TYPES,
    LOAD_REFUSED,
    RESULTS_MEDIA_TYPES,
    SERVICE_REFUSED,
    PastDeadline,
    Response,
    first_items,
    media,
    message,
    not_acceptable,
    preferred_format,
    request_parameter,
    solutions_of,
    uses_load,
    uses_service,
)

TOKEN_ENV = "KG_SERVE_TOKEN"  # the bearer token for updates; never taken on the command line
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30.0  # seconds
DEFAULT_MAX_ROWS = 10_000
ENDPOINT_PATH = "/sparql"
VIEW_PATHS = ("/", "/view")
TRUNCATED_HEADER = "X-Kg-Truncated"  # "true" when --max-rows cut the results short
MAX_BODY_BYTES = 16 * 1024 * 1024  # bigger updates belong in `kg build`


class SparqlServer(ThreadingHTTPServer):
    """A SPARQL 1.1 Protocol endpoint at ``/sparql`` over a built graph, with its HTML view at ``/``.

    Queries mean what they mean in `kg query`: the default graph is the union of all graphs and
    the civ:, rdfs:, schema: ... prefixes are predeclared. Each query is evaluated in a worker
    thread and answered 503 once ``timeout`` seconds have passed; SELECT and CONSTRUCT answers
    hold at most ``max_rows`` solutions or triples (header ``X-Kg-Truncated: true`` when cut).
    Updates are refused unless ``allow_update`` is set, and then need ``Authorization: Bearer
    <token>``. A read-only server reopens the store between queries once a build or removal
    has finished. ``port=0`` takes any free port (see ``url``). Use it as a context manager and
    call ``run()``, or ``serve_forever()`` in a thread and ``shutdown()`` from another.
    """

    daemon_threads = True  # Ctrl-C does not wait for open connections
    request_queue_size = 128  # many clients connecting at once must not be refused

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
        log: Callable[[str], None] | None = None,
    ) -> None:
        directory = Path(directory)
        if allow_update and not token:
            raise KgError(f"updates need a bearer token: set the {TOKEN_ENV} environment variable")
        if timeout <= 0 or max_rows < 1:
            raise KgError("the timeout and the row cap must be positive")
        if not (directory / STORE_DIR).is_dir():  # a writable open would create an empty store
            raise KgError("no store here (run 'kg build' first)", where=str(directory))
        self.directory = directory
        self._read_only = not allow_update
        self._generation = self._generation_on_disk()  # read before opening: see _current_graph
        self.graph = KnowledgeGraph.open(directory, read_only=self._read_only)
        self._reopening = threading.Lock()
        self.timeout: float = timeout  # never None, unlike socketserver's
        self.max_rows = max_rows
        self.log = log
        self._token = token if allow_update else None
        # Bounds the evaluations running at once, those past their timeout included (Oxigraph
        # cannot stop them), so runaway queries cannot take every core.
        self._workers = threading.BoundedSemaphore(workers or max(4, os.cpu_count() or 1))
        self._one_update_at_a_time = threading.Lock()
        if ":" in host:
            self.address_family = socket.AF_INET6
        try:
            super().__init__((host, port), _Handler)
        except OSError as e:
            raise KgError(f"cannot listen on {host}:{port}: {e.strerror or e}") from e

    @property
    def url(self) -> str:
        """The endpoint's URL, with the port actually bound."""
        return self._base_url() + ENDPOINT_PATH

    @property
    def view_url(self) -> str:
        """The URL of the HTML view."""
        return self._base_url() + "/"

    def run(self) -> None:
        """Serve requests until Ctrl-C (or ``shutdown()`` from another thread)."""
        with contextlib.suppress(KeyboardInterrupt):  # how a terminal stops it: not an error
            self.serve_forever()

    def answer_query(self, sparql: str, accept: str | None) -> Response:
        """Evaluate a query within the timeout and answer in the format ``accept`` likes best."""
        if uses_service(sparql):
            return message(400, SERVICE_REFUSED)
        deadline = time.monotonic() + self.timeout
        try:
            graph = self._current_graph()
        except KgError as e:
            return message(503, f"a build or removal changed the graph; cannot reopen it: {e}")
        if not self._workers.acquire(timeout=self.timeout):
            return message(
                503,
                "every query worker is busy (maybe with queries past their timeout); try again later",
            )
        answer: concurrent.futures.Future[Response] = concurrent.futures.Future()
        work = (answer, graph, sparql, accept, deadline)
        worker = threading.Thread(target=self._evaluate_in_worker, args=work, daemon=True)
        worker.start()
        try:
            return answer.result(timeout=max(0.0, deadline - time.monotonic()))
        except concurrent.futures.TimeoutError:
            return self._timed_out()

    def answer_update(self, sparql: str, authorization: str | None) -> Response:
        """Apply an update if this server takes updates and ``authorization`` holds its token."""
        if self._token is None:
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
        try:
            with self._one_update_at_a_time:
                self.graph.store.run_user_update(sparql)
        except SyntaxError as e:
            return message(400, f"SPARQL syntax error: {e}")
        except OSError as e:
            return message(500, f"update failed: {e}")
        return Response(204, content_type=None)

    def view(self) -> Response:
        """The HTML view that `kg build` or `kg viz` wrote into the directory."""
        path = self.directory / HTML_FILE
        try:
            return Response(200, path.read_bytes(), "text/html; charset=utf-8")
        except FileNotFoundError:
            return message(404, f"no {HTML_FILE} here yet (write it with: kg viz {self.directory})")

    def _current_graph(self) -> KnowledgeGraph:
        """The graph to answer from, reopened if a build or removal finished since it was opened
        (a read-only store stays the state it was opened on); running queries keep theirs. A
        writable server holds the store's lock, so nothing else writes it."""
        if not self._read_only:
            return self.graph
        generation = self._generation_on_disk()  # one stat per query
        if generation != self._generation:
            with self._reopening:
                if generation != self._generation:
                    # a build finishing while this opens changes the marker again: reopen next time
                    self.graph = KnowledgeGraph.open(self.directory)
                    self._generation = generation
                    if self.log is not None:
                        self.log(f"reopened {self.directory}: a build or removal finished")
        return self.graph

    def _generation_on_disk(self) -> tuple[int, int] | None:
        try:
            marker = (self.directory / GENERATION_FILE).stat()
        except FileNotFoundError:  # built before the marker existed, or by hand
            return None
        return marker.st_ino, marker.st_mtime_ns

    def _evaluate_in_worker(
        self,
        answer: concurrent.futures.Future[Response],
        graph: KnowledgeGraph,
        sparql: str,
        accept: str | None,
        deadline: float,
    ) -> None:
        # Every outcome becomes a Response here: pyoxigraph's results may only be dropped by the
        # thread that made them, and an exception's frames would carry them to another one.
        try:
            answer.set_result(self._evaluate(graph, sparql, accept, deadline))
        except PastDeadline:
            answer.set_result(self._timed_out())
        except Exception as e:  # e.g. an OSError from the store or a SERVICE call mid-way
            answer.set_result(message(500, f"query failed: {type(e).__name__}: {e}"))
        finally:
            self._workers.release()

    def _evaluate(
        self, graph: KnowledgeGraph, sparql: str, accept: str | None, deadline: float
    ) -> Response:
        if time.monotonic() > deadline:  # waited for a worker all this time
            raise PastDeadline
        results_format = preferred_format(accept, RESULTS_MEDIA_TYPES)
        graph_format = preferred_format(accept, GRAPH_MEDIA_TYPES)
        try:
            results = graph.sparql(sparql)
        except KgError as e:
            if isinstance(e.__cause__, SyntaxError):  # the parser's own words, all lines of them
                return message(400, f"SPARQL syntax error: {e.__cause__}")
            return message(500, str(e))
        if isinstance(results, QueryBoolean | QuerySolutions) and results_format is None:
            return not_acceptable(RESULTS_MEDIA_TYPES)
        # (serialize with no output file returns bytes; results_format was checked just above)
        if isinstance(results, QueryBoolean):
            return Response(200, results.serialize(format=results_format), media(results_format))  # type: ignore[arg-type]
        if isinstance(results, QuerySolutions):
            variables = results.variables
            rows, truncated = first_items(results, self.max_rows, deadline)
            body = solutions_of(variables, rows).serialize(format=results_format)
            return _results(body, media(results_format), truncated)  # type: ignore[arg-type]
        if graph_format is None:
            return not_acceptable(GRAPH_MEDIA_TYPES)
        triples, truncated = first_items(results, self.max_rows, deadline)
        body = pyoxigraph.serialize(triples, format=graph_format, prefixes=dict(vocab.PREFIXES))
        return _results(body, media(graph_format), truncated)  # type: ignore[arg-type]

    def _timed_out(self) -> Response:
        return message(
            503,
            f"query stopped after the {self.timeout:g} s timeout (kg serve --timeout); "
            "narrow it down or add a LIMIT",
        )

    def _base_url(self) -> str:
        host, port = self.server_address[:2]  # host: an IP address, a str
        return f"http://{f'[{host}]' if ':' in host else host}:{port}"  # type: ignore[str-bytes-safe]


class _Handler(BaseHTTPRequestHandler):
    """Turns one HTTP request into a call on the server; holds no state between requests."""

    server: SparqlServer
    protocol_version = "HTTP/1.1"  # keep-alive: every answer carries a Content-Length
    server_version = "kg-serve"

    def handle(self) -> None:
        try:
            super().handle()
        except ConnectionError as e:  # the client went away: its business, not a server fault
            self.close_connection = True
            reason = e.strerror or type(e).__name__
            self.log_message("client closed the connection before the answer was sent (%s)", reason)

    def do_GET(self) -> None:
        self._send(self._answer_get)

    def do_POST(self) -> None:
        self._send(self._answer_post)

    def _answer_get(self) -> Response:
        url = urlsplit(self.path)
        if url.path in VIEW_PATHS:
            return self.server.view()
        if url.path != ENDPOINT_PATH:
            return _not_found(url.path)
        params = parse_qs(url.query, keep_blank_values=True)
        if "update" in params:
            return message(405, "updates must be POSTed", ("Allow", "POST"))
        return self._query(params)

    def _answer_post(self) -> Response:
        length = self.headers.get("Content-Length", "0")
        if (
            not length.isdigit()
            or int(length) > MAX_BODY_BYTES
            or "Transfer-Encoding" in self.headers
        ):
            self.close_connection = True  # the body stays unread
            return message(413, f"send a Content-Length of at most {MAX_BODY_BYTES} bytes")
        body = self.rfile.read(int(length))
        url = urlsplit(self.path)
        if url.path != ENDPOINT_PATH:
            return _not_found(url.path)
        try:
            text = body.decode(self.headers.get_content_charset("utf-8"))
        except (LookupError, UnicodeDecodeError) as e:
            return message(400, f"cannot decode the request body: {e}")
        params = parse_qs(url.query, keep_blank_values=True)
        content_type = self.headers.get_content_type()
        if content_type == "application/sparql-query":
            return self._query({**params, "query": [text]})
        if content_type == "application/sparql-update":
            return self._update({**params, "update": [text]})
        if content_type == "application/x-www-form-urlencoded":
            form = parse_qs(text, keep_blank_values=True)
            if "query" in form and "update" in form:
                return message(400, "give either query= or update=, not both")
            return self._update(form) if "update" in form else self._query(form)
        return message(
            415,
            "POST application/sparql-query, application/sparql-update or "
            "application/x-www-form-urlencoded",
        )

    def _query(self, params: dict[str, list[str]]) -> Response:
        sparql = request_parameter(params, "query")
        if isinstance(sparql, Response):
            return sparql
        return self.server.answer_query(sparql, self.headers.get("Accept"))

    def _update(self, params: dict[str, list[str]]) -> Response:
        sparql = request_parameter(params, "update")
        if isinstance(sparql, Response):
            return sparql
        return self.server.answer_update(sparql, self.headers.get("Authorization"))

    def _send(self, answer: Callable[[], Response]) -> None:
        try:
            response = answer()
        except Exception as e:  # answer the client, then log: the server keeps serving
            self.log_error("internal error: %r", e)
            response = message(500, f"internal error: {type(e).__name__}: {e}")
        self.send_response(response.status)
        if response.content_type:
            self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        for name, value in response.headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(response.body)

    def log_message(self, format: str, *args) -> None:
        if self.server.log is not None:
            self.server.log(f"{self.address_string()} {format % args}")


def _results(body: bytes, media_type: str, truncated: bool) -> Response:
    return Response(
        200,
        body,
        media_type,
        ((TRUNCATED_HEADER, "true" if truncated else "false"), ("Vary", "Accept")),
    )


def _not_found(path: str) -> Response:
    return message(404, f"nothing at {path}: queries go to {ENDPOINT_PATH}, the view is at /")
