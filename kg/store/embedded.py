"""The embedded on-disk SPARQL store (Oxigraph): atomic per-article graph replacement, queries, dumps."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import BinaryIO, cast

import pyoxigraph
from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, Triple

from kg import vocab
from kg.errors import KgError
from kg.query.sparql import own_nodes_of, stored_once
from kg.store.external_sort import merge_runs, merged, parse_lines, sorted_runs
from kg.store.files import atomic_write
from kg.store.syntax import syntax_problem

FORMATS = {
    "trig": RdfFormat.TRIG,
    "ttl": RdfFormat.TURTLE,
    "nt": RdfFormat.N_TRIPLES,
    "nq": RdfFormat.N_QUADS,
    "jsonld": RdfFormat.JSON_LD,
}


# A triple-format export merges at most this many sorted runs at once (open files, each with a
# buffer); how long a run is: ``external_sort.SORT_RUN_LINES``.
MERGE_FAN_IN = 128

# Oxigraph's bulk loader parses up to 1,000,000 quads before it writes anything, then ingests them
# in one atomic step; past that it writes in several steps. New graphs are loaded in groups below.
BULK_LOAD_QUADS = 500_000

# The default graph holds the union of the named graphs, each triple once, kept up to date by
# every write here; this file in the store's directory says it is current. Queries then read the
# default graph: Oxigraph's union view repeats a triple once per graph stating it, so an entity
# named in a thousand articles made every join through it a thousand times longer. It also holds
# what articles' own nodes and the merged graph's nodes state (``vocab.STORED_ONCE_BASES``), there
# only: exports put them back in their graphs (``graph_quads``).
UNION_MARKER = "kg-default-graph-is-union"
# How the store lays out what it holds, in this file of its directory: 2 since articles' own
# nodes and the merged graph's nodes are stored once, in the default graph. A store without the
# file, written by an older civic-kg (those nodes in their named graphs too), is upgraded when
# opened for writing and refused when opened read-only.
FORMAT_FILE = "kg-store-format"
FORMAT = 2
# Article graphs whose own nodes an upgrade takes out of them per transaction
UPGRADE_GRAPHS = 500

# An article graph to write, as ``kg.rdf.encode.ArticleText`` gives it: its IRI, its N-Quads text
# UTF-8 encoded (the named graph's lines first, then the default graph's; bytes, as the bulk
# loader reads them: a str would be encoded again on its way in) and how many lines are the named
# graph's
GraphText = tuple[str, bytes, int]


def rdf_format(name: str) -> RdfFormat:
    """The RDF format for a short name or file suffix.

    >>> rdf_format("nq").name
    'N-Quads'
    """
    key = name.lower().lstrip(".")
    if key not in FORMATS:
        raise KgError(f"unknown RDF format '{name}' (use one of: {', '.join(FORMATS)})")
    return FORMATS[key]


class EmbeddedStore:
    """A persistent Oxigraph store in a directory; every write is one transaction.

    Its default graph is the union of its named graphs (see ``UNION_MARKER``): every write
    through this class changes both in the same transaction. A store written some other way
    (``kg serve --allow-update``, which drops the union first; an older civic-kg) is queried
    through Oxigraph's union view until it is next opened for writing, which rebuilds the union.
    """

    def __init__(self, path: str | os.PathLike[str], *, read_only: bool = False) -> None:
        self.path = Path(path)
        try:
            if read_only:
                if not self.path.is_dir():
                    raise KgError("no store here (run 'kg build' first)", where=str(self.path))
                self._store = pyoxigraph.Store.read_only(str(self.path))
            else:
                self._store = pyoxigraph.Store(str(self.path))
        except OSError as e:
            raise KgError(f"cannot open the store: {_first_line(e)}", where=str(self.path)) from e
        self._marker = self.path / UNION_MARKER
        self._union_current = self._marker.exists()
        self.upgraded = False  # whether opening it brought an older layout up to date
        if (self.path / FORMAT_FILE).exists():
            self._check_format(read_only)
        elif self._has_article_graphs():  # written by an older civic-kg
            if read_only:
                raise KgError(
                    "this store was written by an older civic-kg: run 'kg upgrade' on its "
                    "directory once (or any build into it) to bring it up to date",
                    where=str(self.path),
                )
            self._upgrade()
            self.upgraded = True
        elif not read_only:
            self._write_format()
        if not read_only and not self._union_current:
            self.rebuild_union()

    def _check_format(self, read_only: bool) -> None:
        text = (self.path / FORMAT_FILE).read_text(encoding="utf-8").strip()
        if text != str(FORMAT):
            raise KgError(
                f"this store has format {text!r}, which this civic-kg (format {FORMAT}) cannot "
                "read: use the civic-kg that wrote it, or build it again",
                where=str(self.path),
            )

    def _write_format(self) -> None:
        atomic_write(self.path / FORMAT_FILE, lambda f: f.write(f"{FORMAT}\n".encode()))

    def _has_article_graphs(self) -> bool:
        return any(g.value.startswith(vocab.ARTICLE_BASE) for g in self._store.named_graphs())

    def _upgrade(self) -> None:
        """Bring a store of format 1 (own nodes in their article graph, merged nodes in the merged
        graph, and both in the union) to this format: the union made current first, so it holds
        them, then the named graphs' copies taken out, ``UPGRADE_GRAPHS`` graphs per transaction. Each step can run again, so a
        killed upgrade is finished by the next opener; the format file is written last."""
        if not self._union_current:
            self.rebuild_union()
        graphs = [g for g in self.named_graphs() if g.startswith(vocab.ARTICLE_BASE)]
        for start in range(0, len(graphs), UPGRADE_GRAPHS):
            chunk = " ".join(f"<{g}>" for g in graphs[start : start + UPGRADE_GRAPHS])
            self.update(
                [
                    f"DELETE {{ GRAPH ?g {{ ?n ?p ?o }} }} WHERE {{ VALUES ?g {{ {chunk} }} "
                    f"GRAPH ?g {{ {own_nodes_of('?g')} ?n ?p ?o }} }}"
                ]
            )
        self.update([f"DROP SILENT GRAPH <{vocab.MERGED_GRAPH}>"])  # its nodes: in the union
        self.flush()
        self._write_format()

    def rebuild_union(self) -> None:
        """Make the default graph the union of the named graphs again, from scratch (each triple
        once: the bulk loader drops repeats), 100,000 triples at a time (the loader takes about 1
        KB per triple while it runs); the own nodes' statements stay."""
        self._forget_union()
        named = self._named_quads()
        while text := pyoxigraph.serialize(
            (q.triple for q in islice(named, 100_000)), format=RdfFormat.N_TRIPLES
        ):
            self._store.bulk_load(text, format=RdfFormat.N_TRIPLES)
        self._store.flush()
        self._marker.touch()
        self._union_current = True

    def drop_union(self) -> None:
        """Take the named graphs' copies out of the default graph (the own nodes' statements
        stay), before the named graphs are written around this class: until ``rebuild_union``,
        queries read Oxigraph's union view of every graph (right, but slow on big stores).
        Once dropped, the default graph is left alone: it holds what earlier updates put there."""
        if self._union_current:
            self._forget_union()

    def _forget_union(self) -> None:
        self._marker.unlink(missing_ok=True)
        self._union_current = False
        self.update([f"DELETE {{ ?n ?p ?o }} WHERE {{ ?n ?p ?o FILTER (!({stored_once('n')})) }}"])

    def replace_graph(self, graph: NamedNode, quads: Iterable[Quad]) -> int:
        """Replace a named graph's content with ``quads`` atomically; returns how many were written.

        Readers see either the old graph or the new one, never a mix, and a crash mid-way
        leaves the old one: the drop and the insert are one SPARQL update, one transaction.
        """
        quads = list(quads)
        if self._store.contains_named_graph(graph):
            self.update(replace_graph_operations(graph, quads))
        else:  # nothing to drop: one transactional insert, without a SPARQL text to parse
            try:
                self._store.extend([*quads, *(Quad(*q.triple) for q in quads)])
            except OSError as e:
                raise KgError(
                    f"could not write graph {graph.value}: {_first_line(e)}", where=str(self.path)
                ) from e
        return len(quads)

    def write_graphs(self, graphs: Iterable[GraphText]) -> None:
        """Replace each article graph with its N-Quads text (``GraphText``), every graph atomically.

        Graphs the store has not seen go in through Oxigraph's bulk loader: it writes sorted
        index files and ingests them with one atomic RocksDB call, without a transaction held in
        memory (2-3x faster than a transactional load, and memory does not grow with the store).
        A call is atomic only under the loader's batch size, so the new graphs go in groups of
        whole graphs below ``BULK_LOAD_QUADS`` lines; a graph already there is dropped and
        rewritten in one update of its own.
        """
        group: list[bytes] = []
        lines = 0
        rewritten = False
        for graph, nquads, named in graphs:
            node = NamedNode(graph)
            if self._store.contains_named_graph(node):
                self.update(_replace_with_text(node, nquads.decode(), named))
                rewritten = True
                continue
            count = nquads.count(b"\n")
            if lines + count > BULK_LOAD_QUADS:
                self._bulk_load(group, lines)
                group, lines = [], 0
            group.append(nquads)
            lines += count
        self._bulk_load(group, lines)
        if rewritten:  # updates fill RocksDB's write buffers (up to 128 MB per index): empty them
            self.flush()

    def insert_once(self, ntriples: bytes, lines: int) -> None:
        """Add statements of nodes stored once (``vocab.STORED_ONCE_BASES``), ``lines`` lines of
        N-Triples (UTF-8), to the default graph through the bulk loader, atomically (at most
        ``BULK_LOAD_QUADS`` lines)."""
        self._bulk_load([ntriples], lines)

    def _bulk_load(self, nquads: list[bytes], lines: int) -> None:
        if not nquads:
            return
        if lines > BULK_LOAD_QUADS:  # one graph this big would not be written atomically
            raise KgError(f"a graph of {lines} lines of N-Quads is too big to write atomically")
        try:
            self._store.bulk_load(b"".join(nquads), format=RdfFormat.N_QUADS)
        except (OSError, SyntaxError) as e:
            raise KgError(f"could not write graphs: {_first_line(e)}", where=str(self.path)) from e

    def update(self, operations: Iterable[str]) -> None:
        """Run SPARQL update operations as one request: one transaction, all or nothing."""
        request = " ;\n".join(operations)
        if not request:
            return
        try:
            self._store.update(request)
        except (OSError, SyntaxError, ValueError) as e:
            raise KgError(
                f"could not update the store: {_first_line(e)}", where=str(self.path)
            ) from e

    def query(self, sparql: str):
        """Run a SPARQL query with the union of all named graphs as the default graph."""
        try:
            return self._store.query(
                sparql,
                use_default_graph_as_union=not self._union_current,
                prefixes=dict(vocab.PREFIXES),
            )
        except SyntaxError as e:
            problem = syntax_problem(sparql, str(e), vocab.PREFIXES)
            raise KgError(f"SPARQL syntax error: {problem}") from e
        except OSError as e:
            raise KgError(f"query failed: {_first_line(e)}", where=str(self.path)) from e

    def contains(self, quad: Quad) -> bool:
        return quad in self._store

    def has_any(self, subject=None, predicate=None, object_=None, graph=None) -> bool:
        """Whether some quad matches the pattern (None matches anything; ``graph`` None: any
        graph, the default one included)."""
        found = self._store.quads_for_pattern(subject, predicate, object_, graph)
        return next(iter(found), None) is not None

    def drop_graph(self, graph: NamedNode) -> int:
        """Remove a named graph (and an article's own nodes) in one transaction; returns how
        many statements it held."""
        count = sum(1 for _ in self.graph_quads(graph))
        try:
            self._store.update(" ;\n".join(drop_operations(graph)))
        except OSError as e:
            raise KgError(
                f"could not remove graph {graph.value}: {_first_line(e)}", where=str(self.path)
            ) from e
        return count

    def quads(self, subject=None, predicate=None, object_=None, graph=None) -> Iterator[Quad]:
        """The quads that match the pattern, read through the indexes (None matches anything;
        ``graph`` None: any graph, the default one included)."""
        return iter(self._store.quads_for_pattern(subject, predicate, object_, graph))

    def has_graph(self, graph: NamedNode) -> bool:
        return self._store.contains_named_graph(graph)

    def run_user_update(self, sparql: str) -> None:
        """Run an update a user wrote (the usual prefixes predeclared) as one transaction, raising
        pyoxigraph's own ``SyntaxError`` or ``OSError`` so that a server can tell them apart. It
        writes named graphs without the kept union: queries read Oxigraph's union view from then
        on, until a build rebuilds the union."""
        self.drop_union()
        self._store.update(sparql, prefixes=dict(vocab.PREFIXES))

    @property
    def raw(self) -> pyoxigraph.Store:
        """The pyoxigraph store itself, for tests and benchmarks that look beneath this class."""
        return self._store

    def named_graphs(self) -> list[str]:
        """The graphs an export holds: every named graph, and the merged graph if it has a node
        (they are stored in the default graph only)."""
        graphs = {g.value for g in self._store.named_graphs()}
        if next(self.merged_nodes(), None) is not None:
            graphs.add(vocab.MERGED_GRAPH)
        return sorted(graphs)

    def graph_quads(self, graph: NamedNode) -> Iterator[Quad]:
        """Every statement of a named graph, as quads in it: for an article, its named graph's
        and its own nodes' (stored in the default graph only) together, the unit an export or a
        push keeps with the article; for the merged graph, its nodes' (stored there only too)."""
        yield from self._store.quads_for_pattern(None, None, None, graph)
        if graph.value == vocab.MERGED_GRAPH:
            nodes = self.merged_nodes()
        elif graph.value.startswith(vocab.ARTICLE_BASE):
            found = self._store.quads_for_pattern(None, _DERIVED, graph, DefaultGraph())
            nodes = (q.subject for q in found if q.subject.value.startswith(vocab.OWN_NODE_BASES))  # type: ignore[union-attr]  # no RDF-star
        else:
            return
        for node in nodes:
            yield from self.node_quads(node, graph)

    def node_quads(self, node, graph: NamedNode) -> Iterator[Quad]:
        """What a node stored once (``vocab.STORED_ONCE_BASES``) states, as quads in ``graph``."""
        for q in self._store.quads_for_pattern(node, None, None, DefaultGraph()):
            yield Quad(q.subject, q.predicate, q.object, graph)

    def merged_nodes(self) -> Iterator:
        """The merged graph's nodes (reported events, head posts), stored in the default graph."""
        for type_ in _MERGED_TYPES:
            for q in self._store.quads_for_pattern(None, _TYPE, type_, DefaultGraph()):
                if q.subject.value.startswith(vocab.MERGED_NODE_BASES):  # type: ignore[union-attr]
                    yield q.subject

    def _named_quads(self) -> Iterator[Quad]:
        """Every statement of every named graph, an article's own nodes' with it (not the
        default graph's copies of the named graphs)."""
        for graph in self.named_graphs():
            yield from self.graph_quads(NamedNode(graph))

    def __len__(self) -> int:
        """How many statements the named graphs hold, with the nodes stored once (the default
        graph's copies of the named graphs not counted)."""
        rows = self._store.query(
            "SELECT (COUNT(*) AS ?n) WHERE { { GRAPH ?g { ?s ?p ?o } } UNION "
            f"{{ ?n ?p ?o FILTER ({stored_once('n')}) }} }}"
        )
        return int(next(iter(cast(pyoxigraph.QuerySolutions, rows)))["n"].value)

    def dump(self, path: str | os.PathLike[str], fmt: str) -> Path:
        """Write the whole store to ``path`` in ``fmt`` (atomically: a temp file, then a rename)."""
        rdf_format(fmt)  # fail on an unknown format before touching the file system
        target = Path(path)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise KgError(f"cannot write here: {e.strerror or e}", where=str(target)) from e
        return atomic_write(target, lambda f: self.write_to(f, fmt))

    def write_to(self, stream: BinaryIO, fmt: str) -> None:
        """Stream the whole store to a binary stream in ``fmt``; what the export itself holds in
        memory does not grow with the store.

        Dataset formats (nq, trig, jsonld) get the named graphs quad by quad; triple formats
        (nt, ttl) get the union of all graphs, each triple once: the default graph, which holds it,
        or for a store whose union is not current, the named graphs through an external sort
        whose sorted runs go to a temporary directory (``$TMPDIR``) and take about the size of the
        N-Triples output there while the export runs."""
        rdf_fmt = rdf_format(fmt)
        prefixes = dict(vocab.PREFIXES) if rdf_fmt in (RdfFormat.TRIG, RdfFormat.TURTLE) else None
        if rdf_fmt.supports_datasets:
            pyoxigraph.serialize(self._named_quads(), stream, rdf_fmt, prefixes=prefixes)
        elif self._union_current:
            self._store.dump(stream, rdf_fmt, from_graph=DefaultGraph(), prefixes=prefixes)
        else:
            self._write_union(stream, rdf_fmt)

    def _write_union(self, stream: BinaryIO, rdf_fmt: RdfFormat) -> None:
        """The union of all graphs, each triple once: a triple stated by a thousand articles is
        one line. Sorting N-Triples lines in runs on disk and merging them puts repeats side by
        side without a set of the triples seen in memory (Oxigraph's CONSTRUCT keeps one, and
        clears it past a million triples, so it lets repeats through on big stores)."""
        with tempfile.TemporaryDirectory(prefix="kg-export-") as tmp:
            scratch = Path(tmp)
            runs = sorted_runs(self._named_quads(), scratch)
            while len(runs) > MERGE_FAN_IN:
                groups = (runs[i : i + MERGE_FAN_IN] for i in range(0, len(runs), MERGE_FAN_IN))
                runs = [merge_runs(group, scratch) for group in groups]
            with merged(runs) as lines:
                if rdf_fmt == RdfFormat.N_TRIPLES:
                    stream.writelines(lines)
                else:
                    prefixes = dict(vocab.PREFIXES) if rdf_fmt == RdfFormat.TURTLE else None
                    pyoxigraph.serialize(parse_lines(lines), stream, rdf_fmt, prefixes=prefixes)

    def flush(self) -> None:
        self._store.flush()

    def compact(self) -> None:
        """Finish RocksDB's compaction of everything written so far, now.

        Writes land as new sorted files that RocksDB merges in the background; a process that
        closes the store first leaves the merging undone, and a store opened read-only (``kg
        query``, ``kg serve``) never does it, so its queries read many overlapping files: 2-3x
        slower on a freshly built store (see benchmarks/README.md, "Compaction"). The cost grows
        with the whole store, not with what was written (10,000 articles, 1.2 GB: about 5 s).
        """
        try:
            self._store.optimize()
        except (OSError, RuntimeError) as e:  # RuntimeError: the store is open read-only
            raise KgError(
                f"could not compact the store: {_first_line(e)}", where=str(self.path)
            ) from e


