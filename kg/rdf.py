"""Extractions as RDF quads: stable IRIs, one named graph per article, each fact stated twice."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from urllib.parse import quote

from pyoxigraph import Literal, NamedNode, Quad

from kg import vocab
from kg.lang.tr.text import slug
from kg.model import Article, Byline, Entity, Extraction, Fact

RDF_TYPE = NamedNode(vocab.RDF + "type")
RDFS_LABEL = NamedNode(vocab.RDFS + "label")
SKOS_ALT = NamedNode(vocab.SKOS + "altLabel")
PROV_DERIVED = NamedNode(vocab.PROV + "wasDerivedFrom")
XSD_DATE = NamedNode(vocab.XSD + "date")
XSD_DECIMAL = NamedNode(vocab.XSD + "decimal")
XSD_INTEGER = NamedNode(vocab.XSD + "integer")


def civ(term: str) -> NamedNode:
    return NamedNode(vocab.civ(term))


def entity_iri(name: str, type_: str) -> NamedNode:
    """The IRI of an entity: its type and a Turkish-aware key of its name, the same in every article.

    >>> entity_iri("Manisalı Dernekler Federasyonu", "Organization").value
    'https://w3id.org/civic-kg/id/organization/manisali-dernekler-federasyonu'
    """
    return NamedNode(f"{vocab.ENTITY_BASE}{type_.lower()}/{slug(name) or 'unnamed'}")


def article_iri(article_id: str) -> NamedNode:
    """The IRI of an article, which also names the graph of everything it states.

    >>> article_iri("izmir-manisa-fed").value
    'https://w3id.org/civic-kg/article/izmir-manisa-fed'
    """
    return NamedNode(vocab.ARTICLE_BASE + quote(article_id, safe="-._~"))


def fact_iri(article_id: str, fact: Fact, s: NamedNode, o: NamedNode) -> NamedNode:
    digest = hashlib.sha1(f"{article_id}\n{s.value}\n{fact.p}\n{o.value}".encode()).hexdigest()
    return NamedNode(vocab.EVENT_BASE + digest[:20])


def content_hash(article: Article, extractor_version: str) -> str:
    """A key of everything extraction depends on: the same key means the same graph.

    >>> content_hash(Article("a", "Metin."), "v1") == content_hash(Article("a", "Metin."), "v1")
    True
    >>> content_hash(Article("a", "Metin."), "v1") == content_hash(Article("a", "Metin."), "v2")
    False
    """
    fields = [
        article.id,
        article.text,
        article.url,
        article.date,
        article.title,
        article.outlet,
        article.source,
        extractor_version,
    ]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode()).hexdigest()


def content_hash_quad(article_id: str, digest: str) -> Quad:
    graph = article_iri(article_id)
    return Quad(graph, civ(vocab.CONTENT_HASH), Literal(digest), graph)


def extraction_quads(
    extraction: Extraction, *, extractor_version: str, digest: str | None = None
) -> Iterator[Quad]:
    """Every quad an article contributes, all in the article's named graph."""
    article = extraction.article
    graph = article_iri(article.id)
    yield from _article_quads(article, graph)
    if digest is not None:
        yield content_hash_quad(article.id, digest)
    iris = {}
    for entity in extraction.entities:
        iri = entity_iri(entity.name, entity.type)
        iris[entity.name] = iri
        yield from _entity_quads(entity, iri, graph)
    if extraction.byline is not None:
        yield from _byline_quads(extraction.byline, iris, graph)
    for fact in extraction.facts:
        s, o = iris[fact.s], iris[fact.o]
        yield Quad(s, civ(fact.p), o, graph)
        yield from _fact_quads(article, fact, s, o, graph, extractor_version)


def _article_quads(article: Article, graph: NamedNode) -> Iterator[Quad]:
    yield Quad(graph, RDF_TYPE, NamedNode(vocab.SCHEMA + "NewsArticle"), graph)
    yield Quad(graph, civ(vocab.ARTICLE_ID), Literal(article.id), graph)
    if article.url:
        yield Quad(graph, NamedNode(vocab.SCHEMA + "url"), NamedNode(article.url), graph)
    if article.date:
        yield Quad(
            graph,
            NamedNode(vocab.SCHEMA + "datePublished"),
            Literal(article.date, datatype=XSD_DATE),
            graph,
        )
    if article.title:
        yield Quad(
            graph,
            NamedNode(vocab.SCHEMA + "headline"),
            Literal(article.title, language="tr"),
            graph,
        )
    if article.outlet:
        yield Quad(graph, civ(vocab.OUTLET), Literal(article.outlet), graph)
    if article.source:
        yield Quad(graph, civ(vocab.SOURCE_FILE), Literal(article.source), graph)


def _byline_quads(byline: Byline, iris: dict[str, NamedNode], graph: NamedNode) -> Iterator[Quad]:
    """The reporter (schema:author), dateline city and agency, linked to their entity nodes."""
    for prop, name in (
        ("author", byline.reporter),
        ("contentLocation", byline.place),
        ("sourceOrganization", byline.agency),
    ):
        if name in iris:
            yield Quad(graph, NamedNode(vocab.SCHEMA + prop), iris[name], graph)


def _entity_quads(entity: Entity, iri: NamedNode, graph: NamedNode) -> Iterator[Quad]:
    yield Quad(iri, RDF_TYPE, civ(entity.type), graph)
    if entity.subtype:
        yield Quad(iri, RDF_TYPE, civ(entity.subtype), graph)
    yield Quad(iri, RDFS_LABEL, Literal(entity.name, language="tr"), graph)
    yield Quad(
        iri, civ(vocab.MENTION_COUNT), Literal(str(entity.mentions), datatype=XSD_INTEGER), graph
    )
    for alias in entity.aliases:
        yield Quad(iri, SKOS_ALT, Literal(alias, language="tr"), graph)


def _fact_quads(
    article: Article,
    fact: Fact,
    s: NamedNode,
    o: NamedNode,
    graph: NamedNode,
    extractor_version: str,
) -> Iterator[Quad]:
    node = fact_iri(article.id, fact, s, o)
    yield Quad(node, RDF_TYPE, civ(vocab.FACT_CLASS[fact.p]), graph)
    yield Quad(node, civ(vocab.RELATION), civ(fact.p), graph)
    yield Quad(node, civ(vocab.AGENT), s, graph)
    yield Quad(node, civ(vocab.COUNTERPART), o, graph)
    yield Quad(node, civ(vocab.EVIDENCE), Literal(fact.evidence, language="tr"), graph)
    yield Quad(
        node, civ(vocab.EVIDENCE_START), Literal(str(fact.start), datatype=XSD_INTEGER), graph
    )
    yield Quad(node, civ(vocab.EVIDENCE_END), Literal(str(fact.end), datatype=XSD_INTEGER), graph)
    yield Quad(
        node, civ(vocab.CONFIDENCE), Literal(f"{fact.confidence:.3f}", datatype=XSD_DECIMAL), graph
    )
    yield Quad(node, civ(vocab.EXTRACTOR_VERSION), Literal(extractor_version), graph)
    if article.date:
        yield Quad(node, civ(vocab.DATE), Literal(article.date, datatype=XSD_DATE), graph)
    yield Quad(node, PROV_DERIVED, graph, graph)
