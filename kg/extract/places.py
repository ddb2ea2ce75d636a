"""Places in names and around them: gazetteer words, "X Mahallesi", and the locatedIn they state."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from operator import attrgetter

from kg.extract.reading import (
    SentenceReading,
    add_fact,
    add_mention,
    add_places,
    join_words,
    place_of,
)
from kg.lang.tr import PlaceHead, Turkish
from kg.lang.tr.morphology import inflection_of
from kg.lang.tr.text import Token, lower, upper
from kg.model import ORGANIZATION, PLACE, Mention

_KEY = attrgetter("key")

LOCATIVE_ADJECTIVE = "ki"  # "Çorlu'da-ki": the -ki that makes a locative an adjective
NAME_CONFIDENCE = 0.9  # a fact read from inside a name ("İzmir Kent Konseyi" locatedIn "İzmir")


def read_places(reading: SentenceReading, part: list[int], lang: Turkish) -> list[int]:
    """Place mentions in a part: gazetteer names of one word or more, "X Mahallesi", "Marmara
    Bölgesi"; returns the words left over."""
    tokens = reading.tokens
    rest: list[int] = []
    pending: list[int] = []  # words since the last place, which a place head may name
    last: list[Mention] = []  # the place read right before, which a place head may name or mark
    # a place named like a given name right before the pending words: "Evren Paşa Mahallesi"
    # is named after a person, not in the district Evren
    given: list[Mention] = []
    heads, phrases = place_head_forms(lang), lang.place_phrases
    k = 0
    while k < len(part):
        i = part[k]
        key = tokens[i].key
        found = heads.get(key)
        if found is not None and (pending and found[1].after_any or len(last) == 1):
            if pending and given and found[1].after_any:
                pending = [*_words_of(reading, given[0]), *pending]
                last = given
            _read_place_head(reading, pending or _words_of(reading, last[0]), i, found, last)
            pending, last, given = [], [], []
            k += 1
            continue
        if last and not pending:
            first = reading.token_from(last[0].start)
            given = last if len(last) == 1 and tokens[first].key in lang.given_names else []
        width = _phrase_width(part, k, tokens, lang) if key in phrases else 0
        if width or (place_of(tokens[i], lang) and not _weekday(tokens, i, lang)):
            rest.extend(pending)
            pending = []
            if width:
                words = part[k : k + width]
                place = lang.places[" ".join(tokens[j].key for j in words)]
                last = [add_mention(reading, words, PLACE, place.name, place.subtype)]
            else:
                last = add_places(reading, i, lang, attributive=False)
            k += width or 1
            continue
        pending.append(i)
        last = []
        k += 1
    return rest + pending


def _weekday(tokens: Sequence[Token], i: int, lang: Turkish) -> bool:
    """ "Çarşamba günü": a weekday named like a district, before a noun for the day."""
    return (
        tokens[i].key in lang.weekdays
        and i + 1 < len(tokens)
        and tokens[i + 1].key in lang.day_times
    )


def place_head(key: str, lang: Turkish) -> tuple[str, PlaceHead] | None:
    """The place head a word is, bare or with a case ending written on ("Mahallesinde")."""
    return place_head_forms(lang).get(key)


@cache
def place_head_forms(lang: Turkish) -> dict[str, tuple[str, PlaceHead]]:
    """Every written form of a place head (bare, or with a case ending: "mahallesinde"), with
    the head and what it is: a handful of heads times the case endings, listed once so that
    asking of a word is one dictionary lookup."""
    forms: dict[str, tuple[str, PlaceHead]] = {}
    for word, head in lang.place_heads.items():
        for suffix in ["", *lang.suffixes]:
            if inflection_of(word + suffix, word, lang) is not None:
                forms.setdefault(word + suffix, (word, head))
    return forms


def _read_place_head(
    reading: SentenceReading,
    before: list[int],
    i: int,
    found: tuple[str, PlaceHead],
    last: list[Mention],
) -> None:
    """A place head after the words it names: a new place ("Cumhuriyet Mahallesi", also after a
    gazetteer place: "Çamlık Mahallesi" is not the district), a longer name of the place before
    it ("Macaristan Cumhuriyeti") or only its kind ("Seyhan İlçesi")."""
    word, head = found
    if not head.after_any and not head.keep:
        return
    if last:
        reading.mentions.remove(last[0])
    tokens = reading.tokens
    if head.after_any:
        before = [*_number_before(tokens, before[0], reading.lang), *before]
        written = tokens[i].base[: len(word)]
        name = _written(reading, before) + " " + upper(written[:1]) + written[1:]
        add_mention(reading, [*before, i], PLACE, name, head.subtype)
    else:
        add_mention(reading, [*before, i], PLACE, last[0].name, last[0].subtype)


def _number_before(tokens: Sequence[Token], first: int, lang: Turkish) -> list[int]:
    """The ordinal or the day a place's name opens with, if any: "100. Yıl Mahallesi",
    "19 Mayıs Mahallesi" ("5 Yeni Mahalle" counts them)."""
    ordinal = first > 1 and tokens[first - 1].text == "."
    at = first - 1 if ordinal else first
    if not (ordinal or tokens[first].key in lang.months):
        return []
    if at and tokens[at - 1].base.isdigit() and tokens[first].start - tokens[at - 1].end <= 2:
        return list(range(at - 1, first))
    return []