def replace_graph_operations(graph: NamedNode, quads: Iterable[Quad]) -> list[str]:
    """The SPARQL update operations that replace a named graph's content with ``quads`` (all
    in the named graph: this is for graphs with no own nodes, the ontology's)."""
    ntriples = "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in quads)
    return [
        *drop_operations(graph),
        f"INSERT DATA {{ GRAPH {graph} {{\n{ntriples}}} }}",
        f"INSERT DATA {{\n{ntriples}}}",
    ]


def _replace_with_text(graph: NamedNode, nquads: str, named: int) -> list[str]:
    """Operations that replace an article graph with ``GraphText``'s text: its first ``named``
    lines end in the graph's IRI, which goes; the rest are the default graph's."""
    lines = nquads.split("\n")  # on "\n" only: literals keep U+2028 and friends raw
    cut = len(f" {graph} .")
    in_graph = "".join(f"{line[:-cut]} .\n" for line in lines[:named])
    in_default = "".join(f"{line}\n" for line in lines[named:] if line)
    return [
        *drop_operations(graph),
        f"INSERT DATA {{ GRAPH {graph} {{\n{in_graph}}} }}",
        f"INSERT DATA {{\n{in_default}}}",
    ]


def drop_operations(graph: NamedNode) -> list[str]:
    """Drop a named graph, an article's own nodes, and from the default graph (the union) each
    of the graph's triples that no other named graph states."""
    return [
        f"DELETE {{ ?n ?p ?o }} WHERE {{ {own_nodes_of(str(graph))} ?n ?p ?o }}",
        f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER (?other != {graph}) }} }}",
        f"DROP SILENT GRAPH {graph}",
    ]


