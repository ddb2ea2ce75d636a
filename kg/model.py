"""Plain data passed between pipeline stages: articles, mentions, entities, facts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from kg.vocab import PARTY_TYPES

PERSON = "Person"
ORGANIZATION = "Organization"
PLACE = "Place"


def fits_party_types(predicate: str, subject_type: str, object_type: str) -> bool:
    """Whether a predicate may relate entities of these types (vocab.PARTY_TYPES).

    >>> fits_party_types("headOf", "Person", "Organization"), fits_party_types("headOf", "Place", "Organization")
    (True, False)
    """
    subjects, objects = PARTY_TYPES[predicate]
    return subject_type in subjects and object_type in objects


@dataclass(frozen=True)
class Article:
    """One news item as read from a source, before any language processing."""

    id: str
    text: str
    url: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD when known
    title: str | None = None
    outlet: str | None = None
    source: str | None = None  # the file it was read from, as the build was given it (messages)
    # the same file relative to the input folder given (a file given alone: its name), the one
    # path the graph records (civ:sourceFile): never absolute, so no home directory is exported
    source_file: str | None = None
    line: int | None = None  # its line in that file (JSON lines)
    metadata: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Problem:
    """An input that could not be read, or an article that could not be extracted or stored; the
    build reports it and goes on.

    ``where`` is the file (with ``:line`` for a line a reader could not read); an article's
    problem also names the article and, in a JSON-lines file, its ``line``. ``traceback`` is the
    failure's, for ``--debug``.

    >>> str(Problem("haberler.jsonl", "extraction failed: KeyError: 'x'", article="a7", line=7))
    "haberler.jsonl:7: article a7: extraction failed: KeyError: 'x'"
    """

    where: str
    message: str
    article: str | None = None
    line: int | None = None
    traceback: str | None = field(default=None, compare=False, repr=False)

    @property
    def place(self) -> str:
        """The file, and the line when there is one."""
        return self.where if self.line is None else f"{self.where}:{self.line}"

    def __str__(self) -> str:
        article = f"article {self.article}: " if self.article else ""
        return f"{self.place}: {article}{self.message}"


# Not frozen: tens of thousands are made per MB of text and a frozen dataclass is several times
# slower to build; no stage changes a mention once made (replace() makes a new one). eq=False:
# each mention is its own span, hashed by identity.
@dataclass(eq=False, slots=True)
class Mention:
    """A span of the article text that names an entity.

    ``name`` is the canonical form (suffix removed, titles stripped, re-cased);
    ``case`` is the grammatical case read from the suffix (nom, dat, acc, abl, gen, loc, ins).
    """

    text: str
    start: int
    end: int
    type: str
    name: str
    subtype: str | None = None
    case: str = "nom"
    acronym: str | None = None  # an acronym given in parentheses right after it
    attributive: bool = False  # names the organisation of a title ("X Başkanı"), not a party
    tentative: bool = False  # kept only if it resolves to a fuller mention (a bare surname)
    reference: bool = False  # a common-noun reference ("federasyon"), resolved by its head


@dataclass(frozen=True)
class Entity:
    """One thing the article talks about, with every surface form it used."""

    name: str
    type: str
    subtype: str | None = None
    aliases: tuple[str, ...] = ()
    mentions: int = 1  # how often the article names it, in any form


@dataclass(frozen=True)
class Fact:
    """A relation stated in an article, with the sentence that states it."""

    s: str
    p: str
    o: str
    evidence: str
    start: int
    end: int
    confidence: float


@dataclass(frozen=True)
class Byline:
    """Who reported an article, from where and for which agency, as its dateline says."""

    reporter: str | None = None
    place: str | None = None
    agency: str | None = None


@dataclass(frozen=True)
class Extraction:
    """What one article says: its entities and facts (and its byline, when it has one)."""

    article: Article
    entities: tuple[Entity, ...]
    facts: tuple[Fact, ...]
    byline: Byline | None = None

    def __post_init__(self) -> None:
        # The invariants every later stage relies on (RDF, store, views), checked where an
        # extraction is made so that a broken one never travels: an entity name names one entity,
        # a fact's parties are two different entities of this article, its evidence is the text
        # its offsets point at.
        types = {e.name: e.type for e in self.entities}
        if len(types) != len(self.entities):
            raise ValueError(f"article {self.article.id!r}: two entities share a name")
        text = self.article.text
        for f in self.facts:
            if f.s not in types or f.o not in types or f.s == f.o:
                raise ValueError(
                    f"article {self.article.id!r}: fact ({f.s}, {f.p}, {f.o}) does not relate "
                    "two entities of the article"
                )
            if not fits_party_types(f.p, types[f.s], types[f.o]):
                raise ValueError(
                    f"article {self.article.id!r}: {f.p} cannot relate a {types[f.s]} to a "
                    f"{types[f.o]} ({f.s}, {f.o})"
                )
            if not f.evidence.strip() or text[f.start : f.end] != f.evidence:
                raise ValueError(
                    f"article {self.article.id!r}: evidence of ({f.s}, {f.p}, {f.o}) is not the "
                    f"text at {f.start}-{f.end}"
                )
            if not 0 < f.confidence <= 1:
                raise ValueError(f"article {self.article.id!r}: confidence {f.confidence}")

    def to_json(self) -> dict:
        """The per-article JSON contract of DESIGN.md (the gold files' shape)."""
        a = self.article
        return {
            "id": a.id,
            "url": a.url,
            "date": a.date,
            "title": a.title,
            "entities": [
                {"name": e.name, "type": e.type, "subtype": e.subtype, "aliases": list(e.aliases)}
                for e in self.entities
            ],
            "byline": None
            if self.byline is None
            else {
                "reporter": self.byline.reporter,
                "place": self.byline.place,
                "agency": self.byline.agency,
            },
            "relations": [
                {
                    "s": f.s,
                    "p": f.p,
                    "o": f.o,
                    "evidence": f.evidence,
                    "start": f.start,
                    "end": f.end,
                    "confidence": round(f.confidence, 3),
                }
                for f in self.facts
            ],
        }


@dataclass(frozen=True, slots=True)
class MergedEvent:
    """One event as every article that reports it tells it: the fact nodes and their articles."""

    predicate: str
    s: str
    o: str
    first: date | None
    last: date | None
    facts: tuple[str, ...]
    articles: tuple[str, ...]
