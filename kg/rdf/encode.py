"""Extractions as RDF: stable IRIs, one named graph per article and its own nodes once, each fact stated twice."""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from urllib.parse import quote

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, Triple

from kg import vocab
from kg.dates import day_or_none
from kg.lang.tr.text import slug
from kg.model import PERSON, Article, Byline, Entity, Extraction, Fact, MergedEvent

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


# Subjects minted for one article (its fact nodes and memberships): what they state is unique
# to the article, so it is written once, to the default graph, and not to the article's named
# graph as well; the store finds an article's own nodes by their ``prov:wasDerivedFrom`` and these
# namespaces (``kg.query.sparql.OWN_NODES``).
OWN_NODE_BASES = (vocab.EVENT_BASE, vocab.MEMBERSHIP_BASE)


@dataclass(frozen=True)
class ArticleText:
    """An article's statements as N-Quads text, ready for the bulk loader.

    The first ``named`` lines are the named graph's (what other articles may state too: the
    article node, its entities and their direct edges), each followed later by its copy in the
    default graph (the union); then the default graph's lines of the article's own nodes, there
    only. ``facts`` are the fact nodes (node, relation, agent, counterpart), ``labels`` the
    (entity, rdfs:label) pairs and ``aliases`` the (entity, top type, skos:altLabel) of its
    organisations and places, as consolidation reads them.
    """

    graph: str
    nquads: str
    named: int
    own: int
    facts: tuple[tuple[str, str, str, str], ...] = ()
    labels: tuple[tuple[str, str], ...] = ()
    aliases: tuple[tuple[str, str, str], ...] = ()

    @property
    def statements(self) -> int:
        """The article's statements: its named graph's and its own nodes' (the union's copies of
        the named graph's not counted)."""
        return self.named + self.own


def extraction_text(
    extraction: Extraction, *, extractor_version: str, digest: str | None = None
) -> ArticleText:
    """Every statement an article contributes, written straight to N-Quads text (``ArticleText``).

    Terms are written as Oxigraph writes them, without building its term objects (a tenth of
    the time): IRIs minted here need no escaping; the one IRI taken from the input, the
    article's URL, is checked by ``NamedNode``.
    """
    article = extraction.article
    graph = article_iri(article.id)
    g = str(graph)
    named: list[str] = [*_article_lines(article, g)]
    if digest is not None:
        named.append(f"{g} {_CONTENT_HASH} {_literal(digest)}")
    iris: dict[str, str] = {}
    labels = []
    aliases: list[tuple[str, str, str]] = []
    for entity in extraction.entities:
        iri = _entity_iri_text(entity.name, entity.type)
        iris[entity.name] = iri
        labels.append((iri, entity.name))
        if entity.type != PERSON:  # a person's aliases are bare surnames: no IRI is rewritten
            aliases += [(iri, entity.type, alias) for alias in entity.aliases]
        named += _entity_lines(entity, f"<{iri}>")
    if extraction.byline is not None:
        named += _byline_lines(extraction.byline, iris, g)
    own: list[str] = []
    facts = []
    # the same two literals stand on every fact node of the article
    date = f'"{article.date}"^^{_XSD_DATE}' if article.date else None
    version = _literal(extractor_version)
    for fact in extraction.facts:
        s, o = iris[fact.s], iris[fact.o]
        named.append(f"<{s}> {_civ_text(fact.p)} <{o}>")
        node = fact_iri(article.id, s, fact.p, o)
        facts.append((node, fact.p, s, o))
        own += _fact_lines(fact, f"<{node}>", f"<{s}>", f"<{o}>", g, version, date)
        if fact.p in vocab.ROLE_OF:
            own += _membership_lines(article.id, fact, s, o, g, date)
    suffix = f" {g} .\n"
    nquads = (
        suffix.join(named) + suffix + " .\n".join([*named, *own]) + " .\n"
        if named
        else " .\n".join(own) + " .\n"
    )
    return ArticleText(
        graph.value, nquads, len(named), len(own), tuple(facts), tuple(labels), tuple(aliases)
    )


# N-Triples string escapes, as Oxigraph writes them: the six short ones, every other control
# character as \uXXXX
_ESCAPES = {
    **{c: f"\\u{c:04X}" for c in [*range(0x20), 0x7F]},
    0x08: "\\b",
    0x09: "\\t",
    0x0A: "\\n",
    0x0C: "\\f",
    0x0D: "\\r",
    0x22: '\\"',
    0x5C: "\\\\",
}
_TO_ESCAPE = re.compile(f"[{re.escape(''.join(map(chr, _ESCAPES)))}]")


def _literal(value: str, suffix: str = "") -> str:
    """A literal as N-Triples text; ``suffix`` its ``@lang`` or ``^^<datatype>``.

    >>> _literal('a "b"\\n', "@tr") == str(Literal('a "b"\\n', language="tr"))
    True
    """
    if _TO_ESCAPE.search(value):  # few do; ``translate`` copies every one, slowly if not ASCII
        value = value.translate(_ESCAPES)
    return f'"{value}"{suffix}'


