"""Sentence stage: people written as coming from a body ("X Derneği'nden Ali Kaya"), and one
organisation written as attached to another ("X Federasyonu'na bağlı Y
Derneği", "X Belediyesi'ne bağlı Y Müdürlüğü", "X Federasyonu üyesi Y Derneği"): the second is a
member of the first, or a part of it when its head names a unit inside a larger body (guideline:
memberOf "federasyona bağlı dernek"; partOf for sub-bodies)."""

from __future__ import annotations

from kg.extract.heads import head_for_name
from kg.extract.reading import SentenceReading, add_fact
from kg.extract.roles import title_at
from kg.model import ORGANIZATION, PERSON, Mention

AFFILIATION_CONFIDENCE = 0.8  # a construction of three words, not a name's own words
FROM_CONFIDENCE = 0.7  # "X'ten Ali Kaya": one of X's people, a member or its staff


def read_affiliations(reading: SentenceReading) -> None:
    orgs = [m for m in reading.mentions if m.type == ORGANIZATION]
    if orgs:
        _read_people_from_bodies(reading, orgs)
    if len(orgs) > 1:
        _read_attached_bodies(reading, orgs)


def _read_people_from_bodies(reading: SentenceReading, orgs: list[Mention]) -> None:
    """ "Toplantıya X Derneği'nden Ali Kaya katıldı": a person named right after a body in the
    ablative is one of its people."""
    tokens = reading.tokens
    people = {m.start: m for m in reading.mentions if m.type == PERSON and not m.tentative}
    for body in orgs:
        if body.case != "abl" or body.reference:
            continue
        i = reading.token_from(body.end)
        person = people.get(tokens[i].start) if i < len(tokens) else None
        if person is not None and person.case == "nom":
            add_fact(
                reading, person.name, "memberOf", body.name, body.start, person.end, FROM_CONFIDENCE
            )


def _read_attached_bodies(reading: SentenceReading, orgs: list[Mention]) -> None:
    """ "X Federasyonu'na bağlı Y Derneği", "X Federasyonu üyesi Y Derneği"."""
    tokens, lang = reading.tokens, reading.lang
    starts = {m.start: m for m in orgs if not m.attributive and not m.reference}
    for body in orgs:
        i = _after_link(reading, reading.token_from(body.end), body.case)
        member = starts.get(tokens[i].start) if i is not None and i < len(tokens) else None
        if member is None or member.name == body.name:
            continue
        head = head_for_name(member.name, lang)  # a unit inside a body: "Müdürlüğü", "Şubesi"
        predicate = "partOf" if head is not None and head.sub_body else "memberOf"
        add_fact(
            reading,
            member.name,
            predicate,
            body.name,
            body.start,
            member.end,
            AFFILIATION_CONFIDENCE,
        )


def _after_link(reading: SentenceReading, i: int, case: str) -> int | None:
    """The token after the words that attach the next body to one ending before token ``i``:
    "bağlı (olan)" after the dative, a member title ("üyesi") after the bare name."""
    tokens, lang = reading.tokens, reading.lang
    if i >= len(tokens):
        return None
    if case == "dat" and lang.function_words.get(tokens[i].key) == "affiliation":
        i += 1
        if i < len(tokens) and lang.function_words.get(tokens[i].key) == "apposition":
            i += 1  # "X'e bağlı olan Y"
        return i
    if case == "nom" and not tokens[i].suffix and not tokens[i].base[:1].isupper():
        title, width = title_at(range(i, len(tokens)), 0, tokens, lang)
        if title is not None and title.relation == "memberOf" and not title.plural:
            return i + width
    return None
