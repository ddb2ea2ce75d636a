"""The extraction pipeline: article -> sentences -> mentions -> entities -> facts, composed here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from operator import attrgetter

from kg.extract.acronyms import attach_acronyms
from kg.extract.affiliations import read_affiliations
from kg.extract.conventions import (
    no_meeting_within_a_visit,
    no_membership_beside_headship,
    no_visit_to_a_visited_bodys_people,
    one_statement_each,
    parties_of_the_right_types,
)
from kg.extract.datelines import read_bylines
from kg.extract.discourse import Discourse
from kg.extract.entities import read_names, sort_mentions
from kg.extract.genitive_titles import read_genitive_titles
from kg.extract.places import locate_by_genitive_place
from kg.extract.reading import SentenceReading
from kg.extract.references import find_references
from kg.extract.relations.events import read_events
from kg.extract.relations.verbs import resolve_passives
from kg.extract.resolve import Resolution, resolve
from kg.extract.roles import complete_roles
from kg.extract.windows import sentence_windows
from kg.lang.tr import Turkish, turkish
from kg.lang.tr.dates import first_date
from kg.lang.tr.text import Sentence, Token, normalise, split_sentences, tokenize
from kg.model import Article, Extraction, Fact

EXTRACTOR_VERSION = "civic-kg-tr-0.1.0"
SUB_BODY_CONFIDENCE = 0.8  # a sub-body's parent read from the article, not from its written name
DATE_SEARCH_CHARS = 300  # a publication date written in the text stands near its top

SentenceStage = Callable[[SentenceReading], None]

# What reading one sentence does, in order. Each stage adds mentions, roles or facts to the
# reading; a new way of reading names is one function here.
SENTENCE_STAGES: tuple[SentenceStage, ...] = (
    read_bylines,  # "Ali VELİ / İZMİR (İGFA) -", "Son Mühür -", "Kaynak: İHA"
    read_names,  # runs of capitalised words: organisations, people, places, titles
    complete_roles,  # titles across commas and "ve" -> headOf / memberOf
    read_genitive_titles,  # "X Derneği'nin başkanı Ali Veli", "X Kent Konseyi üyesi Ali Veli"
    locate_by_genitive_place,  # "Trabzon'un Yomra Belediyesi" -> locatedIn Trabzon
    attach_acronyms,  # "Manisalı Dernekler Federasyonu (MANİSA-FED)"
    find_references,  # "federasyon yetkilileri", "belediyeye"
    read_affiliations,  # "X Federasyonu'na bağlı Y Derneği", "federasyona bağlı" -> memberOf
    sort_mentions,
)


ArticleRule = Callable[[list[Fact], Discourse], list[Fact]]

# Guideline conventions applied to an article's facts once all are read, in order.
ARTICLE_RULES: tuple[ArticleRule, ...] = (
    parties_of_the_right_types,  # the relation vocabulary: who can visit, head, be located
    one_statement_each,  # one fact per (s, p, o), its most confident statement
    no_membership_beside_headship,  # rules 5, 25: a head is not also a member
    no_meeting_within_a_visit,  # rules 10, 16
    no_visit_to_a_visited_bodys_people,  # rule 13
)


def read_sentence(sentence: Sentence, tokens: list[Token], lang: Turkish) -> SentenceReading:
    """The mentions of one sentence (its ``tokens``) and the facts its names and titles state."""
    reading = SentenceReading(sentence, tokens, lang)
    for stage in SENTENCE_STAGES:
        stage(reading)
    return reading


def read_sentences(text: str, lang: Turkish) -> list[SentenceReading]:
    """Every sentence of a normalised text read, one too long to be a sentence in windows
    (kg/extract/windows.py)."""
    return [
        read_sentence(window, tokens, lang)
        for sentence in split_sentences(text, lang.abbreviations)
        for window, tokens in sentence_windows(sentence, tokenize(sentence.text, sentence.start))
    ]


def extract(article: Article) -> Extraction:
    """Entities and facts of one article (pure: no I/O).

    >>> ex = extract(Article("t", "Ayvalık Kent Konseyi, Bornova Belediyesi'ni ziyaret etti."))
    >>> [(f.s, f.p, f.o) for f in ex.facts if f.p == "visited"]
    [('Ayvalık Kent Konseyi', 'visited', 'Bornova Belediyesi')]
    """
    lang = turkish()
    text = normalise(article.text)
    readings = read_sentences(text, lang)
    resolution = resolve((m for r in readings for m in r.mentions), lang)
    name_facts = _name_facts(readings, resolution) + _completed_parts(resolution)
    discourse = Discourse.of(text, resolution.entities, name_facts)
    facts = [*name_facts, *_event_facts(readings, resolution, discourse)]
    byline = next((r.byline for r in readings if r.byline is not None), None)
    date = article.date or first_date(text[:DATE_SEARCH_CHARS], lang)
    article = replace(article, text=text, date=date)
    for rule in ARTICLE_RULES:
        facts = rule(facts, discourse)
    return Extraction(article, resolution.entities, tuple(facts), byline)


def _name_facts(readings: list[SentenceReading], resolution: Resolution) -> list[Fact]:
    """The facts names and titles state (headOf, partOf, locatedIn, ...), with canonical names."""
    canonical = resolution.canonical
    facts = []
    for reading in readings:
        for f in reading.facts:
            s, o = canonical(f.s), canonical(f.o)
            if not s or not o or s == o:
                continue
            # most facts name their parties canonically already: those are kept as they are
            facts.append(f if (s, o) == (f.s, f.o) else replace(f, s=s, o=o))
    return facts


def _completed_parts(resolution: Resolution) -> list[Fact]:
    """partOf for the sub-bodies resolution completed with their parent's name (rule 24), stated
    where the sub-body is first written."""
    facts = []
    for sub, parent in resolution.parts:
        written = (m for m, name in resolution.names.items() if name == sub)
        m = min(written, key=attrgetter("start"), default=None)
        if m is not None:
            facts.append(Fact(sub, "partOf", parent, m.text, m.start, m.end, SUB_BODY_CONFIDENCE))
    return facts


def _event_facts(readings: list[SentenceReading], resolution: Resolution, discourse) -> list[Fact]:
    """The facts relation cues state, sentence by sentence, in the article's discourse."""
    facts = [f for reading in readings for f in read_events(reading, resolution, discourse)]
    host = next((f.o for f in facts if f.p == "visited"), None)
    facts.extend(resolve_passives(discourse.pending, host))
    return facts
