"""Roles from lower-case titles after an organisation or a role, and from offices one is elected to."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from operator import attrgetter
from typing import cast

from kg.extract.reading import MAX_PERSON_WORDS, Role, SentenceReading, add_mention
from kg.extract.roles import APPOSITION_CONFIDENCE, add_role, title_at
from kg.lang.tr import OrgHead, Title, Turkish
from kg.lang.tr.morphology import bare_noun, possessive_stem
from kg.lang.tr.text import Token, fold, is_capitalised, recase
from kg.model import ORGANIZATION, PERSON, Mention

MAX_TITLE_MODIFIERS = 2  # words between a genitive and its title: "X'in yeni genel başkanı"
_KEY = attrgetter("key")


def read_genitive_titles(reading: SentenceReading) -> None:
    """Sentence stage: a lower-case title after an organisation: "X Derneği'nin (yeni) başkanı Ali Veli" after its
    genitive, "X Kent Konseyi üyesi Ali Veli" right after its name."""
    tokens, lang = reading.tokens, reading.lang
    starts = {m.start: m for m in reading.mentions if m.type == PERSON}
    if not starts:  # a title names no one here
        return
    for role in reading.roles:
        _read_title_after_role(reading, role, starts)
    _read_appointments(reading, starts)
    for org in [m for m in reading.mentions if m.type == ORGANIZATION and m.case in ("gen", "nom")]:
        modifiers = MAX_TITLE_MODIFIERS if org.case == "gen" else 0
        found = _title_and_person(reading, reading.token_from(org.end), modifiers, starts)
        if found is not None:
            _add_genitive_role(reading, org, *found, starts)
    genitives = genitive_heads(lang)
    if genitives.keys().isdisjoint(map(_KEY, tokens)):
        return
    for i, token in enumerate(tokens):  # "derneğin (yeni) başkanı Ali Veli": the article's one
        head = genitives.get(token.key)
        if head is None or token.suffix:
            continue
        found = _title_and_person(reading, i + 1, MAX_TITLE_MODIFIERS, starts)
        if found is not None:
            name = " ".join(word[:1].upper() + word[1:] for word in head.words)
            org = add_mention(
                reading, [i], ORGANIZATION, name, head.subtype, case="gen", tentative=True
            )
            _add_genitive_role(reading, org, *found, starts)


@cache
def genitive_heads(lang: Turkish) -> dict[str, OrgHead]:
    """Single head nouns in the genitive ("derneğin", "belediyenin", "odanın") and their heads."""
    endings = [suffix for suffix, case in lang.suffixes.items() if case == "gen"]
    return {
        stem + ending: head
        for head in lang.org_heads
        if len(head.words) == 1 and head.kind == "org"
        for stem in (bare_noun(head.words[0], lang), possessive_stem(head.words[0], lang))
        for ending in endings
    }


def _title_and_person(
    reading: SentenceReading, i: int, modifiers: int, starts: dict[int, Mention]
) -> tuple[Title, int, int, Mention] | None:
    """The lower-case title from token ``i`` on (after at most ``modifiers`` words: "yeni") and
    the person named after it: (title, its first token, its width, person)."""
    tokens, lang = reading.tokens, reading.lang
    for _ in range(modifiers + 1):
        if i >= len(tokens) or not tokens[i].is_word or is_capitalised(tokens[i].base):
            return None
        if tokens[i].key in lang.former_words:
            return None
        title, width = title_at(range(i, len(tokens)), 0, tokens, lang)
        named = i + width
        if named < len(tokens) and lang.function_words.get(tokens[named].key) == "apposition":
            named += 1  # "derneğin üyesi olan Ali Veli"
        person = _person_at(reading, named, starts) if title else None
        if title is not None and person is not None:
            return title, i, width, person
        i += 1
    return None


def _add_genitive_role(
    reading: SentenceReading,
    org: Mention,
    title: Title,
    first: int,
    width: int,
    person: Mention,
    starts: dict[int, Mention],
) -> None:
    body = _board_parent(reading, org, title)
    role = Role(title, body or org, person, first, first + width)
    if title.plural:  # "X Derneği üyeleri A, B ve C, yedek üyeler ise D ve E"
        role.listed.extend(_listed_after(reading, person, starts))
        role.listed.extend(_second_list(reading, role, starts))
    add_role(reading, role, APPOSITION_CONFIDENCE)
    k = reading.mentions.index(org)
    if body is not None:  # the board is named only to say whose members they are
        reading.mentions[k] = replace(org, tentative=True)
    elif not org.attributive:  # it names the person's body, not a party to an event
        reading.mentions[k] = replace(org, attributive=True)


def _read_appointments(reading: SentenceReading, starts: dict[int, Mention]) -> None:
    """ "X Derneği Başkanlığına Ali Veli seçildi, Genel Sekreterliğe ise Ayşe Demir": an office in
    the dative, in a sentence that says someone was elected or appointed, gives the person named
    after it (or the sentence's subject) that role in the organisation named with the office."""
    lang = reading.lang
    text = reading.sentence.text
    if not any(stem in text for stem in lang.appointment_stems):
        return
    tokens = reading.tokens
    org = None
    for i in range(len(tokens)):
        office = _office_at(tokens, i, lang)
        if office is None:
            continue
        first, relation = office
        # "..., Genel Sekreterliğe ise": the same body; "X'te görev değişimi: Başkanlığa A
        # seçildi": the sentence's one body
        org = _office_org(reading, first, i) or org or _only_body(reading)
        people = sorted((m for m in starts.values() if m.start > tokens[i].start), key=_start)
        person = people[0] if people else _subject(reading, first)
        if org is None or person is None:
            continue
        role = Role(Title((), relation, None), org, person, first, i + 1)
        role.listed.extend(_listed_after(reading, person, starts))
        add_role(reading, role, APPOSITION_CONFIDENCE)
    _read_elected_as(reading, starts)


MAX_ELECTED_GAP = 2  # "Ali Veli yeniden başkan seçildi": words between the name and the office


def _read_elected_as(reading: SentenceReading, starts: dict[int, Mention]) -> None:
    """ "Ali Veli (yeniden) başkan seçildi": an office written bare between a person and the verb
    that elects them gives the role in the sentence's one organisation."""
    tokens, lang = reading.tokens, reading.lang
    org = _only_body(reading)
    if org is None:
        return
    for person in starts.values():
        _, end = reading.token_span(person)
        for i in range(end, min(end + MAX_ELECTED_GAP + 1, len(tokens))):
            found = _elected_office_at(tokens, i, lang)
            if found is not None:
                width, relation = found
                role = Role(Title((), relation, None), org, person, end, i + width)
                add_role(reading, role, APPOSITION_CONFIDENCE)
                break
            if not tokens[i].is_word or tokens[i].suffix or is_capitalised(tokens[i].base):
                break


def _elected_office_at(tokens: Sequence[Token], i: int, lang: Turkish) -> tuple[int, str] | None:
    """(width, relation) of a bare office at token ``i`` followed by an electing verb."""
    for words, relation in lang.elected_as.items():
        n = len(words)
        window = tokens[i : i + n + 1]
        if (
            len(window) == n + 1
            and all(t.key == w and not t.suffix for t, w in zip(window, words, strict=False))
            and window[-1].key.startswith(lang.appointment_stems)
        ):
            return n, relation
    return None


def _only_body(reading: SentenceReading) -> Mention | None:
    """The sentence's one organisation, when it names exactly one."""
    bodies = {
        m.name: m
        for m in reading.mentions
        if m.type == ORGANIZATION and not m.reference and not m.tentative
    }
    return next(iter(bodies.values())) if len(bodies) == 1 else None


def _start(mention: Mention) -> int:
    return mention.start


def _office_at(tokens: Sequence[Token], i: int, lang: Turkish) -> tuple[int, str] | None:
    """(first token, relation) of the office in the dative that token ``i`` ends, if any."""
    token = tokens[i]
    for words, relation in _offices(lang).get(token.key[:3], ()):
        last, n = words[-1], len(words)
        if token.suffix:
            dative = token.key == last and lang.suffixes.get(token.suffix) == "dat"
        else:
            dative = (
                token.key.startswith(last) and lang.suffixes.get(token.key[len(last) :]) == "dat"
            )
        if (
            dative
            and i + 1 >= n
            and all(tokens[i - n + 1 + k].key == word for k, word in enumerate(words[:-1]))
        ):
            return i - n + 1, relation
    return None


@cache
def _offices(lang: Turkish) -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """The offices by the first letters of their last word, the longest first."""
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for words, relation in sorted(lang.offices, key=lambda o: -len(o[0])):
        index.setdefault(words[-1][:3], []).append((words, relation))
    return {key: tuple(found) for key, found in index.items()}


def _office_org(reading: SentenceReading, first: int, last: int) -> Mention | None:
    """The organisation an office belongs to: the name it ends ("X Odası Başkanlığına") or the
    name right before it ("X Derneği'nin başkanlığına")."""
    for m in reading.mentions:
        if m.type == ORGANIZATION and not m.reference:
            start, end = reading.token_span(m)
            if end == last + 1 and start < first or end == first:
                return m
    return None


def _subject(reading: SentenceReading, before: int) -> Mention | None:
    """ "Ali Veli, X Derneği Başkanlığına seçildi": the person opening the sentence."""
    tokens = reading.tokens
    for m in reading.mentions:
        if m.type == PERSON and not m.tentative:
            _, end = reading.token_span(m)
            return m if end < before and tokens[end].text == "," else None
    return None


def _read_title_after_role(
    reading: SentenceReading, role: Role, starts: dict[int, Mention]
) -> None:
    """ "Kula Belediye Başkanı Ali Veli, yardımcısı Ayşe Demir": a lower-case title after a
    comma holds a role in the organisation of the title before it."""
    tokens = reading.tokens
    org = role.body or role.org
    i = role.end
    if org is None or role.person is None or i + 2 >= len(tokens) or tokens[i].text != ",":
        return
    if is_capitalised(tokens[i + 1].base) or tokens[i + 1].key not in reading.lang.titles_by_first:
        return
    title, width = title_at(range(i + 1, len(tokens)), 0, tokens, reading.lang)
    person = _person_at(reading, i + 1 + width, starts) if title else None
    if title is not None and person is not None:
        after = Role(title, org, person, i + 1, i + 1 + width)
        if title.plural:
            after.listed.extend(_listed_after(reading, person, starts))
        add_role(reading, after, APPOSITION_CONFIDENCE)


def _board_parent(reading: SentenceReading, org: Mention, title: Title) -> Mention | None:
    """ "X Derneği Yönetim Kurulu üyeleri": the members of a board are members of the
    organisation itself (guideline rule 21), as the title "Yönetim Kurulu Üyeleri" says."""
    lang = reading.lang
    parent = next((f.o for f in reading.facts if f.p == "partOf" and f.s == org.name), None)
    if parent is None:
        return None
    words = tuple(fold(org.name).split())
    for head in lang.org_heads:
        n = len(head.words)
        if head.sub_body and words[-n:] == head.words:
            board_title = (*head.words, *title.words[-1:])
            if any(t.words == board_title for t in lang.titles_by_first.get(board_title[0], ())):
                return next(
                    (m for m in reading.mentions if m.type == ORGANIZATION and m.name == parent),
                    None,
                )
    return None


def _second_list(reading: SentenceReading, role: Role, starts: dict[int, Mention]) -> list[Mention]:
    """ "..., yedek üyeler (ise) D ve E": a second list of the same body after a comma, under a
    plural title of the same relation, one particle allowed before the names."""
    tokens, lang = reading.tokens, reading.lang
    # a plural title's role is read with its first person (_add_genitive_role)
    i = reading.token_from((role.listed or [cast(Mention, role.person)])[-1].end)
    if i + 1 >= len(tokens) or tokens[i].text != "," or is_capitalised(tokens[i + 1].base):
        return []
    title, width = title_at(range(i + 1, len(tokens)), 0, tokens, lang)
    if title is None or not title.plural or title.relation != role.title.relation:
        return []
    for j in (i + 1 + width, i + 2 + width):
        first = _person_at(reading, j, starts)
        if first is not None:
            return [first, *_listed_after(reading, first, starts)]
    return []


def _person_at(reading: SentenceReading, i: int, starts: dict[int, Mention]) -> Mention | None:
    """The person named from token ``i`` on, after a title: one read already, or capitalised words
    no other name took ("üyeleri Oya Tan": a title says a person's name follows)."""
    tokens, lang = reading.tokens, reading.lang
    if i >= len(tokens):
        return None
    if tokens[i].start in starts:
        return starts[tokens[i].start]
    taken = {k for m in reading.mentions for k in range(*reading.token_span(m))}
    words: list[int] = []
    for j in range(i, min(i + MAX_PERSON_WORDS, len(tokens))):
        token = tokens[j]
        if j in taken or not is_capitalised(token.base) or not token.base.isalpha():
            break
        if token.key in lang.honorifics or token.key in lang.titles_by_first:
            break
        words.append(j)
        if token.suffix:
            break
    if len(words) < 2:
        return None
    name = " ".join(recase(tokens[j].base) for j in words)
    person = add_mention(reading, words, PERSON, name, None)
    starts[person.start] = person
    return person


def _listed_after(
    reading: SentenceReading, person: Mention, starts: dict[int, Mention]
) -> list[Mention]:
    """The people named after ``person`` in a list joined by commas and "ve"."""
    tokens, words = reading.tokens, reading.lang.function_words
    listed = []
    i = reading.token_from(person.end)
    while i + 1 < len(tokens) and (
        tokens[i].text == "," or words.get(tokens[i].key) == "conjunction"
    ):
        after = _person_at(reading, i + 1, starts)
        if after is None:
            break
        listed.append(after)
        i = reading.token_from(after.end)
    return listed
