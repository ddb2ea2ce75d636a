"""Places in names and around them: gazetteer words, "X Mahallesi", and the locatedIn they state."""

from __future__ import annotations

from kg.extract.reading import (
    SentenceReading,
    add_fact,
    add_mention,
    add_places,
    join_words,
    place_of,
)
from kg.lang.tr import Turkish
from kg.lang.tr.text import lower
from kg.model import ORGANIZATION, PLACE, Mention

LOCATIVE_ADJECTIVE = "ki"  # "Çorlu'da-ki": the -ki that makes a locative an adjective
NAME_CONFIDENCE = 0.9  # a fact read from inside a name ("İzmir Kent Konseyi" locatedIn "İzmir")


def read_places(reading: SentenceReading, part: list[int], lang: Turkish) -> list[int]:
    """Place mentions in a part: gazetteer names and "X Mahallesi"; returns the words left over."""
    tokens = reading.tokens
    rest: list[int] = []
    pending: list[int] = []  # words since the last place, which a place head may name
    after_place = False
    for i in part:
        head = lang.place_heads.get(tokens[i].key)
        if head is not None and pending and head[1]:
            words = [*pending, i]
            add_mention(reading, words, PLACE, join_words(words, tokens), head[0])
            pending, after_place = [], True
        elif head is not None and after_place and not pending:
            continue  # "Seyhan İlçesi": the head only says what Seyhan is
        elif place_of(tokens[i], lang):
            add_places(reading, i, lang, attributive=False)
            rest.extend(pending)
            pending, after_place = [], True
        else:
            pending.append(i)
            after_place = False
    return rest + pending


def add_place_facts(reading: SentenceReading, words: list[int], org: Mention) -> None:
    """locatedIn for the place words that open ``words`` (guideline rules 11 and 29): the first
    place, and each following one that lies within it ("Edirne Lalapaşa Belediyesi"). National
    bodies ("Türkiye ...") get none; a demonym ("Manisalı ...") or a place outside the first
    ("Kocaeli Kastamonu Derneği") says where the members come from: a place, not the seat."""
    lang = reading.lang
    seat = None
    for k, i in enumerate(words):
        tok = reading.tokens[i]
        place = place_of(tok, lang)
        if place is None:
            _add_local_place_fact(reading, words[k:], org)
            return
        entry = lang.places.get(lower(place))
        if entry is not None and entry.subtype == "Country":
            return
        mentions = add_places(reading, i, lang, attributive=True)
        if tok.key not in lang.places and tok.key in lang.demonyms:
            return
        for mention in mentions:
            if seat is not None and (lower(mention.name), seat) not in lang.district_provinces:
                continue
            seat = seat or mention.name
            add_fact(
                reading, org.name, "locatedIn", mention.name, org.start, org.end, NAME_CONFIDENCE
            )


MAX_LOCAL_PLACE_WORDS = 3  # "Yeni Cumhuriyet Mahallesi": words before a neighbourhood's head


def _add_local_place_fact(reading: SentenceReading, words: list[int], org: Mention) -> None:
    """ "Cumhuriyet Mahallesi Muhtarlığı", "Yeşilköy Köyü İlkokulu": a neighbourhood or village
    named by its place head at the start of the name locates the organisation."""
    tokens, lang = reading.tokens, reading.lang
    for k, i in enumerate(words[: MAX_LOCAL_PLACE_WORDS + 1]):
        head = lang.place_heads.get(tokens[i].key)
        if head is not None and head[1] and k > 0 and not tokens[words[k - 1]].suffix:
            if i == words[-1]:
                return  # the place head ends the name: "X Mahallesi" is a place, not a body in it
            place_words = words[: k + 1]
            place = add_mention(
                reading,
                place_words,
                PLACE,
                join_words(place_words, tokens),
                head[0],
                attributive=True,
            )
            add_fact(
                reading, org.name, "locatedIn", place.name, org.start, org.end, NAME_CONFIDENCE
            )
            return


def locate_by_genitive_place(reading: SentenceReading) -> None:
    """Sentence stage: "Trabzon'un Yomra Belediyesi", "Çorlu'daki Trakya Vanlılar Derneği": a
    place in the genitive, or in the locative made an adjective with -ki, right before a name
    locates it."""
    places = {m.end: m for m in reading.mentions if m.type == PLACE and _locates(reading, m)}
    if not places:
        return
    for org in [m for m in reading.mentions if m.type == ORGANIZATION and not m.tentative]:
        first, _ = reading.token_span(org)
        place = places.get(reading.tokens[first - 1].end) if first else None
        if place is not None:
            add_fact(
                reading, org.name, "locatedIn", place.name, place.start, org.end, NAME_CONFIDENCE
            )


def _locates(reading: SentenceReading, place: Mention) -> bool:
    if place.case == "gen":
        return True
    if place.case != "loc":
        return False
    _, end = reading.token_span(place)
    return reading.tokens[end - 1].suffix.endswith(LOCATIVE_ADJECTIVE)
