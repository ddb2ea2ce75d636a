"""KnowledgeGraph: the facade notebooks and the CLI use; it delegates to readers, pipeline, rdf, store, views."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import BinaryIO

import pyoxigraph

from kg import merge, rdf, views, vocab
from kg.errors import KgError
from kg.lang.tr.text import fold
from kg.model import Article, Problem
from kg.pipeline import EXTRACTOR_VERSION, extract
from kg.readers import read_inputs
from kg.store import EmbeddedStore

STORE_DIR = "store"
GRAPH_FILE = "graph"  # + ".trig" etc.
HTML_FILE = "graph.html"
UNCHANGED = Problem("", "")  # marks an article that needed no work (not a problem)


@dataclass(frozen=True)
class EntityRow:
    """One entity of the whole graph, as `kg entities` lists it."""

    name: str
    type: str
    subtype: str | None
    aliases: tuple[str, ...]
    mentions: int
    articles: int


@dataclass
class BuildReport:
    """What a build did: counts, the problems it met and where it wrote."""

    out: Path
    articles: int = 0  # read and in the store (unchanged ones included)
    unchanged: int = 0  # already stored as they are: not extracted again
    problems: list[Problem] = field(default_factory=list)
    entities: int = 0
    facts_by_predicate: dict[str, int] = field(default_factory=dict)
    quads: int = 0
    outputs: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


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
    def build(
        cls,
        inputs: Iterable[str | os.PathLike[str]],
        *,
        out: str | os.PathLike[str],
        formats: Iterable[str] = ("trig",),
        html: bool = True,
        on_progress: Callable[[int], None] | None = None,
        on_problem: Callable[[Problem], None] | None = None,
    ) -> BuildReport:
        """Read, extract and store every article of ``inputs`` into ``out``; write RDF files and a view.

        Each article replaces its own named graph in one transaction, so building twice gives the
        same store, and a failure leaves every article either as it was or fully new.
        """
        out = Path(out)
        _check_writable(out)
        kg = cls(out, EmbeddedStore(out / STORE_DIR))  # holds the store's lock from here on
        _remove_interrupted_writes(out)
        report = BuildReport(out)
        kg._load_ontology()
        for item in read_inputs(inputs):
            problem = item if isinstance(item, Problem) else kg._add_or_report(item)
            if problem is UNCHANGED:
                report.unchanged += 1
                problem = None
            if problem is not None:
                report.problems.append(problem)
                if on_problem:
                    on_problem(problem)
                continue
            report.articles += 1
            if on_progress:
                on_progress(report.articles)
        kg.consolidate()
        kg.store.flush()
        for fmt in formats:
            report.outputs.append(kg.export(out / f"{GRAPH_FILE}.{fmt}", fmt))
        if html:
            report.outputs.append(kg.render_html(out / HTML_FILE))
        report.entities = kg.count_entities()
        report.facts_by_predicate = kg.count_facts()
        report.quads = len(kg.store)
        return report

    def add_article(self, article: Article) -> int:
        """Extract one article and replace its named graph with what it states; returns quads written.

        An article whose text, metadata and extractor are unchanged since it was stored is not
        extracted again (0 is returned): adding new articles to a big store is incremental.
        """
        digest = rdf.content_hash(article, EXTRACTOR_VERSION)
        if self.store.contains(rdf.content_hash_quad(article.id, digest)):
            return 0
        extraction = extract(article)
        quads = rdf.extraction_quads(extraction, extractor_version=EXTRACTOR_VERSION, digest=digest)
        return self.store.replace_graph(rdf.article_iri(article.id), quads)

    def _add_or_report(self, article: Article) -> Problem | None:
        """Add an article; a failure becomes a problem naming it, and the build goes on."""
        where = article.source or article.id
        try:
            if not self.add_article(article):
                return UNCHANGED
        except KgError as e:
            return Problem(where, e.message)
        except Exception as e:  # an extractor bug must not stop a corpus build: report it
            return Problem(where, f"extraction failed: {type(e).__name__}: {e}")
        return None

    def consolidate(self) -> None:
        """Join what the articles say to each other, in one transaction (``build`` and ``remove`` call it).

        An entity written alone as another's alias ("İBB") takes the IRI of the entity that owns the
        alias; every entity keeps one ``rdfs:label`` across all articles (other spellings become
        ``skos:altLabel``); and the merged graph is rebuilt: one ``civ:ReportedEvent`` per event with
        every article that reports it, and each organisation's head post (``org:Post``).
        """
        names = self._entity_names()
        iri_of = {(n.type, n.iri.rsplit("/", 1)[-1]): n.iri for n in names}
        rewrites = merge.iri_rewrites(names, iri_of)
        labels = merge.canonical_labels(names, rewrites)
        facts = self._reported_facts()
        events = merge.merge_events(
            facts,
            rewrites,
            predicates=vocab.EVENT_PREDICATES,
            symmetric=vocab.SYMMETRIC_PREDICATES,
        )
        posts = merge.post_holders(facts, rewrites, predicate="headOf")
        self.store.update(
            [
                *rdf.rewrite_update(rewrites),
                *rdf.relabel_update(merge.relabels(names, rewrites, labels)),
                *self.store.delta_operations(rdf.MERGED_GRAPH, rdf.merged_quads(events, posts)),
            ]
        )

    def _entity_names(self) -> list[merge.EntityName]:
        tops = " ".join(f"civ:{t}" for t in vocab.TOP_TYPES)
        rows = self.query(f"""
            SELECT ?g ?e ?top ?name ?alias WHERE {{
              VALUES ?top {{ {tops} }}
              GRAPH ?g {{
                ?e a ?top .
                {{ ?e rdfs:label ?name BIND(false AS ?alias) }}
                UNION {{ ?e skos:altLabel ?name BIND(true AS ?alias) }}
              }}
            }}""")
        return [
            merge.EntityName(
                r["g"].value,
                r["e"].value,
                r["top"].value.removeprefix(vocab.CIV),
                r["name"].value,
                r["alias"].value == "true",
            )
            for r in rows
        ]

    def _reported_facts(self) -> list[merge.ReportedFact]:
        rows = self.query(f"""
            SELECT ?g ?f ?p ?s ?o ?date WHERE {{
              GRAPH ?g {{
                ?f civ:relation ?p ; civ:agent ?s ; civ:counterpart ?o .
                OPTIONAL {{ ?f civ:date ?date }}
              }}
              FILTER (?g != <{vocab.MERGED_GRAPH}>)
            }}""")
        return [
            merge.ReportedFact(
                r["f"].value,
                r["g"].value,
                r["p"].value.removeprefix(vocab.CIV),
                r["s"].value,
                r["o"].value,
                _date(r["date"]),
            )
            for r in rows
        ]

    def query(self, sparql: str):
        """Run SPARQL over the union of all article graphs (civ:, rdfs:, schema: ... prefixes predeclared)."""
        return self.store.query(sparql)

    def export(self, path: str | os.PathLike[str], fmt: str) -> Path:
        """Write the whole graph as RDF (trig, nq, ttl, nt, jsonld) to a file, atomically."""
        return self.store.dump(path, fmt)

    def export_to(self, stream: BinaryIO, fmt: str) -> None:
        """Stream the whole graph as RDF to a binary stream (standard output, a socket...)."""
        self.store.write_to(stream, fmt)

    def render_html(self, path: str | os.PathLike[str]) -> Path:
        """Write the self-contained interactive network view."""
        nodes, edges = views.view_data(self.store.raw)
        target = Path(path)
        views.write_html(
            views.render_html(nodes, edges, title=f"civic-kg: {self.directory.name}"), target
        )
        return target

    def entities(self, *, type: str | None = None, search: str | None = None) -> list[EntityRow]:
        """Every entity with its type, aliases, and how many articles name it how often.

        ``type`` is a top type or subtype name ("Organization", "CityCouncil"); ``search`` keeps
        names or aliases containing the text (Turkish-aware, case-insensitive).
        """
        known = {t.lower(): t for t in vocab.ENTITY_CLASSES}
        if type is not None and type.lower() not in known:
            raise KgError(
                f"unknown entity type '{type}' (use one of: {', '.join(vocab.ENTITY_CLASSES)})"
            )
        wanted = f"civ:{known[type.lower()]}" if type else "?any"
        tops = " ".join(f"civ:{t}" for t in vocab.TOP_TYPES)
        rows = self.query(f"""
            SELECT ?e ?top (SAMPLE(?sub) AS ?subtype) (SAMPLE(?label) AS ?name)
                   (GROUP_CONCAT(DISTINCT ?alias; separator="|") AS ?aliases)
                   (COUNT(DISTINCT ?g) AS ?articles) WHERE {{
              VALUES ?top {{ {tops} }}
              ?e a ?top , {wanted} ; rdfs:label ?label .
              OPTIONAL {{ ?e a ?sub . FILTER(?sub != ?top) }}
              OPTIONAL {{ ?e skos:altLabel ?alias }}
              GRAPH ?g {{ ?e rdfs:label ?l }}
            }} GROUP BY ?e ?top""")
        counts = self._mention_counts()
        needle = fold(search) if search else None
        found = []
        for r in rows:
            aliases = tuple(a for a in (r["aliases"].value if r["aliases"] else "").split("|") if a)
            name = r["name"].value
            if needle and not any(needle in fold(n) for n in (name, *aliases)):
                continue
            subtype = r["subtype"].value.removeprefix(vocab.CIV) if r["subtype"] else None
            found.append(
                EntityRow(
                    name,
                    r["top"].value.removeprefix(vocab.CIV),
                    subtype,
                    aliases,
                    counts.get(r["e"].value, 0),
                    int(r["articles"].value),
                )
            )
        return sorted(found, key=lambda e: (-e.articles, -e.mentions, fold(e.name)))

    def _mention_counts(self) -> dict[str, int]:
        rows = self.query(
            "SELECT ?e (SUM(?n) AS ?total) WHERE { GRAPH ?g { ?e civ:mentionCount ?n } } GROUP BY ?e"
        )
        return {r["e"].value: int(r["total"].value) for r in rows}

    def remove(self, article_id: str) -> int:
        """Remove an article and everything it stated; returns how many quads went."""
        graph = rdf.article_iri(article_id)
        if graph.value not in self.store.named_graphs():
            raise KgError(
                f"no article with id '{article_id}' in this graph", where=str(self.directory)
            )
        removed = self.store.drop_graph(graph)
        self.consolidate()
        return removed

    def count_entities(self) -> int:
        types = " ".join(f"civ:{t}" for t in vocab.TOP_TYPES)
        rows = self.query(
            f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ VALUES ?t {{ {types} }} ?e a ?t }}"
        )
        return int(next(iter(rows))["n"].value)

    def count_facts(self) -> dict[str, int]:
        rows = self.query(
            "SELECT ?p (COUNT(DISTINCT ?f) AS ?n) WHERE { ?f civ:relation ?p "
            "FILTER NOT EXISTS { ?f a civ:ReportedEvent } } GROUP BY ?p"
        )
        counts = Counter({r["p"].value.removeprefix(vocab.CIV): int(r["n"].value) for r in rows})
        return dict(sorted(counts.items()))

    def _load_ontology(self) -> None:
        graph = pyoxigraph.NamedNode(vocab.ONTOLOGY_GRAPH)
        try:
            triples = list(pyoxigraph.parse(path=str(vocab.ONTOLOGY_FILE)))
        except (OSError, SyntaxError) as e:
            raise KgError(f"cannot read the ontology: {e}", where=str(vocab.ONTOLOGY_FILE)) from e
        self.store.replace_graph(
            graph, (pyoxigraph.Quad(t.subject, t.predicate, t.object, graph) for t in triples)
        )


def _date(term) -> date | None:
    try:
        return date.fromisoformat(term.value) if term is not None else None
    except ValueError:  # a malformed date in a hand-made graph: treat the report as undated
        return None


def _remove_interrupted_writes(out: Path) -> None:
    """Temp files a killed build left behind while writing graph.* (they never replace a file)."""
    for leftover in out.glob(f".{GRAPH_FILE}.*"):
        leftover.unlink(missing_ok=True)


def _check_writable(out: Path) -> None:
    """Fail early, before anything is read, when the output directory cannot be written."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".kg-write-check"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as e:
        raise KgError(f"cannot write here: {e.strerror or e}", where=str(out)) from e