_XSD_DATE = f"<{vocab.XSD}date>"
_XSD_INTEGER = f"<{vocab.XSD}integer>"
_XSD_DECIMAL = f"<{vocab.XSD}decimal>"
_TYPE = f"<{vocab.RDF}type>"
_LABEL = f"<{vocab.RDFS}label>"
_ALT = f"<{vocab.SKOS}altLabel>"
_DERIVED = f"<{vocab.PROV}wasDerivedFrom>"
_CONTENT_HASH = f"<{vocab.civ(vocab.CONTENT_HASH)}>"


@cache
def _civ_text(term: str) -> str:
    return f"<{vocab.civ(term)}>"


def _integer(n: int) -> str:
    return f'"{n}"^^{_XSD_INTEGER}'


@lru_cache(maxsize=1 << 16)
def _entity_iri_text(name: str, type_: str) -> str:
    """``entity_iri(name, type_).value``, kept for the names that recur across a corpus (the
    Turkish-aware key of a name is most of encoding's time otherwise)."""
    return entity_iri(name, type_).value


def fact_iri(article_id: str, s: str, p: str, o: str) -> str:
    """The IRI of a fact node: the article, the parties' IRIs and the relation, hashed."""
    digest = hashlib.sha1(f"{article_id}\n{s}\n{p}\n{o}".encode()).hexdigest()
    return vocab.EVENT_BASE + digest[:20]


def _article_lines(article: Article, g: str) -> Iterator[str]:
    yield f"{g} {_TYPE} <{vocab.SCHEMA}NewsArticle>"
    yield f"{g} {_civ_text(vocab.ARTICLE_ID)} {_literal(article.id)}"
    if article.url:
        yield f"{g} <{vocab.SCHEMA}url> {NamedNode(article.url)}"  # checked: it is the input's
    if article.date:
        yield f'{g} <{vocab.SCHEMA}datePublished> "{article.date}"^^{_XSD_DATE}'
    if article.title:
        yield f"{g} <{vocab.SCHEMA}headline> {_literal(article.title, '@tr')}"
    if article.outlet:
        yield f"{g} {_civ_text(vocab.OUTLET)} {_literal(article.outlet)}"
    if article.source_file:
        yield f"{g} {_civ_text(vocab.SOURCE_FILE)} {_literal(article.source_file)}"


def _byline_lines(byline: Byline, iris: dict[str, str], g: str) -> Iterator[str]:
    """The reporter (schema:author), dateline city and agency, linked to their entity nodes."""
    for prop, name in (
        ("author", byline.reporter),
        ("contentLocation", byline.place),
        ("sourceOrganization", byline.agency),
    ):
        if name in iris:
            yield f"{g} <{vocab.SCHEMA}{prop}> <{iris[name]}>"


def _entity_lines(entity: Entity, iri: str) -> Iterator[str]:
    yield f"{iri} {_TYPE} {_civ_text(entity.type)}"
    if entity.subtype:
        yield f"{iri} {_TYPE} {_civ_text(entity.subtype)}"
    yield f"{iri} {_LABEL} {_literal(entity.name, '@tr')}"
    yield f"{iri} {_civ_text(vocab.MENTION_COUNT)} {_integer(entity.mentions)}"
    for alias in entity.aliases:
        yield f"{iri} {_ALT} {_literal(alias, '@tr')}"


def _fact_lines(
    fact: Fact, node: str, s: str, o: str, g: str, version: str, date: str | None
) -> Iterator[str]:
    yield f"{node} {_TYPE} {_civ_text(vocab.FACT_CLASS[fact.p])}"
    yield f"{node} {_civ_text(vocab.RELATION)} {_civ_text(fact.p)}"
    yield f"{node} {_civ_text(vocab.AGENT)} {s}"
    yield f"{node} {_civ_text(vocab.COUNTERPART)} {o}"
    yield f"{node} {_civ_text(vocab.EVIDENCE)} {_literal(fact.evidence, '@tr')}"
    yield f"{node} {_civ_text(vocab.EVIDENCE_START)} {_integer(fact.start)}"
    yield f"{node} {_civ_text(vocab.EVIDENCE_END)} {_integer(fact.end)}"
    yield f'{node} {_civ_text(vocab.CONFIDENCE)} "{fact.confidence:.3f}"^^{_XSD_DECIMAL}'
    yield f"{node} {_civ_text(vocab.EXTRACTOR_VERSION)} {version}"
    if date is not None:
        yield f"{node} {_civ_text(vocab.DATE)} {date}"
    yield f"{node} {_DERIVED} {g}"


