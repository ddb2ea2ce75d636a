"""Extractions as RDF quads: stable IRIs, one named graph per article, each fact stated twice."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from urllib.parse import quote

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, Triple

from kg import vocab
from kg.dates import day_or_none
from kg.lang.tr.text import slug
from kg.model import Article, Byline, Entity, Extraction, Fact, MergedEvent
from kg.query.sparql import MERGED, iri_pairs

RDF_TYPE = NamedNode(vocab.RDF + "type")
RDFS_LABEL = NamedNode(vocab.RDFS + "label")
SKOS_ALT = NamedNode(vocab.SKOS + "altLabel")
PROV_DERIVED = NamedNode(vocab.PROV + "wasDerivedFrom")
XSD_DATE = NamedNode(vocab.XSD + "date")
XSD_DECIMAL = NamedNode(vocab.XSD + "decimal")
XSD_INTEGER = NamedNode(vocab.XSD + "integer")
MERGED_GRAPH = NamedNode(vocab.MERGED_GRAPH)


def skolemized(triples: Iterable[Triple], base: str) -> Iterator[Triple]:
    """``triples`` with each blank node replaced by the IRI ``{base}/.well-known/genid/{n}``, n
    counting blank nodes in order of appearance (RDF 1.1's skolem IRIs): the same text gives the
    same IRIs every time, so a graph read twice is the same graph, and it can be written through
    SPARQL, which gives blank nodes new identities in every INSERT DATA.

    >>> [t.subject.value for t in skolemized([Triple(BlankNode(), RDF_TYPE, RDF_TYPE)], "urn:x")]
    ['urn:x/.well-known/genid/0']
    """
    iris: dict[BlankNode, NamedNode] = {}

    def named(term):
        if isinstance(term, BlankNode):
            return iris.setdefault(term, NamedNode(f"{base}/.well-known/genid/{len(iris)}"))
        return term

    for t in triples:
        yield Triple(named(t.subject), t.predicate, named(t.object))


def org(term: str) -> NamedNode:
    return NamedNode(vocab.ORG + term)


def civ(term: str) -> NamedNode:
    return NamedNode(vocab.civ(term))


def entity_iri(name: str, type_: str) -> NamedNode:
    """The IRI of an entity: its type and a Turkish-aware key of its name, the same in every article.

    >>> entity_iri("Manisalı Dernekler Federasyonu", "Organization").value
    'https://w3id.org/civic-kg/id/organization/manisali-dernekler-federasyonu'
    """
    return key_iri(slug(name) or "unnamed", type_)


def key_iri(key: str, type_: str) -> NamedNode:
    """The IRI of the entity of a type whose name has this key (``slug``)."""
    return NamedNode(f"{vocab.ENTITY_BASE}{type_.lower()}/{key}")


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
    """A key of everything extraction depends on: the same key means the same graph, but for its
    ``civ:sourceFile``. Where the file lies is left out, so that the same file named by another
    path, moved or renamed (keeping its article ids) is not extracted again; the build updates
    that one triple instead (``source_file_quads``).

    >>> content_hash(Article("a", "Metin."), "v1") == content_hash(Article("a", "Metin."), "v1")
    True
    >>> content_hash(Article("a", "Metin."), "v1") == content_hash(Article("a", "Metin."), "v2")
    False
    >>> here = Article("a", "Metin.", source="girdi/a.txt", source_file="a.txt")
    >>> there = Article("a", "Metin.", source="/arşiv/2026/a.txt", source_file="2026/a.txt")
    >>> content_hash(here, "v1") == content_hash(there, "v1")
    True
    """
    fields = [
        article.id,
        article.text,
        article.url,
        article.date,
        article.title,
        article.outlet,
        extractor_version,
    ]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode()).hexdigest()


def source_file_quads(article: Article) -> list[Quad]:
    """The ``civ:sourceFile`` of an article's graph: the file's path below the input folder given
    (``Article.source_file``), none if it was not read from a file."""
    if not article.source_file:
        return []
    graph = article_iri(article.id)
    return [Quad(graph, civ(vocab.SOURCE_FILE), Literal(article.source_file), graph)]


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
    # the same two literals stand on every fact node of the article
    date = Literal(article.date, datatype=XSD_DATE) if article.date else None
    version = Literal(extractor_version)
    for fact in extraction.facts:
        s, o = iris[fact.s], iris[fact.o]
        yield Quad(s, _civ(fact.p), o, graph)
        yield from _fact_quads(article, fact, s, o, graph, version, date)
        if fact.p in vocab.ROLE_OF:
            yield from _membership_quads(article, fact, s, o, graph, date)


@cache
def _civ(term: str) -> NamedNode:
    """``civ(term)``, built once: the same few dozen terms recur in every article's graph."""
    return civ(term)


@cache
def _org(term: str) -> NamedNode:
    """``org(term)``, built once."""
    return org(term)


def _article_quads(article: Article, graph: NamedNode) -> Iterator[Quad]:
    yield Quad(graph, RDF_TYPE, NamedNode(vocab.SCHEMA + "NewsArticle"), graph)
    yield Quad(graph, _civ(vocab.ARTICLE_ID), Literal(article.id), graph)
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
        yield Quad(graph, _civ(vocab.OUTLET), Literal(article.outlet), graph)
    yield from source_file_quads(article)


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
    yield Quad(iri, RDF_TYPE, _civ(entity.type), graph)
    if entity.subtype:
        yield Quad(iri, RDF_TYPE, _civ(entity.subtype), graph)
    yield Quad(iri, RDFS_LABEL, Literal(entity.name, language="tr"), graph)
    yield Quad(
        iri, _civ(vocab.MENTION_COUNT), Literal(str(entity.mentions), datatype=XSD_INTEGER), graph
    )
    for alias in entity.aliases:
        yield Quad(iri, SKOS_ALT, Literal(alias, language="tr"), graph)


def _fact_quads(
    article: Article,
    fact: Fact,
    s: NamedNode,
    o: NamedNode,
    graph: NamedNode,
    version: Literal,
    date: Literal | None,
) -> Iterator[Quad]:
    node = fact_iri(article.id, fact, s, o)
    yield Quad(node, RDF_TYPE, _civ(vocab.FACT_CLASS[fact.p]), graph)
    yield Quad(node, _civ(vocab.RELATION), _civ(fact.p), graph)
    yield Quad(node, _civ(vocab.AGENT), s, graph)
    yield Quad(node, _civ(vocab.COUNTERPART), o, graph)
    yield Quad(node, _civ(vocab.EVIDENCE), Literal(fact.evidence, language="tr"), graph)
    yield Quad(
        node, _civ(vocab.EVIDENCE_START), Literal(str(fact.start), datatype=XSD_INTEGER), graph
    )
    yield Quad(node, _civ(vocab.EVIDENCE_END), Literal(str(fact.end), datatype=XSD_INTEGER), graph)
    yield Quad(
        node, _civ(vocab.CONFIDENCE), Literal(f"{fact.confidence:.3f}", datatype=XSD_DECIMAL), graph
    )
    yield Quad(node, _civ(vocab.EXTRACTOR_VERSION), version, graph)
    if date is not None:
        yield Quad(node, _civ(vocab.DATE), date, graph)
    yield Quad(node, PROV_DERIVED, graph, graph)


def _membership_quads(
    article: Article, fact: Fact, s: NamedNode, o: NamedNode, graph: NamedNode, date: Literal | None
) -> Iterator[Quad]:
    """headOf/memberOf as an org:Membership observed on the article's date (roles over time)."""
    digest = hashlib.sha1(f"{article.id}\n{s.value}\n{fact.p}\n{o.value}".encode()).hexdigest()
    node = NamedNode(vocab.MEMBERSHIP_BASE + digest[:20])
    yield Quad(node, RDF_TYPE, _org("Membership"), graph)
    yield Quad(node, _org("member"), s, graph)
    yield Quad(node, _org("organization"), o, graph)
    yield Quad(node, _org("role"), _civ(vocab.ROLE_OF[fact.p]), graph)
    if date is not None:
        yield Quad(node, _civ(vocab.OBSERVED_ON), date, graph)
    yield Quad(node, PROV_DERIVED, graph, graph)


def reported_event_iri(event: MergedEvent) -> NamedNode:
    """The IRI of an event as all its reports tell it: its parties, relation and first date."""
    key = f"{event.s}\n{event.predicate}\n{event.o}\n{event.first or ''}"
    return NamedNode(vocab.REPORTED_EVENT_BASE + hashlib.sha1(key.encode()).hexdigest()[:20])


def post_iri(organization: str) -> NamedNode:
    """The head post of an organisation, named after the organisation's own key.

    >>> post_iri("https://w3id.org/civic-kg/id/organization/izmir-kent-konseyi").value
    'https://w3id.org/civic-kg/post/organization/izmir-kent-konseyi/head'
    """
    return NamedNode(vocab.POST_BASE + organization.removeprefix(vocab.ENTITY_BASE) + "/head")


def merged_quads(
    events: Iterable[MergedEvent], head_posts: Mapping[str, Iterable[str]]
) -> Iterator[Quad]:
    """The merged graph: one civ:ReportedEvent per event with all its sources, and head posts."""
    graph = MERGED_GRAPH
    for event in events:
        node = reported_event_iri(event)
        yield Quad(node, RDF_TYPE, civ(vocab.REPORTED_EVENT), graph)
        yield Quad(node, civ(vocab.EVENT_RELATION), civ(event.predicate), graph)
        yield Quad(node, civ(vocab.EVENT_AGENT), NamedNode(event.s), graph)
        yield Quad(node, civ(vocab.EVENT_COUNTERPART), NamedNode(event.o), graph)
        for prop, day in ((vocab.FIRST_REPORTED, event.first), (vocab.LAST_REPORTED, event.last)):
            if day is not None:
                yield Quad(node, civ(prop), Literal(day.isoformat(), datatype=XSD_DATE), graph)
        for fact in event.facts:
            yield Quad(node, civ(vocab.REPORT), NamedNode(fact), graph)
        for article in event.articles:
            yield Quad(node, PROV_DERIVED, NamedNode(article), graph)
        count = Literal(str(len(event.articles)), datatype=XSD_INTEGER)
        yield Quad(node, civ(vocab.SOURCE_COUNT), count, graph)
    for organization, holders in head_posts.items():
        post = post_iri(organization)
        yield Quad(post, RDF_TYPE, org("Post"), graph)
        yield Quad(post, org("postIn"), NamedNode(organization), graph)
        yield Quad(post, org("role"), civ(vocab.HEAD_ROLE), graph)
        for person in holders:
            yield Quad(post, org("heldBy"), NamedNode(person), graph)


def merged_events(quads: Iterable[Quad]) -> list[MergedEvent]:
    """The events that merged-graph quads state, as ``merged_quads`` wrote them (head posts and
    other nodes are left out): what a build that only adds articles merges new reports into.

    >>> e = MergedEvent("visited", "urn:a", "urn:b", None, None, ("urn:f",), ("urn:g",))
    >>> merged_events(merged_quads([e], {})) == [e]
    True
    """
    parts: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for q in quads:
        parts[q.subject.value][q.predicate.value].append(q.object)  # type: ignore[union-attr]  # no RDF-star subjects
    events = []
    for node in sorted(parts):
        values = parts[node]
        if _REPORTED_EVENT not in values[RDF_TYPE.value]:
            continue
        first, last = values[_FIRST], values[_LAST]
        events.append(
            MergedEvent(
                values[_RELATION][0].value.removeprefix(vocab.CIV),
                values[_AGENT][0].value,
                values[_COUNTERPART][0].value,
                day_or_none(first[0].value) if first else None,
                day_or_none(last[0].value) if last else None,
                tuple(sorted(term.value for term in values[_REPORT])),
                tuple(sorted(term.value for term in values[PROV_DERIVED.value])),
            )
        )
    return events


_REPORTED_EVENT = civ(vocab.REPORTED_EVENT)
_RELATION, _AGENT, _COUNTERPART, _FIRST, _LAST, _REPORT = (
    vocab.civ(term)
    for term in (
        vocab.EVENT_RELATION,
        vocab.EVENT_AGENT,
        vocab.EVENT_COUNTERPART,
        vocab.FIRST_REPORTED,
        vocab.LAST_REPORTED,
        vocab.REPORT,
    )
)


def rewrite_update(rewrites: Mapping[str, str]) -> list[str]:
    """SPARQL update operations that put ``new`` for ``old`` in every article graph, both ways round."""
    if not rewrites:
        return []
    pairs = iri_pairs(rewrites.items())
    return [
        f"DELETE {{ GRAPH ?g {{ ?old ?p ?o }} }} INSERT {{ GRAPH ?g {{ ?new ?p ?o }} }} "
        f"WHERE {{ VALUES (?old ?new) {{ {pairs} }} GRAPH ?g {{ ?old ?p ?o }} FILTER(?g != {MERGED}) }}",
        f"DELETE {{ GRAPH ?g {{ ?s ?p ?old }} }} INSERT {{ GRAPH ?g {{ ?s ?p ?new }} }} "
        f"WHERE {{ VALUES (?old ?new) {{ {pairs} }} GRAPH ?g {{ ?s ?p ?old }} FILTER(?g != {MERGED}) }}",
    ]


def rewritten(triple: Triple, rewrites: Mapping[str, str]) -> Triple:
    """A triple with its subject and object rewritten as ``rewrite_update`` rewrites them.

    >>> a, b, p = NamedNode("https://x.org/a"), NamedNode("https://x.org/b"), RDF_TYPE
    >>> rewritten(Triple(a, p, a), {a.value: b.value}) == Triple(b, p, b)
    True
    """

    def new(term):
        return (
            NamedNode(rewrites[term.value])
            if isinstance(term, NamedNode) and term.value in rewrites
            else term
        )

    return Triple(new(triple.subject), triple.predicate, new(triple.object))


def relabel_update(changes: list[tuple[str, str, str]]) -> list[str]:
    """Operations: in every article graph, each (entity, old, new)'s label ``old`` becomes an
    alias and ``new`` the label; and the same in the default graph, the union of the named graphs
    (exactly what the union then holds, as no other graph gives entities labels).

    >>> '{ (<https://x.org/izmir> "IZMIR"@tr "İzmir"@tr) }' in relabel_update(
    ...     [("https://x.org/izmir", "IZMIR", "İzmir")]
    ... )[0]
    True
    """
    if not changes:
        return []
    rows = " ".join(
        f"({NamedNode(iri)} {Literal(old, language='tr')} {Literal(new, language='tr')})"
        for iri, old, new in sorted(changes)
    )
    return [
        f"DELETE {{ GRAPH ?g {{ ?e {RDFS_LABEL} ?old }} }} "
        f"INSERT {{ GRAPH ?g {{ ?e {RDFS_LABEL} ?new . ?e {SKOS_ALT} ?old }} }} "
        f"WHERE {{ VALUES (?e ?old ?new) {{ {rows} }} "
        f"GRAPH ?g {{ ?e {RDFS_LABEL} ?old }} FILTER (?g != {MERGED}) }}",
        f"DELETE {{ ?e {RDFS_LABEL} ?old }} INSERT {{ ?e {RDFS_LABEL} ?new . ?e {SKOS_ALT} ?old }} "
        f"WHERE {{ VALUES (?e ?old ?new) {{ {rows} }} ?e {RDFS_LABEL} ?old }}",
    ]
