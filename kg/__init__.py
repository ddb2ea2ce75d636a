"""civic-kg: Turkish civic news into a knowledge graph (RDF, SPARQL, interactive networks)."""

from kg.errors import KgError
from kg.knowledge_graph import BuildReport, KnowledgeGraph

__all__ = ["BuildReport", "KgError", "KnowledgeGraph", "build", "load"]


def build(inputs, *, out, **options) -> BuildReport:
    """Build a graph from ``inputs`` into ``out``: see ``KnowledgeGraph.build``."""
    return KnowledgeGraph.build(inputs, out=out, **options)


def load(directory) -> KnowledgeGraph:
    """Open a built graph for querying: see ``KnowledgeGraph.open``."""
    return KnowledgeGraph.open(directory)
