"""Putting an entity's IRI for its aliases' IRIs wherever articles state them, a bounded number of
statements per transaction.

A widely used alias is named by tens of thousands of article graphs (on 30,000 synthetic
articles one acronym took 112,000 quads). Rewritten in one SPARQL update, the transaction holds
every one of them, and the indexes' entries, until it commits: at 100,000 articles the build grew
by over 2 GB there. Here the statements are first listed (to an unnamed temporary file), then
replaced ``CHUNK_QUADS`` at a time with explicit ``DELETE DATA``/``INSERT DATA``, the named graphs
first and the default graph after them. Each chunk is one transaction; the whole is not, but it
can be run again: what a killed run left is still found by its old IRI and finished, which is
what the marker file of consolidation (``KnowledgeGraph``) makes the next build do.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Mapping
from itertools import islice
from typing import IO

from pyoxigraph import BlankNode, DefaultGraph, NamedNode, Quad, Triple

from kg import vocab
from kg.rdf import encode as rdf
from kg.store.embedded import EmbeddedStore

# Statements replaced per transaction (10,000 took 0.4 s and 40 MiB on 30,000 articles)
CHUNK_QUADS = 20_000


def rewrite(store: EmbeddedStore, rewrites: Mapping[str, str]) -> set[str]:
    """Replace each old IRI of ``rewrites`` with its new one in the statements of articles: in
    their named graphs, on their own nodes and in the union copies of the default graph (the
    merged graph's nodes are left to consolidation, which rebuilds them). Returns every entity
    IRI the replaced statements named."""
    named: set[str] = set()
    with (
        tempfile.TemporaryFile(dir=store.path.parent) as graphs,
        tempfile.TemporaryFile(dir=store.path.parent) as default,
    ):
        for quad in _stating(store, rewrites):
            named.update(_entities(quad))
            spool = graphs if isinstance(quad.graph_name, NamedNode) else default
            new = rdf.rewritten(quad.triple, rewrites)
            spool.write(
                f"{_data(quad.triple, quad.graph_name)}\n{_data(new, quad.graph_name)}\n".encode()
            )
        for spool in (graphs, default):  # the union copies go when no named graph states them
            _replace(store, spool)
    return named


def _stating(store: EmbeddedStore, rewrites: Mapping[str, str]) -> Iterator[Quad]:
    """Every statement of an article that names an old IRI (each once, though it may name two)."""
    for old in rewrites:
        iri = NamedNode(old)
        yield from (q for q in store.quads(iri) if _of_articles(q))
        yield from (
            q
            for q in store.quads(None, None, iri)
            if _of_articles(q) and q.subject.value not in rewrites  # type: ignore[union-attr]  # no RDF-star
        )


def _of_articles(quad: Quad) -> bool:
    """Whether an article states the quad: in its named graph, or as the union's copy of it, or
    on one of its own nodes (not a node of the merged graph)."""
    graph = quad.graph_name
    if isinstance(graph, NamedNode):
        return graph.value != vocab.MERGED_GRAPH
    return not quad.subject.value.startswith(vocab.MERGED_NODE_BASES)  # type: ignore[union-attr]  # no RDF-star


def _entities(quad: Quad) -> Iterator[str]:
    for term in (quad.subject, quad.object):
        if isinstance(term, NamedNode) and term.value.startswith(vocab.ENTITY_BASE):
            yield term.value


def _data(triple: Triple, graph: NamedNode | BlankNode | DefaultGraph) -> str:
    """A statement as a line of SPARQL ``DELETE DATA``/``INSERT DATA`` (N-Triples terms: one
    line)."""
    if isinstance(graph, DefaultGraph):
        return f"{triple} ."
    return f"GRAPH {graph} {{ {triple} }}"


def _replace(store: EmbeddedStore, spool: IO[bytes]) -> None:
    """Apply the spooled (old line, new line) pairs, ``CHUNK_QUADS`` pairs per transaction."""
    spool.seek(0)
    while lines := [line.decode() for line in islice(spool, 2 * CHUNK_QUADS)]:
        old, new = "".join(lines[0::2]), "".join(lines[1::2])
        store.update([f"DELETE DATA {{\n{old}}}", f"INSERT DATA {{\n{new}}}"])
        store.flush()  # RocksDB would keep up to 128 MB of write buffer per index in memory
