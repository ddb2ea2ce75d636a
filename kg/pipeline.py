"""The extraction pipeline: article -> sentences -> mentions -> entities -> facts, composed here."""

from __future__ import annotations

from dataclasses import replace

from kg.extract.entities import read_sentence
from kg.extract.relations import read_events, resolve_passives, sentence_parties
from kg.lang.tr import turkish
from kg.lang.tr.dates import first_date
from kg.lang.tr.text import fold, normalise, split_sentences
from kg.model import Article, Extraction, Fact
from kg.resolve import resolve

EXTRACTOR_VERSION = "civic-kg-tr-0.1.0"
DATE_SEARCH_CHARS = 300  # a publication date written in the text stands near its top


def extract(article: Article) -> Extraction:
    """Entities and facts of one article (pure: no I/O).

    >>> ex = extract(Article("t", "Ayvalık Kent Konseyi, Bornova Belediyesi'ni ziyaret etti."))
    >>> [(f.s, f.p, f.o) for f in ex.facts if f.p == "visited"]
    [('Ayvalık Kent Konseyi', 'visited', 'Bornova Belediyesi')]
    """
    lang = turkish()
    text = normalise(article.text)
    readings = [read_sentence(s, lang) for s in split_sentences(text, lang.abbreviations)]
    resolution = resolve((m for r in readings for m in r.mentions), generic=lang.generic_org_names)
    canonical = {fold(m.name): name for m, name in resolution.names.items()}

    facts: list[Fact] = []
    for reading in readings:
        for f in reading.facts:
            s, o = canonical.get(fold(f.s)), canonical.get(fold(f.o))
            if not s or not o or s == o:
                continue
            # most facts name their parties canonically already: those are kept as they are
            facts.append(f if (s, o) == (f.s, f.o) else replace(f, s=s, o=o))

    pending = []
    subject = None
    for reading in readings:
        parties = sentence_parties(reading, resolution)
        events, passives, subject = read_events(reading, parties, lang, subject)
        facts.extend(events)
        pending.extend(passives)
    host = next((f.o for f in facts if f.p == "visited"), None)
    facts.extend(resolve_passives(pending, host))

    byline = next((r.byline for r in readings if r.byline is not None), None)
    date = article.date or first_date(text[:DATE_SEARCH_CHARS], lang)
    article = replace(article, text=text, date=date)
    facts = _without_meetings_of_visits(_deduplicated(facts))
    return Extraction(article, resolution.entities, facts, byline)


def _without_meetings_of_visits(facts: tuple[Fact, ...]) -> tuple[Fact, ...]:
    """Guideline rule 10: no metWith where a visit between the same two parties is stated."""
    visits = {frozenset((f.s, f.o)) for f in facts if f.p == "visited"}
    return tuple(f for f in facts if not (f.p == "metWith" and frozenset((f.s, f.o)) in visits))


def _deduplicated(facts: list[Fact]) -> tuple[Fact, ...]:
    """One fact per (s, p, o): the most confident statement of it, first one on ties."""
    best: dict[tuple[str, str, str], Fact] = {}
    for f in facts:
        key = (f.s, f.p, f.o)
        if key not in best or f.confidence > best[key].confidence:
            best[key] = f
    return tuple(best.values())
