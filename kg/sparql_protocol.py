"""What the SPARQL 1.1 Protocol asks of a request and its answer, apart from any HTTP server."""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar, cast

import pyoxigraph
from pyoxigraph import QueryResultsFormat, QuerySolutions, RdfFormat

SERVICE_REFUSED = "SERVICE (federated query) is disabled on this endpoint"
DATASET_PARAMETERS = (
    "default-graph-uri",
    "named-graph-uri",
    "using-graph-uri",
    "using-named-graph-uri",
)

# What we answer with, as (media type, format); the first one is what a client without
# preferences gets. Aliases come last so they never win a tie over the proper type.
RESULTS_MEDIA_TYPES = (
    ("application/sparql-results+json", QueryResultsFormat.JSON),
    ("application/sparql-results+xml", QueryResultsFormat.XML),
    ("text/csv", QueryResultsFormat.CSV),
    ("text/tab-separated-values", QueryResultsFormat.TSV),
    ("application/json", QueryResultsFormat.JSON),
    ("application/xml", QueryResultsFormat.XML),
    ("text/xml", QueryResultsFormat.XML),
)
GRAPH_MEDIA_TYPES = (
    ("text/turtle", RdfFormat.TURTLE),
    ("application/n-triples", RdfFormat.N_TRIPLES),
    ("application/ld+json", RdfFormat.JSON_LD),
    ("application/rdf+xml", RdfFormat.RDF_XML),
    ("text/plain", RdfFormat.N_TRIPLES),  # N-Triples' media type before RDF 1.1
)

# Strings, IRIs and comments: what may hold a colon or a keyword (SERVICE, say) without being one.
NOT_CODE = re.compile(
    r'"""(?:[^\\]|\\.)*?"""' + r"|'''(?:[^\\]|\\.)*?'''"
    r'|"(?:[^"\\\n]|\\.)*"' + r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\s]*>|#[^\n]*'
)
_SERVICE = re.compile(r"\bSERVICE\b", re.IGNORECASE)
_LOAD = re.compile(r"\bLOAD\b", re.IGNORECASE)
LOAD_REFUSED = "LOAD is disabled on this endpoint: the server never fetches a URL for a client"

Format = TypeVar("Format")
Item = TypeVar("Item")


@dataclass(frozen=True)
class Response:
    """One HTTP answer; ``content_type`` None for an empty body."""

    status: int
    body: bytes = b""
    content_type: str | None = "text/plain; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()


def uses_service(sparql: str) -> bool:
    """Whether a query or update calls another endpoint (SERVICE), which the server refuses:
    it would let any client make the server fetch any URL.

    >>> uses_service("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    True
    >>> uses_service('SELECT * WHERE { ?s rdfs:label "SERVICE" } # no service here')
    False
    """
    return bool(_SERVICE.search(NOT_CODE.sub(" ", sparql)))


def uses_load(sparql: str) -> bool:
    """Whether an update fetches a document from a URL (LOAD), which the server refuses as it
    refuses SERVICE.

    >>> uses_load("LOAD <http://example.org/x.ttl> INTO GRAPH <urn:g>"), uses_load("INSERT DATA { <urn:a> <urn:load> 'LOAD' }")
    (True, False)
    """
    return bool(_LOAD.search(NOT_CODE.sub(" ", sparql)))


def preferred_format(accept: str | None, offers: Sequence[tuple[str, Format]]) -> Format | None:
    """The format of the offer an HTTP Accept header likes best; None when it accepts none.

    An offer's quality comes from the most specific media range matching it; ties go to the
    range the client listed first, then to the earlier offer. No header means the first offer.

    >>> preferred_format("text/csv;q=0.5, application/sparql-results+xml", RESULTS_MEDIA_TYPES).name
    'SPARQL Results in XML'
    >>> preferred_format("text/*, application/n-triples;q=0.9", GRAPH_MEDIA_TYPES).name
    'Turtle'
    >>> preferred_format("image/png", GRAPH_MEDIA_TYPES) is None
    True
    """
    ranges = _media_ranges(accept or "*/*")
    best, best_key = None, None
    for rank, (media_type, fmt) in enumerate(offers):
        kind = media_type.split("/")[0]
        for pattern in (media_type, f"{kind}/*", "*/*"):  # most specific first
            if pattern in ranges:
                quality, position = ranges[pattern]
                key = (quality, -position, -rank)
                if quality > 0 and (best_key is None or key > best_key):
                    best, best_key = fmt, key
                break
    return best


def _media_ranges(accept: str) -> dict[str, tuple[float, int]]:
    """Each media range of an Accept header with its quality and position (first listing wins)."""
    ranges: dict[str, tuple[float, int]] = {}
    for position, part in enumerate(accept.split(",")):
        media_range, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0  # a range we cannot read is one we do not honour
        if media_range:
            ranges.setdefault(media_range.lower(), (quality, position))
    return ranges


def request_parameter(params: dict[str, list[str]], name: str) -> str | Response:
    """The one query= or update= parameter, or the answer saying what is wrong with the request."""
    for parameter in DATASET_PARAMETERS:
        if parameter in params:
            return message(
                400,
                f"{parameter} is not supported: the default graph is the union of all graphs; "
                "name graphs with GRAPH in the query",
            )
    values = params.get(name, [])
    if len(values) != 1:
        return message(400, f"give exactly one {name}= parameter (SPARQL 1.1 Protocol)")
    return values[0]


def media(fmt: QueryResultsFormat | RdfFormat) -> str:
    media_type = fmt.media_type
    if media_type.startswith("text/") and "charset" not in media_type:
        media_type += "; charset=utf-8"
    return media_type


def not_acceptable(offers: Sequence[tuple[str, object]]) -> Response:
    return message(406, "acceptable here: " + ", ".join(media_type for media_type, _ in offers))


def message(status: int, text: str, *headers: tuple[str, str]) -> Response:
    return Response(status, (text + "\n").encode("utf-8"), headers=headers)


# ---- Answers cut short: at a row cap or a deadline, then written by pyoxigraph again ----


class PastDeadline(Exception):
    """The query's time ran out between two solutions."""


def first_items(items: Iterable[Item], limit: int, deadline: float) -> tuple[list[Item], bool]:
    """Up to ``limit`` items and whether more were left; PastDeadline once the time is up."""
    taken: list[Item] = []
    for item in items:
        if time.monotonic() > deadline:
            raise PastDeadline
        if len(taken) == limit:
            return taken, True
        taken.append(item)
    return taken, False


def solutions_of(variables: Sequence[pyoxigraph.Variable], rows: Sequence) -> QuerySolutions:
    """Rows taken from a SELECT as pyoxigraph solutions again, so pyoxigraph writes every format.

    pyoxigraph has no constructor for solutions, but its TSV reader reads terms in the syntax
    ``str(term)`` writes, escapes included, so the round trip gives back the same terms.
    """
    lines = ["\t".join(str(v) for v in variables)]
    lines += ["\t".join("" if term is None else _tsv_term(term) for term in row) for row in rows]
    solutions = pyoxigraph.parse_query_results(
        ("\n".join(lines) + "\n").encode("utf-8"), format=QueryResultsFormat.TSV
    )
    return cast(QuerySolutions, solutions)  # a header line of variables: solutions, not a boolean


def _tsv_term(term) -> str:
    if isinstance(term, pyoxigraph.Triple):  # str() leaves out a triple term's brackets
        return f"<<( {_tsv_term(term.subject)} {term.predicate} {_tsv_term(term.object)} )>>"
    return str(term)
