"""Remote SPARQL stores: push named graphs with the Graph Store Protocol, query with the SPARQL Protocol."""

from __future__ import annotations

import http.client
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser

import pyoxigraph
from pyoxigraph import NamedNode, Quad, QueryBoolean, QueryResultsFormat, QuerySolutions, Triple

from kg.errors import KgError
from kg.query.sparql import prefix_header
from kg.store.embedded import EmbeddedStore
from kg.store.syntax import first_keyword

USER_ENV = "KG_REMOTE_USER"
PASSWORD_ENV = "KG_REMOTE_PASSWORD"

# Where known servers keep the Graph Store Protocol next to their query endpoint:
# Virtuoso (anonymous and digest-authenticated) and the Oxigraph server.
GRAPH_STORE_PATHS = {
    "/sparql": "/sparql-graph-crud",
    "/sparql-auth": "/sparql-graph-crud-auth",
    "/query": "/store",
}

# N-Triples, not Turtle: Virtuoso's Turtle parser keeps `\/` escapes in IRIs, and N-Triples
# needs no prefixes, so each graph is serialised on its own without any shared state.
NTRIPLES = "application/n-triples"
RESULTS_ACCEPT = "application/sparql-results+json, application/sparql-results+xml;q=0.9"
TRIPLES_ACCEPT = f"{NTRIPLES}, text/turtle;q=0.9, application/rdf+xml;q=0.8"
ACCEPT: dict[str | None, str] = {  # by query_form(), None for a form it cannot tell
    "SELECT": RESULTS_ACCEPT,
    "ASK": RESULTS_ACCEPT,
    "CONSTRUCT": TRIPLES_ACCEPT,
    "DESCRIBE": TRIPLES_ACCEPT,
}
# Virtuoso answers a CONSTRUCT with a JSON result table when JSON comes first in the Accept
# header, so the header is chosen by query form; this one is only for a form we cannot tell.
ANY_ACCEPT = f"{RESULTS_ACCEPT}, {NTRIPLES};q=0.8, text/turtle;q=0.7"

_ERROR_BODY_LIMIT = 64 * 1024


@dataclass(frozen=True)
class PushReport:
    """What ``RemoteStore.push`` sent: how many graphs and quads, where, and how long it took."""

    graph_store: str
    graphs: int
    quads: int
    seconds: float

    @property
    def quads_per_second(self) -> float:
        """Throughput of the push.

        >>> PushReport("http://h/store", graphs=2, quads=500, seconds=0.5).quads_per_second
        1000.0
        """
        return self.quads / max(self.seconds, 1e-9)


def graph_store_url(endpoint: str) -> str:
    """The Graph Store Protocol URL that sits next to a known server's query endpoint.

    Virtuoso's ``/sparql`` and ``/sparql-auth`` and the Oxigraph server's ``/query`` are known;
    any other endpoint needs its graph store URL given explicitly.

    >>> graph_store_url("http://localhost:8890/sparql")
    'http://localhost:8890/sparql-graph-crud'
    >>> graph_store_url("http://localhost:8890/sparql-auth/")
    'http://localhost:8890/sparql-graph-crud-auth'
    >>> graph_store_url("http://localhost:7878/query")
    'http://localhost:7878/store'
    """
    parts = urllib.parse.urlsplit(endpoint)
    path = parts.path.rstrip("/")
    for query_path, store_path in GRAPH_STORE_PATHS.items():
        if path.endswith(query_path):
            new_path = path[: -len(query_path)] + store_path
            return urllib.parse.urlunsplit(parts._replace(path=new_path, query=""))
    known = ", ".join(f"...{q} -> ...{s}" for q, s in GRAPH_STORE_PATHS.items())
    raise KgError(
        f"cannot tell the graph store URL from this endpoint (known: {known}): give --graph-store",
        where=endpoint,
    )


