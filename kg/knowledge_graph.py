"""KnowledgeGraph: the facade notebooks and the CLI use; one-liners over builder, query, views, exports."""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, cast

import pyoxigraph

from kg import vocab
from kg.builder import run as builder
from kg.builder.ingest import ingest
from kg.builder.run import GRAPH_FILE, BuildReport, RemovalReport
from kg.builder.workers import Engine
from kg.consolidate import run as consolidation
from kg.errors import KgError
from kg.model import Article, Problem
from kg.query import sparql
from kg.sparql_limits import DEFAULT_LIMITS, QueryLimits, shape_problem
from kg.store.embedded import FORMATS, EmbeddedStore
from kg.views import model as views

if TYPE_CHECKING:  # pandas, networkx and rdflib load when a method needs them: not for `import kg`
    import networkx as nx
    import pandas as pd
    import rdflib

STORE_DIR = "store"
HTML_FILE = "graph.html"


class KnowledgeGraph:
    """A civic knowledge graph kept in a directory: an Oxigraph store plus exported files."""

    def __init__(self, directory: Path, store: EmbeddedStore) -> None:
        self.directory = directory
        self.store = store

    @classmethod
    def open(cls, directory: str | os.PathLike[str], *, read_only: bool = True) -> KnowledgeGraph:
        """Open a graph that ``build`` wrote to ``directory``."""
        directory = Path(directory)
        return cls(directory, EmbeddedStore(directory / STORE_DIR, read_only=read_only))

    @classmethod
    def build(  # noqa: PLR0913
        cls,
        inputs: Iterable[str | os.PathLike[str]],
        *,
        out: str | os.PathLike[str],
        formats: Iterable[str] = ("trig",),
        html: bool = True,
        engine: str = "local",
        workers: int = 1,
        scheduler: str | None = None,
        on_progress: Callable[[int, int], None] | None = None,
        on_written: Callable[[int, int], None] | None = None,
        on_problem: Callable[[Problem], None] | None = None,
        on_stage: Callable[[str], None] | None = None,
    ) -> BuildReport:
        """Read, extract and store every article of ``inputs`` into ``out``; write RDF files and a view.

        Each article replaces its own named graph in one transaction, so building twice gives the
        same store, and a failure leaves every article either as it was or fully new. Articles
        stream through: ``workers`` processes extract them (``engine="dask"``: a Dask cluster at
        ``scheduler``, or a local one), and the store is the same whichever engine ran.
        ``on_progress(articles, facts)`` is called as articles are extracted,
        ``on_written(articles, of)`` as they are then written to the store, and
        ``on_stage(what)`` as each later stage starts (consolidating, compacting, each file).
        """
        stage = on_stage or (lambda what: None)
        out = Path(out)
        builder.check_writable(out)
        kg = cls(out, EmbeddedStore(out / STORE_DIR))  # holds the store's lock from here on
        report = builder.build_store(
            kg.store,
            out,
            inputs,
            engine=Engine(engine, workers, scheduler),
            on_progress=on_progress,
            on_written=on_written,
            on_problem=on_problem,
            on_stage=stage,
        )
        report.outputs = kg._write_files(formats, html=html, on_stage=stage)
        report.entities = kg.count_entities()
        report.facts_by_predicate = kg.count_facts()
        builder.mark_new_generation(out)
        return report

    def add_article(self, article: Article) -> bool:
        """Extract one article and replace its named graph with what it states.

        Returns False when the article's text, metadata and extractor are unchanged since it was
        stored (it is not extracted again). Call ``consolidate()`` after adding articles.
        """
        report = ingest(self.store, [article])
        if report.problems:
            raise KgError(report.problems[0].message, where=report.problems[0].where)
        return not report.unchanged

    def consolidate(self, scope: Iterable[str] | None = None) -> None:
        """Join what the articles say to each other (``build`` and ``remove`` call it).

        An entity written alone as another's alias ("İBB") takes the IRI of the entity that owns the
        alias; every entity keeps one ``rdfs:label`` across all articles (other spellings become
        ``skos:altLabel``); and the merged graph holds one ``civ:ReportedEvent`` per event with
        every article that reports it, and each organisation's head post (``org:Post``).
        ``scope``: the entity IRIs whose labels, events and posts may have changed (all if None).
        """
        consolidation.consolidate(
            self.store,
            consolidation.Everything() if scope is None else consolidation.Touched(scope),
        )

    def query(self, sparql: str) -> pd.DataFrame | bool | rdflib.Graph:
        """Run SPARQL over the union of all graphs (civ:, rdfs:, skos:, schema: ... predeclared).

        SELECT gives a DataFrame, one column per variable in order, typed by its values:
        xsd:integer ``Int64``, xsd:decimal/double/float ``float64``, xsd:boolean ``boolean``,
        xsd:date and xsd:dateTime ``datetime64`` (pandas dates: ``df["date"].dt.year`` works),
        IRIs and text ``string``; unbound cells are missing, and a column mixing kinds stays
        ``object``. ASK gives a bool; CONSTRUCT and DESCRIBE an ``rdflib.Graph``. Use ``sparql``
        for pyoxigraph's own results (streamed, RDF terms kept)::

            kg.query("SELECT ?name ?date WHERE { ?f civ:date ?date ; civ:agent [ rdfs:label ?name ] }")
        """
        from kg.query.results import results_frame

        return results_frame(self.sparql(sparql))

    def sparql(
        self, sparql: str, limits: QueryLimits | None = DEFAULT_LIMITS
    ) -> pyoxigraph.QuerySolutions | pyoxigraph.QueryBoolean | pyoxigraph.QueryTriples:
        """Run SPARQL like ``query`` but return pyoxigraph's results as they come: a
        ``QuerySolutions`` (rows of RDF terms, streamed), a ``QueryBoolean`` or ``QueryTriples``.
        For code that writes SPARQL result formats or reads big results row by row.

        A query past ``limits`` (``kg.sparql_limits``: nested or chained deeper than the query
        engine survives) raises ``KgError`` before the engine sees it; None: the caller checked."""
        if limits is not None and (problem := shape_problem(sparql, limits)) is not None:
            raise KgError(f"query refused: {problem}")
        return self.store.query(sparql)

    def export(self, path: str | os.PathLike[str], fmt: str) -> Path:
        """Write the whole graph as RDF (trig, nq, ttl, nt, jsonld) to a file, atomically."""
        return self.store.dump(path, fmt)

    def export_to(self, stream: BinaryIO, fmt: str) -> None:
        """Stream the whole graph as RDF to a binary stream (standard output, a socket...)."""
        self.store.write_to(stream, fmt)

    def render_html(self, path: str | os.PathLike[str], **filters) -> Path:
        """Write the self-contained interactive network view (atomically); returns its path.

        ``filters`` are ``kg.views.model.ViewFilter``'s fields: ``predicates``, ``types``, ``since``,
        ``until``, ``focus``, ``hops``, ``top``, ``min_confidence``::

            kg.render_html("visits.html", predicates=["visited"], since="2026-01-01")
        """
        from kg.views.style import write_file

        return write_file(self.html(**filters), path)

    def html(self, **filters) -> str:
        """The interactive network page as a string; ``filters`` as for ``render_html``."""
        from kg.views import html as page

        view = views.ViewFilter(**filters)
        nodes, edges = views.read_view(self.store, view)
        title = f"civic-kg: {self.directory.name}"
        return page.render_html(nodes, edges, title=title, subtitle=view.describe())

    def render_figure(
        self, path: str | os.PathLike[str], fmt: str | None = None, **filters
    ) -> Path:
        """Write a static PNG or SVG figure of the network for papers (atomically); returns its path.

        ``fmt`` is "png" or "svg" (default: from the file's suffix); ``filters`` as for
        ``render_html``::

            kg.render_figure("figure1.svg", focus="İzmir Büyükşehir Belediyesi", hops=2)
        """
        from kg.views import figure as figures
        from kg.views.style import write_file

        fmt = figures.figure_format(path, fmt)
        view = views.ViewFilter(**filters)
        nodes, edges = views.read_view(self.store, view)
        title = f"civic-kg: {self.directory.name}"
        return write_file(
            figures.render_figure(nodes, edges, fmt, title=title, subtitle=view.describe()), path
        )

    def show(self, **filters):
        """The network inline in Jupyter: an ``IPython.display.HTML`` frame holding the page.

        ``filters`` as for ``render_html``; for big graphs prefer a filter (``top=200``) or
        ``render_html``, as the notebook keeps the whole page in its output.
        """
        from kg.views import html as page

        return page.notebook_frame(self.html(**filters))

    def entities(self, *, type: str | None = None, search: str | None = None) -> pd.DataFrame:
        """Every entity, most cited first: a DataFrame with columns ``iri``, ``name``, ``type``
        (Person, Organization, Place), ``subtype`` (missing when unknown), ``aliases`` (a list of
        other spellings: ``df.explode("aliases")`` gives one row per alias), ``mentions`` (times
        named, all articles together) and ``articles`` (how many name it), both ``int64``.

        ``type`` keeps a top type or subtype ("Organization", "CityCouncil"); ``search`` keeps
        names or aliases containing the text, folded as IRIs fold names (any case, Turkish
        letters or their ASCII, a case suffix: "IZMIR", "izmir'de" find İzmir); when it finds
        nothing, ``nearest_names`` says what is close::

            kg.entities(type="Municipality", search="izmir")
        """
        from kg.query import tables

        return tables.entities(self.store, type=type, search=search)

    def nearest_names(self, name: str, *, n: int = 5) -> list[str]:
        """Up to ``n`` entity names (labels, else aliases) nearest to ``name``: those that hold it
        as whole words first (shortest first), then the most alike in spelling; the names an
        unknown ``entity=`` or ``focus=`` suggests::

            kg.nearest_names("Mersin Buyuksehir")  # ['Mersin Büyükşehir Belediyesi']
        """
        from kg.query import tables

        return tables.nearest_names(self.store, name, n=n)

    def facts(
        self,
        *,
        predicate: str | Iterable[str] | None = None,
        since: date | str | None = None,
        until: date | str | None = None,
        entity: str | None = None,
        min_confidence: float | None = None,
    ) -> pd.DataFrame:
        """One row per fact an article states (not the merged events: see ``events``), by date.

        Columns: ``fact`` (the fact node's IRI), ``subject``, ``subject_label``, ``predicate``
        (local name: "visited"), ``object``, ``object_label``, ``date`` (``datetime64``, the
        article's date), ``confidence`` (``float64``), ``evidence`` (the sentence), ``article``
        (its IRI, also its graph's), ``url`` and ``outlet``; IRIs and text are ``string``.

        ``predicate`` keeps one or several predicates; ``since`` and ``until`` (dates or
        "YYYY-MM-DD", both included) keep dated facts in that range; ``entity`` (an IRI, or the
        whole of a name or alias, in any case, with Turkish letters or their ASCII, a case suffix
        aside) keeps facts it is a party to, and a name that is none raises a KgError naming the
        nearest; ``min_confidence`` keeps
        facts at least that confident::

            kg.facts(predicate=["visited", "metWith"], since="2024-01-01", entity="İBB")
        """
        from kg.query import tables

        return tables.facts(
            self.store,
            predicate=predicate,
            since=since,
            until=until,
            entity=entity,
            min_confidence=min_confidence,
        )

    def events(
        self,
        *,
        predicate: str | Iterable[str] | None = None,
        since: date | str | None = None,
        until: date | str | None = None,
        entity: str | None = None,
        min_sources: int = 1,
    ) -> pd.DataFrame:
        """One row per event as all its reports tell it (``civ:ReportedEvent`` in the merged
        graph), most widely reported first.

        Columns: ``event``, ``subject``, ``subject_label``, ``predicate``, ``object``,
        ``object_label``, ``sources`` (``Int64``, articles reporting it), ``first_reported`` and
        ``last_reported`` (``datetime64``), ``articles`` and ``outlets`` (sorted lists).
        ``since``/``until`` keep events reported at some time in that range; ``predicate`` and
        ``entity`` filter as in ``facts``; ``min_sources`` keeps events reported that often::

            kg.events(min_sources=2)
        """
        from kg.query import tables

        return tables.events(
            self.store,
            predicate=predicate,
            since=since,
            until=until,
            entity=entity,
            min_sources=min_sources,
        )

    def to_rdflib(self) -> rdflib.Dataset:
        """Every named graph (articles, merged, ontology) in an in-memory ``rdflib.Dataset`` whose
        default graph is their union, as in ``query``; the project's prefixes are bound.

        The quads go through a temporary N-Quads file, so memory holds rdflib's copy only; for a
        big store that copy is large (rdflib keeps about 1 KB per quad)."""
        import rdflib

        dataset = rdflib.Dataset(default_union=True)
        for prefix, namespace in vocab.PREFIXES.items():
            dataset.bind(prefix, namespace)
        with tempfile.TemporaryFile() as nquads:
            self.store.write_to(nquads, "nq")
            nquads.seek(0)
            dataset.parse(source=nquads, format="nquads")
        return dataset

    def to_networkx(self, predicates: str | Iterable[str] | None = None) -> nx.MultiDiGraph:
        """The entities and facts as a ``networkx.MultiDiGraph``, facts restricted to ``predicates``.

        Nodes are every entity's IRI with ``label``, ``type``, ``subtype``, ``aliases`` ("; "
        joined), ``mentions`` and ``articles``; each fact is an edge from its subject to its object
        keyed by the fact's IRI, with ``label`` and ``predicate``, ``date`` ("YYYY-MM-DD"),
        ``confidence``, ``evidence``, ``article``, ``url`` and ``outlet``. No attribute is None
        (unknown text is ""). Entities without a kept fact stay as isolated nodes: drop them with
        ``g.remove_nodes_from(list(nx.isolates(g)))``."""
        from kg.exports import network as networks

        return networks.network(
            self.entities(), self.facts(predicate=predicates), name=self.directory.name
        )

    def to_gexf(
        self, path: str | os.PathLike[str], *, predicates: str | Iterable[str] | None = None
    ) -> Path:
        """Write ``to_networkx(predicates)`` as GEXF for Gephi, atomically (attributes sanitised:
        lists joined, only text, numbers and booleans)."""
        from kg.exports import network as networks

        return networks.write_gexf(self.to_networkx(predicates), path)

    def to_graphml(
        self, path: str | os.PathLike[str], *, predicates: str | Iterable[str] | None = None
    ) -> Path:
        """Write ``to_networkx(predicates)`` as GraphML, atomically (attributes sanitised)."""
        from kg.exports import network as networks

        return networks.write_graphml(self.to_networkx(predicates), path)

    @classmethod
    def upgrade(cls, directory: str | os.PathLike[str]) -> bool:
        """Bring the store in ``directory`` to this version's layout if an older civic-kg wrote
        it (opening it for writing does, as any build into it would); whether it had to."""
        directory = Path(directory)
        store = EmbeddedStore(directory / STORE_DIR)
        if store.upgraded:
            builder.mark_new_generation(directory)  # a server reading it opens it again
        return store.upgraded

    def remove(self, article_id: str) -> RemovalReport:
        """Remove an article and everything it stated, then rewrite the files a build wrote
        beside the store (each ``graph.*`` RDF file there and ``graph.html``, atomically, as the
        build wrote them) so that none still holds it; the report says which files it rewrote."""
        quads = builder.remove_article(self.store, self.directory, article_id)
        written = [fmt for fmt in FORMATS if (self.directory / f"{GRAPH_FILE}.{fmt}").exists()]
        outputs = self._write_files(written, html=(self.directory / HTML_FILE).exists())
        builder.mark_new_generation(self.directory)
        return RemovalReport(article_id, quads, outputs)

    def _write_files(
        self,
        formats: Iterable[str],
        *,
        html: bool,
        on_stage: Callable[[str], None] = lambda what: None,
    ) -> list[Path]:
        """Write the RDF files and the view a build leaves beside the store; returns their paths."""
        outputs = []
        for fmt in formats:
            on_stage(f"writing {GRAPH_FILE}.{fmt}")
            outputs.append(self.export(self.directory / f"{GRAPH_FILE}.{fmt}", fmt))
        if html:
            on_stage(f"drawing {HTML_FILE}")
            outputs.append(self.render_html(self.directory / HTML_FILE))
        return outputs

    def count_entities(self) -> int:
        rows = self.sparql(
            "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { "
            f"VALUES ?t {{ {sparql.TOP_TYPES} }} ?e a ?t }}"
        )
        return int(next(iter(cast(pyoxigraph.QuerySolutions, rows)))["n"].value)

    def count_facts(self) -> dict[str, int]:
        """Fact nodes per relation (only they state civ:relation; the merged graph's events
        state civ:eventRelation)."""
        rows = self.sparql("SELECT ?p (COUNT(?f) AS ?n) WHERE { ?f civ:relation ?p } GROUP BY ?p")
        rows = cast(pyoxigraph.QuerySolutions, rows)
        counts = Counter({r["p"].value.removeprefix(vocab.CIV): int(r["n"].value) for r in rows})
        return dict(sorted(counts.items()))
