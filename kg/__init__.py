"""civic-kg: Turkish civic news into a knowledge graph (RDF, SPARQL, interactive networks).

``import kg`` is cheap: the facade (and the store, pandas, networkx, rdflib behind it) loads the
first time a name below is used, so a worker or ``kg extract`` pays only for what it runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.errors import KgError

if TYPE_CHECKING:
    from kg.builder.run import BuildReport
    from kg.knowledge_graph import KnowledgeGraph

__all__ = ["BuildReport", "KgError", "KnowledgeGraph", "build", "load"]


def build(inputs, *, out, **options) -> BuildReport:
    """Build a graph from ``inputs`` into ``out``: see ``KnowledgeGraph.build``."""
    from kg.knowledge_graph import KnowledgeGraph

    return KnowledgeGraph.build(inputs, out=out, **options)


def load(directory) -> KnowledgeGraph:
    """Open a built graph for querying: see ``KnowledgeGraph.open``."""
    from kg.knowledge_graph import KnowledgeGraph

    return KnowledgeGraph.open(directory)


def __getattr__(name: str):
    if name == "KnowledgeGraph":
        from kg.knowledge_graph import KnowledgeGraph

        return KnowledgeGraph
    if name == "BuildReport":
        from kg.builder.run import BuildReport

        return BuildReport
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