def query_form(sparql: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first keyword after the prologue (None if unknown).

    >>> query_form("PREFIX ex: <http://ex.org/#> # all\\nconstruct { ?s ?p ?o } WHERE { ?s ?p ?o }")
    'CONSTRUCT'
    >>> query_form("BASE <http://ex.org/> ASK {}")
    'ASK'
    >>> query_form("define input:inference 'r' SELECT * {}") is None
    True
    """
    keyword = first_keyword(sparql)
    form = keyword[0] if keyword else None
    return form if form in ACCEPT else None


class RemoteStore:
    """A SPARQL store on a server: queried over the SPARQL 1.1 Protocol, written with the Graph Store Protocol.

    Credentials, when given, answer the server's basic or digest challenge; they are never sent
    unasked. ``from_env`` takes them from the environment, so they never appear on a command line.

    >>> store = RemoteStore("http://localhost:7878/query")
    >>> store.graph_store
    'http://localhost:7878/store'
    """

    def __init__(
        self,
        endpoint: str,
        *,
        graph_store: str | None = None,
        credentials: tuple[str, str] | None = None,
        timeout: float = 60.0,
    ) -> None:
        self.endpoint = endpoint
        self._graph_store = graph_store
        self.timeout = timeout
        handlers: list[urllib.request.BaseHandler] = []
        if credentials is not None:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            # the servers' roots: a derived graph store URL is a sibling of the endpoint, not under it
            roots = {_root(url) for url in (endpoint, graph_store) if url}
            passwords.add_password(None, sorted(roots), *credentials)
            handlers = [
                urllib.request.HTTPDigestAuthHandler(passwords),
                urllib.request.HTTPBasicAuthHandler(passwords),
            ]
        self._has_credentials = credentials is not None
        self._opener = urllib.request.build_opener(*handlers)

    @classmethod
    def from_env(
        cls,
        endpoint: str,
        *,
        graph_store: str | None = None,
        environ: Mapping[str, str] = os.environ,
        timeout: float = 60.0,
    ) -> RemoteStore:
        """A remote store whose credentials, if any, come from KG_REMOTE_USER and KG_REMOTE_PASSWORD.

        >>> RemoteStore.from_env("http://h/query", environ={"KG_REMOTE_USER": "dba"})
        Traceback (most recent call last):
        kg.errors.KgError: set both KG_REMOTE_USER and KG_REMOTE_PASSWORD, or neither
        """
        user, password = environ.get(USER_ENV), environ.get(PASSWORD_ENV)
        if (user is None) != (password is None):
            raise KgError(f"set both {USER_ENV} and {PASSWORD_ENV}, or neither")
        credentials = (user, password) if user is not None and password is not None else None
        return cls(endpoint, graph_store=graph_store, credentials=credentials, timeout=timeout)

    @property
    def graph_store(self) -> str:
        """The Graph Store Protocol URL: the one given, or the one next to a known endpoint."""
        return self._graph_store or graph_store_url(self.endpoint)

    def query(self, sparql: str) -> QuerySolutions | QueryBoolean | Iterator[Triple]:
        """Run a query on the server (civ:, rdfs:, schema: ... prefixes predeclared, as locally).

        SELECT and ASK answers come back as pyoxigraph ``QuerySolutions`` / ``QueryBoolean``,
        CONSTRUCT and DESCRIBE ones as triples, so they print exactly like local answers. The
        answer is read whole before it is returned, so a broken one never leaves half a table.
        """
        # one line of PREFIXes, so a server's error for line N of the query says line N + 1
        text = prefix_header(one_line=True) + sparql
        form = query_form(sparql)
        request = urllib.request.Request(
            self.endpoint,
            data=urllib.parse.urlencode({"query": text}).encode("utf-8"),
            headers={
                "Accept": ACCEPT.get(form, ANY_ACCEPT),
                "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
            },
            method="POST",
        )
        media_type, body = self._exchange(request, doing="query failed")
        return _parse_answer(body, media_type, where=self.endpoint)

    def replace_graph(self, graph: NamedNode, quads: Iterable[Quad]) -> int:
        """Replace a named graph on the server with ``quads`` (one HTTP PUT); returns how many were sent.

        PUT replaces the graph whole, so pushing the same graph twice leaves the same content.
        """
        triples = [quad.triple for quad in quads]
        body = pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES) or b""
        separator = "&" if "?" in self.graph_store else "?"
        url = f"{self.graph_store}{separator}{urllib.parse.urlencode({'graph': graph.value})}"
        request = urllib.request.Request(
            url,
            data=body,
            headers={"Content-Type": f"{NTRIPLES}; charset=utf-8"},
            method="PUT",
        )
        self._exchange(
            request, doing=f"could not push graph <{graph.value}>", where=self.graph_store
        )
        return len(triples)

    def push(
        self, store: EmbeddedStore, *, on_progress: Callable[[int, int], None] | None = None
    ) -> PushReport:
        """Copy every named graph of ``store`` to the server, one graph in memory at a time (an
        article's with its own nodes, which the store keeps in its default graph).

        Each graph replaces its namesake on the server, so pushing again is idempotent; graphs the
        server has and the store has not are left alone. ``on_progress(graphs, quads)`` is called
        after each graph.
        """
        started = time.monotonic()
        graphs = quads = 0
        for iri in store.named_graphs():
            graph = NamedNode(iri)
            quads += self.replace_graph(graph, store.graph_quads(graph))
            graphs += 1
            if on_progress:
                on_progress(graphs, quads)
        return PushReport(self.graph_store, graphs, quads, time.monotonic() - started)

    def _exchange(
        self, request: urllib.request.Request, *, doing: str, where: str | None = None
    ) -> tuple[str, bytes]:
        """Send a request and read the answer's media type and body.

        Any failure becomes a one-line KgError naming the URL and the HTTP status."""
        where = where or request.full_url
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                return response.headers.get("Content-Type", ""), response.read()
        except urllib.error.HTTPError as e:
            raise KgError(f"{doing}: {self._describe(e)}", where=where) from e
        except urllib.error.URLError as e:
            raise KgError(f"cannot reach the server: {e.reason}", where=where) from e
        except TimeoutError as e:
            raise KgError(f"no answer within {self.timeout:g}s", where=where) from e
        except (OSError, http.client.HTTPException) as e:
            raise KgError(f"{doing}: {type(e).__name__}: {e}", where=where) from e

    def _describe(self, error: urllib.error.HTTPError) -> str:
        status = f"HTTP {error.code} {error.reason}".rstrip()
        detail = _error_detail(error)
        if detail and detail not in status:
            status += f": {detail}"
        if error.code == 401:
            hint = "check" if self._has_credentials else "set"
            status += f" ({hint} {USER_ENV} and {PASSWORD_ENV})"
        return status


def _parse_answer(
    body: bytes, media_type: str, *, where: str
) -> QuerySolutions | QueryBoolean | Iterator[Triple]:
    """A server's answer as pyoxigraph results or triples, by its media type."""
    results_format = QueryResultsFormat.from_media_type(media_type)
    rdf_format = None if results_format else pyoxigraph.RdfFormat.from_media_type(media_type)
    try:
        if results_format is not None:
            return pyoxigraph.parse_query_results(body, format=results_format)
        if rdf_format is not None:
            return iter([quad.triple for quad in pyoxigraph.parse(body, format=rdf_format)])
    except SyntaxError as e:
        raise KgError(
            f"unreadable answer ({media_type}): {_first_line(str(e))}", where=where
        ) from e
    raise KgError(f"the server answered with {media_type or 'no media type'}", where=where)


def _error_detail(error: urllib.error.HTTPError) -> str:
    """The first line of the server's message; from an HTML page its <pre>/<xmp> text or title."""
    try:
        body = error.read(_ERROR_BODY_LIMIT) if error.fp is not None else b""
    except (OSError, http.client.HTTPException):
        body = b""
    text = body.decode("utf-8", errors="replace")
    if "html" in (error.headers.get("Content-Type", "") if error.headers else ""):
        text = _HtmlMessage.extract(text)
    return _first_line(text)


class _HtmlMessage(HTMLParser):
    """Pulls the message out of a server's HTML error page (Virtuoso puts it in <xmp>)."""

    def __init__(self) -> None:
        super().__init__()
        self._in: str | None = None
        self.preformatted: list[str] = []
        self.title: list[str] = []

    @classmethod
    def extract(cls, html: str) -> str:
        page = cls()
        page.feed(html)
        page.close()
        return "".join(page.preformatted) or "".join(page.title)

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in ("pre", "xmp", "title"):
            self._in = tag

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title.append(data)
        elif self._in:
            self.preformatted.append(data)


def _root(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


def _first_line(text: str, limit: int = 300) -> str:
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return line if len(line) <= limit else line[: limit - 1] + "…"
