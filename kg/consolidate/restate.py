"""Changing what many articles state the same way, a bounded number of statements per
transaction: an entity's IRI put for its aliases' IRIs, a canonical label put for the others.

A widely used alias or label variant is stated by tens of thousands of article graphs (on 30,000
synthetic articles one acronym took 112,000 quads). Changed by one SPARQL pattern update, the
transaction holds every one of them, and the indexes' entries, until it commits: at 100,000
articles the build grew by over 2 GB in the rewrite and by 400 MiB in one relabelling. Here the
statements are first listed (to an unnamed temporary file, as SPARQL data lines), then changed
``CHUNK_QUADS`` at a time with explicit ``DELETE DATA``/``INSERT DATA``, the named graphs first
and the default graph (their union, and the articles' own nodes) after them. Each chunk is one
transaction; the whole is not, but it can be run again: what a killed run left is found again
by its old IRI or label and finished, which is what the marker file of consolidation
(``KnowledgeGraph``) makes the next build do.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator, Mapping
from itertools import islice
from typing import IO

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad, Triple

from kg import vocab
from kg.rdf import encode as rdf
from kg.store.embedded import EmbeddedStore

# Statements changed per transaction (10,000 took 0.4 s and 40 MiB on 30,000 articles)
CHUNK_QUADS = 20_000
# Update text written between two flushes of RocksDB's write buffers (a quad deleted or relabelled
# takes a line of ~150 bytes here and a few KB across the buffers of the indexes)
FLUSH_UPDATE_BYTES = 4_000_000

Graph = NamedNode | BlankNode | DefaultGraph


class Writes:
    """Updates to a store, its write buffers flushed every ``FLUSH_UPDATE_BYTES`` of update text:
    RocksDB would keep up to 128 MB of them per index in memory, but each flush adds small files
    to every index for it to merge, so not after every small update."""

    def __init__(self, store: EmbeddedStore) -> None:
        self.store = store
        self.unflushed = 0  # bytes of update text since the last flush

    def update(self, operations: list[str]) -> None:
        if not operations:
            return
        self.store.update(operations)
        self.unflushed += sum(map(len, operations))
        if self.unflushed >= FLUSH_UPDATE_BYTES:
            self.finish()

    def finish(self) -> None:
        if self.unflushed:
            self.store.flush()
            self.unflushed = 0


def rewrite(writes: Writes, rewrites: Mapping[str, str]) -> set[str]:
    """Replace each old IRI of ``rewrites`` with its new one in the statements of articles: in
    their named graphs, on their own nodes and in the union copies of the default graph (the
    merged graph's nodes are left to consolidation, which rebuilds them). Returns every entity
    IRI the replaced statements named."""
    named: set[str] = set()

    def changes() -> Iterator[tuple[Quad, list[Triple]]]:
        for quad in _naming(writes.store, rewrites):
            named.update(_entities(quad))
            yield quad, [rdf.rewritten(quad.triple, rewrites)]

    _change(writes, changes())
    return named


def relabel(writes: Writes, changes: Iterable[tuple[str, str, str]]) -> None:
    """For each (entity, old, new), wherever an article (or the union) gives the entity the label
    ``old``, make ``old`` an alias and ``new`` the label."""

    def restated() -> Iterator[tuple[Quad, list[Triple]]]:
        for iri, old, new in changes:
            entity, was = NamedNode(iri), Literal(old, language="tr")
            now = [
                Triple(entity, rdf.RDFS_LABEL, Literal(new, language="tr")),
                Triple(entity, rdf.SKOS_ALT, was),
            ]
            for quad in writes.store.quads(entity, rdf.RDFS_LABEL, was):
                if _of_articles(quad):
                    yield quad, now

    _change(writes, restated())


def _change(writes: Writes, changes: Iterator[tuple[Quad, list[Triple]]]) -> None:
    """Delete each quad and state the triples in its graph instead: listed first (no write while
    the store is read), then written named graphs first, the default graph after them (a union
    copy goes once no named graph states it)."""
    store = writes.store
    with (
        tempfile.TemporaryFile(dir=store.path.parent) as graphs,
        tempfile.TemporaryFile(dir=store.path.parent) as default,
    ):
        for quad, triples in changes:
            graph = quad.graph_name
            spool = default if isinstance(graph, DefaultGraph) else graphs
            spool.write(f"{_data([quad.triple], graph)}\n{_data(triples, graph)}\n".encode())
        for spool in (graphs, default):
            _write(writes, spool)


def _naming(store: EmbeddedStore, rewrites: Mapping[str, str]) -> Iterator[Quad]:
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


def _data(triples: list[Triple], graph: Graph) -> str:
    """Statements of one graph as one line of SPARQL ``DELETE DATA``/``INSERT DATA`` (N-Triples
    terms escape every line break)."""
    text = " . ".join(map(str, triples))
    if isinstance(graph, DefaultGraph):
        return f"{text} ."
    return f"GRAPH {graph} {{ {text} }}"


def _write(writes: Writes, spool: IO[bytes]) -> None:
    """Apply the spooled (deleted, inserted) line pairs, ``CHUNK_QUADS`` pairs per transaction."""
    spool.seek(0)
    while lines := [line.decode() for line in islice(spool, 2 * CHUNK_QUADS)]:
        deleted, inserted = "".join(lines[0::2]), "".join(lines[1::2])
        writes.update([f"DELETE DATA {{\n{deleted}}}", f"INSERT DATA {{\n{inserted}}}"])
