"""Organisations written as acronyms: alone, beside places, in parentheses after the long name."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from kg.extract.places import read_places
from kg.extract.reading import SentenceReading, add_mention, place_of
from kg.extract.written import HYPHEN, in_capitals, name_text
from kg.lang.tr import Turkish
from kg.lang.tr.text import Token, is_all_caps
from kg.model import ORGANIZATION, Mention


def attach_acronyms(reading: SentenceReading) -> None:
    """Sentence stage: "Manisalı Dernekler Federasyonu (MANİSA-FED)": the acronym becomes an
    alias of the name."""
    if "(" not in reading.sentence.text:
        return
    tokens = reading.tokens
    acronym_starts: set[int] = set()
    for k, mention in enumerate(reading.mentions):
        if mention.type != ORGANIZATION or mention.tentative:
            continue
        first, end = reading.token_span(mention)
        written = _acronym_after(reading, end)
        if written is not None and mention.start != tokens[end + 1].start:
            reading.mentions[k] = replace(mention, acronym=written)
            acronym_starts.update(t.start for t in tokens[end + 1 : end + 1 + len(written.split())])
        elif "(" in mention.text:
            reading.mentions[k] = _with_inner_acronym(reading, mention, first, end)
    reading.mentions[:] = [m for m in reading.mentions if m.start not in acronym_starts]


def _acronym_after(reading: SentenceReading, end: int) -> str | None:
    """The acronym in parentheses from token ``end`` on: "(TSO)", or with its place "(Muş TSO)"."""
    tokens, lang = reading.tokens, reading.lang
    if end >= len(tokens) or tokens[end].text != "(":
        return None
    close = next((j for j in range(end + 1, min(end + 5, len(tokens))) if tokens[j].text == ")"), 0)
    inside = tokens[end + 1 : close]
    if not inside or not _short_form(inside[-1].base):
        return None
    if not all(place_of(t, lang) for t in inside[:-1]):
        return None
    return name_text([t.base for t in inside])


def _short_form(word: str) -> bool:
    """An acronym ("TSO") or a hyphenated short name ("Eğitim-Bir-Sen") given in parentheses."""
    return is_all_caps(word) or (HYPHEN in word and word[:1].isupper())


def _with_inner_acronym(
    reading: SentenceReading, mention: Mention, first: int, end: int
) -> Mention:
    """ "X Derneği (XD) Kula Şubesi": the branch is also written "XD Kula Şubesi"."""
    tokens = reading.tokens
    for i in range(first + 1, end - 2):
        if tokens[i].text == "(" and in_parentheses(i + 1, tokens):
            prefix = name_text([t.base for t in tokens[first:i]])
            if mention.name.startswith(prefix):
                return replace(mention, acronym=tokens[i + 1].base + mention.name[len(prefix) :])
    return mention


def in_parentheses(i: int, tokens: Sequence[Token]) -> bool:
    """Whether token ``i`` is an all-caps word alone in parentheses: "(KUDER)"."""
    return (
        0 < i < len(tokens) - 1
        and tokens[i - 1].text == "("
        and tokens[i + 1].text == ")"
        and is_all_caps(tokens[i].base)
    )


def add_acronym(reading: SentenceReading, i: int, *, attributive: bool = False) -> Mention:
    """An organisation written as an acronym: a known national body, one the article defines, or
    one another article defines (cross-article resolution joins it to its long form). In a
    heading written in capitals an all-caps word is just a word, and a common noun's acronym
    ("STK") no body: kept only if the article defines it."""
    acronym = reading.tokens[i].base
    known = acronym in reading.lang.known_acronyms
    subtype = reading.lang.known_acronyms.get(acronym)
    # a common noun in capitals ("STK") or a code with digits ("U2020") names no body by itself
    common = acronym in reading.lang.common_acronyms or not acronym.replace("-", "").isalpha()
    tentative = not known and (common or in_capitals(reading.tokens))
    return add_mention(
        reading, [i], ORGANIZATION, acronym, subtype, attributive=attributive, tentative=tentative
    )


def is_acronym(token: Token, reading: SentenceReading) -> bool:
    """An all-caps word that names a body: not a place ("İZMİR") nor a common noun ("STK")."""
    lang = reading.lang
    return (
        is_all_caps(token.base)
        and place_of(token, lang) is None
        and token.base not in lang.common_acronyms
    )


def read_acronym_and_places(reading: SentenceReading, part: list[int], lang: Turkish) -> bool:
    """ "TOKİ İzmir", "CHP Kula": a body's acronym and the places after it that say where."""
    tokens = reading.tokens
    if len(part) < 2 or not is_acronym(tokens[part[0]], reading):
        return False
    if not all(place_of(tokens[i], lang) for i in part[1:]):
        return False
    add_acronym(reading, part[0])
    read_places(reading, part[1:], lang)
    return True


def read_place_acronym(
    reading: SentenceReading, part: list[int], lang: Turkish, *, attributive: bool = False
) -> Mention | None:
    """ "Muş TSO": a place and an acronym name the body the article defines so ("Muş Ticaret ve
    Sanayi Odası (Muş TSO)"); tentative until resolution finds that definition."""
    tokens = reading.tokens
    if len(part) < 2 or not is_all_caps(tokens[part[-1]].base):
        return None
    acronym = tokens[part[-1]]
    if place_of(acronym, lang) or not all(place_of(tokens[i], lang) for i in part[:-1]):
        return None
    if acronym.base in lang.common_acronyms or acronym.base in lang.known_acronyms:
        return None
    name = name_text([tokens[i].base for i in part])
    org = add_mention(
        reading, part, ORGANIZATION, name, None, attributive=attributive, tentative=True
    )
    read_places(reading, part[:-1], lang)
    return org
