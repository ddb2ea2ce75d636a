"""How long, how deeply nested and how long-chained a SPARQL text may be before the engine sees it.

Oxigraph parses, plans and evaluates a query by recursion: a few stack frames per level of
brackets, per ``!`` in a row, and per link of a chain (``a && b && c``, ``{..} UNION {..}``,
``p/p/p``, one triple pattern after another), each link nesting the next in its syntax tree. A
thread whose stack runs out takes its process down with SIGSEGV, whatever Python does. Measured
with pyoxigraph 0.5.13 on an 8 MiB stack, a process died past 832 nested ``FILTER EXISTS``, 2,176
nested groups, 4,608 nested parentheses, 9,216 ``!`` in a row, or a chain of 6,144 OPTIONALs,
6,400 UNIONs, 7,936 path steps, 9,216 ``&&`` or 10,752 path alternatives in one group; chains
also cost time that grows with their square (10,000 ``&&`` take 5 s to plan, 20,000 take 24 s).

So a query is measured here first, on its text alone (strings, IRIs and comments set aside), and
refused past the limits below (256 levels of nesting, 4,096 links of chains), far beyond what
people write. What is taken runs on a thread with a 256 MiB stack (``kg.deep_stack``): the
dearest shapes within the limits (254 nested FILTER EXISTS around 3,830 path steps or triple
patterns) overflow an 8 MiB stack but run there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.sparql_protocol import NOT_CODE

_TOKENS = re.compile(
    r"(?P<open>[{(\[])|(?P<close>[})\]])"
    r"|(?P<datatype>'\s*\^\^)"  # a literal's datatype, not two inverse paths
    r"|(?P<unary>[!^]+)(?!=)"  # ``!=`` compares; a run of ``!`` or ``^`` nests
    r"|(?P<link>&&|\|\||[|/]|\.(?!\w))"  # ``a.b`` is one name, ``1.5`` one number
    r"|(?P<listed>[;,])"  # links in a group (triples), not in an argument list
    r"|(?<![\w:?$.\-])(?P<word>UNION|OPTIONAL|MINUS|FILTER|BIND|DATA)(?![\w:\-])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class QueryLimits:
    """The most a query may be before it is refused: its size in bytes (UTF-8), its nesting
    (brackets, and ``!`` or ``^`` in a row, counted together), and its links: the links of the
    chains met on the way from the query's top to its deepest point (UNION, OPTIONAL, MINUS,
    FILTER, BIND, ``&&``, ``||``, ``/``, ``|``, and the ``.``, ``;`` and ``,`` between triple
    patterns), each of which may nest the next one level deeper. The data of ``INSERT DATA``
    and ``DELETE DATA`` is a flat list to the engine, so its triples are no links."""

    max_bytes: int = 1024 * 1024
    max_nesting: int = 256
    max_links: int = 4096


DEFAULT_LIMITS = QueryLimits()  # what the Python API, `kg query` and `kg serve` take by default


@dataclass(frozen=True)
class QueryShape:
    """What a SPARQL text measures: see ``QueryLimits``."""

    nesting: int
    links: int


@dataclass
class _Scope:
    bracket: str
    holds_data: bool
    links: int = 0


def query_shape(sparql: str) -> QueryShape:
    """How deep the text nests, and how many links of chains lead to its deepest point.

    >>> query_shape("SELECT * WHERE { { ?s ?p ?o } UNION { ?s rdfs:label ?o . FILTER(!!BOUND(?o)) } }")
    QueryShape(nesting=5, links=3)
    >>> query_shape('INSERT DATA { <urn:a> <urn:p> 1, 2 ; <urn:q> "x.y" . <urn:b> <urn:p> 1.5 }')
    QueryShape(nesting=1, links=0)
    """
    scopes: list[_Scope] = []
    nesting = links = on_the_way = 0
    data_next = False
    for token in _TOKENS.finditer(NOT_CODE.sub(_blank, sparql)):
        kind = token.lastgroup
        if kind == "open":
            holds_data = data_next or (bool(scopes) and scopes[-1].holds_data)
            scopes.append(_Scope(token.group(), holds_data))
            data_next = False
            nesting = max(nesting, len(scopes))
        elif kind == "close":
            if scopes:
                on_the_way -= scopes.pop().links
        elif kind == "unary":
            nesting = max(nesting, len(scopes) + len(token.group()))
        elif kind == "word" and token.group().upper() == "DATA":
            data_next = True
        elif (
            scopes and not scopes[-1].holds_data and (kind != "listed" or scopes[-1].bracket != "(")
        ):
            scopes[-1].links += 1
            on_the_way += 1
            links = max(links, on_the_way)
    return QueryShape(nesting, links)


def _blank(found: re.Match) -> str:
    """A string becomes one quote (so that its ``^^`` reads as a datatype), an IRI or a comment
    a space."""
    return "'" if found.group()[0] in "\"'" else " "


def shape_problem(sparql: str, limits: QueryLimits) -> str | None:
    """Why the engine should not be given this text, in one line; None when it is within limits.

    >>> shape_problem("ASK { " + "{ " * 300 + "}" * 300 + " }", QueryLimits())
    'the query nests 301 levels deep (brackets, and ! or ^ in a row); at most 256 are taken, as the query engine recurses once per level'
    >>> shape_problem("ASK { ?s ?p ?o }", QueryLimits()) is None
    True
    """
    size = len(sparql.encode("utf-8"))
    if size > limits.max_bytes:
        return f"the SPARQL text is {size:,} bytes; at most {limits.max_bytes:,} are taken"
    shape = query_shape(sparql)
    if shape.nesting > limits.max_nesting:
        return (
            f"the query nests {shape.nesting} levels deep (brackets, and ! or ^ in a row); at "
            f"most {limits.max_nesting} are taken, as the query engine recurses once per level"
        )
    if shape.links > limits.max_links:
        return (
            f"the query chains {shape.links} parts (UNION, OPTIONAL, MINUS, FILTER, BIND, &&, "
            f"||, /, |, or triple patterns, counted into its deepest part); at most "
            f"{limits.max_links} are taken, as the query engine recurses once per part: give "
            "long lists of alternatives as VALUES"
        )
    return None