def change_quads_operations(removed: Iterable[Quad], added: Iterable[Quad]) -> list[str]:
    """Update operations that take the ``removed`` quads out of their named graphs and put the
    ``added`` ones in, the union kept up to date: a few triples changed, the graphs left alone."""
    removed, added = list(removed), list(added)
    operations = []
    if removed:
        operations.append("DELETE DATA {\n" + "".join(f"{_in_graph(q)}\n" for q in removed) + "}")
    if added:
        operations.append("INSERT DATA {\n" + "".join(f"{_in_graph(q)}\n" for q in added) + "}")
    return [
        *operations,
        *union_update(removed=[q.triple for q in removed], added=[q.triple for q in added]),
    ]


def _in_graph(quad: Quad) -> str:
    return f"GRAPH {quad.graph_name} {{ {quad.triple} }}"


def union_update(removed: Iterable[Triple] = (), added: Iterable[Triple] = ()) -> list[str]:
    """Update operations that bring the default graph (the union) up to date after an update of
    named graphs that took the ``removed`` triples out of some of them and put ``added`` in: a
    removed triple leaves the union unless another named graph still states it. They go in the
    same request as that update, after it."""
    operations = []
    if rows := " ".join(sorted(f"({t.subject} {t.predicate} {t.object})" for t in removed)):
        operations.append(
            f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES (?s ?p ?o) {{ {rows} }} "
            f"FILTER NOT EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} }} }}"
        )
    if lines := "".join(sorted(f"{t} .\n" for t in added)):
        operations.append(f"INSERT DATA {{\n{lines}}}")
    return operations


_DERIVED = NamedNode(vocab.PROV + "wasDerivedFrom")
_TYPE = NamedNode(vocab.RDF + "type")
_MERGED_TYPES = (NamedNode(vocab.civ(vocab.REPORTED_EVENT)), NamedNode(vocab.ORG + "Post"))


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
