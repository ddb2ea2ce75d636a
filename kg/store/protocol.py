"""What every store does, embedded or remote: the contract a new kind of store implements."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol, runtime_checkable

from pyoxigraph import NamedNode, Quad, QueryBoolean, QuerySolutions, Triple


@runtime_checkable
class Store(Protocol):
    """A SPARQL store civic-kg writes article graphs to and queries.

    ``EmbeddedStore`` (Oxigraph on disk) and ``RemoteStore`` (a SPARQL 1.1 server) both are one;
    ``kg query`` runs against either. What only the embedded store does (the kept union, bulk
    loads, consolidation's pattern reads, dumps) stays on ``EmbeddedStore``.
    """

    def query(self, sparql: str) -> QuerySolutions | QueryBoolean | Iterator[Triple]:
        """Run a SPARQL query (the usual prefixes predeclared) over the union of the graphs."""
        ...

    def replace_graph(self, graph: NamedNode, quads: Iterable[Quad]) -> int:
        """Replace one named graph with ``quads`` atomically; returns how many were written."""
        ...