def _written(reading: SentenceReading, words: list[int]) -> str:
    """Words as the sentence writes them, a case suffix on the last one left out."""
    tokens, offset = reading.tokens, reading.sentence.start
    first, last = tokens[words[0]], tokens[words[-1]]
    return reading.sentence.text[first.start - offset : last.start - offset] + last.base


def _words_of(reading: SentenceReading, mention: Mention) -> list[int]:
    return list(range(*reading.token_span(mention)))


def is_place_name(part: list[int], tokens: Sequence[Token], lang: Turkish) -> bool:
    """Whether the words are one gazetteer name of several words, whatever its last word is
    ("Rusya Federasyonu", "Güney Kıbrıs Rum Yönetimi")."""
    return (
        len(part) > 1
        and tokens[part[0]].key in lang.place_phrases
        and (_phrase_width(part, 0, tokens, lang) == len(part))
    )


def _phrase_width(part: list[int], k: int, tokens: Sequence[Token], lang: Turkish) -> int:
    """How many words of the part from ``k`` on spell a gazetteer name of more than one word."""
    for phrase in lang.place_phrases.get(tokens[part[k]].key, ()):
        n = len(phrase)
        words = part[k : k + n]
        if (
            len(words) == n
            and words[-1] - words[0] == n - 1
            and all(tokens[j].key == w for j, w in zip(words, phrase, strict=True))
            and not any(tokens[j].suffix for j in words[:-1])
        ):
            return n
    return 0


def add_place_facts(reading: SentenceReading, words: list[int], org: Mention) -> None:
    """locatedIn for the place words that open ``words`` (guideline rules 11 and 29): the first
    place, and each following one that lies within it ("Edirne Lalapaşa Belediyesi"). National
    bodies ("Türkiye ...") get none; a demonym ("Manisalı ...") or a place outside the first
    ("Kocaeli Kastamonu Derneği") says where the members come from: a place, not the seat."""
    lang = reading.lang
    tokens = reading.tokens
    given = lang.given_names
    if len(words) > 2 and tokens[words[0]].key in given and tokens[words[1]].key in given:
        return  # "Fatih Sultan Mehmet Vakfı", "Selim Ali Derneği": named after a person
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
        if k + 1 < len(words) and tokens[words[k + 1]].key in lang.non_entity_heads:
            return  # "Edremit Körfezi Derneği": named after a feature, not seated in the place
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
        if head is not None and head.keep and k > 0 and not tokens[words[k - 1]].suffix:
            if i == words[-1]:
                return  # the place head ends the name: "X Mahallesi" is a place, not a body in it
            place_words = words[: k + 1]
            place = add_mention(
                reading,
                place_words,
                PLACE,
                join_words(place_words, tokens),
                head.subtype,
                attributive=True,
            )
            add_fact(
                reading, org.name, "locatedIn", place.name, org.start, org.end, NAME_CONFIDENCE
            )
            return


def locate_by_genitive_place(reading: SentenceReading) -> None:
    """Sentence stage: "Trabzon'un Yomra Belediyesi", "Tire'deki Ege Gönüllüler Derneği": a
    place in the genitive, or in the locative made an adjective with -ki, right before a name
    locates it."""
    places = {m.end: m for m in reading.mentions if m.type == PLACE and _locates(reading, m)}
    places.update(_places_before_seat_phrases(reading))
    if not places:
        return
    for org in [m for m in reading.mentions if m.type == ORGANIZATION and not m.tentative]:
        first, _ = reading.token_span(org)
        place = places.get(reading.tokens[first - 1].end) if first else None
        if place is not None:
            add_fact(
                reading, org.name, "locatedIn", place.name, place.start, org.end, NAME_CONFIDENCE
            )


def _places_before_seat_phrases(reading: SentenceReading) -> dict[int, Mention]:
    """Places followed by words that say a body is based there ("Manisa'da faaliyet gösteren",
    "İzmir merkezli"), keyed by where those words end."""
    tokens, lang = reading.tokens, reading.lang
    found: dict[int, Mention] = {}
    if _seat_phrase_openers(lang).isdisjoint(map(_KEY, tokens)):  # most sentences
        return found
    for place in [m for m in reading.mentions if m.type == PLACE]:  # the case: seat_phrases.tsv
        _, end = reading.token_span(place)
        for words, case in lang.seat_phrases:
            window = tokens[end : end + len(words)]
            if (
                place.case == case
                and len(window) == len(words)
                and all(t.key == w for t, w in zip(window, words, strict=True))
            ):
                found[window[-1].end] = place
                break
    return found


@cache
def _seat_phrase_openers(lang: Turkish) -> frozenset[str]:
    return frozenset(words[0] for words, _ in lang.seat_phrases)


def _locates(reading: SentenceReading, place: Mention) -> bool:
    if place.case == "gen":
        return True
    if place.case != "loc":
        return False
    _, end = reading.token_span(place)
    return reading.tokens[end - 1].suffix.endswith(LOCATIVE_ADJECTIVE)