def _membership_lines(
    article_id: str, fact: Fact, s: str, o: str, g: str, date: str | None
) -> Iterator[str]:
    """headOf/memberOf as an org:Membership observed on the article's date (roles over time)."""
    digest = hashlib.sha1(f"{article_id}\n{s}\n{fact.p}\n{o}".encode()).hexdigest()
    node = f"<{vocab.MEMBERSHIP_BASE}{digest[:20]}>"
    yield f"{node} {_TYPE} <{vocab.ORG}Membership>"
    yield f"{node} <{vocab.ORG}member> <{s}>"
    yield f"{node} <{vocab.ORG}organization> <{o}>"
    yield f"{node} <{vocab.ORG}role> {_civ_text(vocab.ROLE_OF[fact.p])}"
    if date is not None:
        yield f"{node} {_civ_text(vocab.OBSERVED_ON)} {date}"
    yield f"{node} {_DERIVED} {g}"


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


def merged_lines(
    events: Iterable[MergedEvent], head_posts: Mapping[str, Iterable[str]]
) -> Iterator[str]:
    """The merged graph as N-Triples lines without their final " .": one civ:ReportedEvent per
    event with all its sources, and head posts. Written as Oxigraph writes a triple (``str``),
    so a line read back from the store compares equal; stored once, in the default graph."""
    for event in events:
        node = f"<{reported_event_iri(event).value}>"
        yield f"{node} {_TYPE} {_civ_text(vocab.REPORTED_EVENT)}"
        yield f"{node} {_civ_text(vocab.EVENT_RELATION)} {_civ_text(event.predicate)}"
        yield f"{node} {_civ_text(vocab.EVENT_AGENT)} <{event.s}>"
        yield f"{node} {_civ_text(vocab.EVENT_COUNTERPART)} <{event.o}>"
        for prop, day in ((vocab.FIRST_REPORTED, event.first), (vocab.LAST_REPORTED, event.last)):
            if day is not None:
                yield f'{node} {_civ_text(prop)} "{day.isoformat()}"^^{_XSD_DATE}'
        for fact in event.facts:
            yield f"{node} {_civ_text(vocab.REPORT)} <{fact}>"
        for article in event.articles:
            yield f"{node} {_DERIVED} <{article}>"
        yield f"{node} {_civ_text(vocab.SOURCE_COUNT)} {_integer(len(event.articles))}"
    for organization, holders in head_posts.items():
        post = f"<{post_iri(organization).value}>"
        yield f"{post} {_TYPE} <{vocab.ORG}Post>"
        yield f"{post} <{vocab.ORG}postIn> <{organization}>"
        yield f"{post} <{vocab.ORG}role> {_civ_text(vocab.HEAD_ROLE)}"
        for person in holders:
            yield f"{post} <{vocab.ORG}heldBy> <{person}>"


def merged_events(quads: Iterable[Quad | Triple]) -> list[MergedEvent]:
    """The events that merged-graph statements state, as ``merged_lines`` wrote them (head posts
    and other nodes are left out): what a build that only adds articles merges new reports into.

    >>> from pyoxigraph import RdfFormat, parse
    >>> e = MergedEvent("visited", "urn:a", "urn:b", None, None, ("urn:f",), ("urn:g",))
    >>> text = "".join(f"{line} .\\n" for line in merged_lines([e], {}))
    >>> merged_events(parse(text.encode(), format=RdfFormat.N_TRIPLES)) == [e]
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


def rewritten(triple: Triple, rewrites: Mapping[str, str]) -> Triple:
    """A triple with each of its subject and object that ``rewrites`` has replaced by its new IRI.

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


def rewritten_text(nquads: str, olds: Iterable[str], rewrites: Mapping[str, str]) -> str:
    """N-Quads text (as ``extraction_text`` writes it: every subject and predicate an IRI) with
    each subject and object IRI among ``olds`` replaced by its new IRI of ``rewrites``: what
    ``rewritten`` does to each of its triples. The IRI written inside a literal is left as it is.

    >>> text = '<a> <p> <a> <g> .\\n<b> <p> "x <a> y" .\\n'
    >>> rewritten_text(text, ["a"], {"a": "c"})
    '<c> <p> <c> <g> .\\n<b> <p> "x <a> y" .\\n'
    """
    found = []  # (where the old IRI's term starts, its length, the new term)
    for old in olds:
        needle, term = f"<{old}>", f"<{rewrites[old]}>"
        at = nquads.find(needle)
        while at != -1:
            line = nquads.rfind("\n", 0, at) + 1
            predicate = nquads.index(" ", line) + 1  # a subject or predicate has no space in it
            if at in (line, nquads.index(" ", predicate) + 1):  # the subject, or the object
                found.append((at, len(needle), term))
            at = nquads.find(needle, at + len(needle))
    if not found:
        return nquads
    parts, done = [], 0
    for at, length, term in sorted(found):
        parts += [nquads[done:at], term]
        done = at + length
    parts.append(nquads[done:])
    return "".join(parts)
