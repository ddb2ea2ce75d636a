"""Titles next to names: who holds which role in which organisation (headOf, memberOf)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from kg.extract.reading import SentenceReading, add_fact
from kg.lang.tr import Title, Turkish
from kg.lang.tr.text import Token, is_capitalised
from kg.model import ORGANIZATION, PERSON, Mention

TITLE_CONFIDENCE = 0.9  # a role read from a title next to a name


APPOSITION_CONFIDENCE = 0.8  # a role read across a comma ("Ali Veli, X Başkanı")


MAX_TITLE_MODIFIERS = 2  # words between a genitive and its title: "X'in yeni genel başkanı"


@dataclass
class Role:
    """A title read next to names: whose it is and of what, as far as the run itself says."""

    title: Title
    org: Mention | None
    person: Mention | None
    first: int  # first token of the role's words (organisation or title)
    end: int  # one past its last token
    listed: list[Mention] = field(default_factory=list)  # more names after a plural title


def split_at_titles(
    run: list[int], tokens: Sequence[Token], lang: Turkish
) -> list[tuple[list[int], Title | None, list[int], list[int]]]:
    """Cut a run into (words before, title, the title's words, words after) at each title."""
    parts = []
    start = 0
    i = 0
    while i < len(run):
        if tokens[run[i]].key not in lang.titles_by_first:  # most words start no title
            i += 1
            continue
        title, width = title_at(run, i, tokens, lang)
        if title is None:
            i += 1
            continue
        parts.append((run[start:i], title, run[i : i + width], []))
        start = i = i + width
    if not parts:
        return [(run, None, [], [])]
    before, title, title_words, _ = parts[-1]
    parts[-1] = (before, title, title_words, run[start:])
    return parts


def title_at(
    run: Sequence[int], i: int, tokens: Sequence[Token], lang: Turkish
) -> tuple[Title | None, int]:
    best: tuple[Title | None, int] = (None, 0)
    for title in lang.titles_by_first.get(tokens[run[i]].key, ()):
        n = len(title.words)
        if i + n > len(run) or n <= best[1]:
            continue
        words = [tokens[j] for j in run[i : i + n]]
        if any(t.suffix for t in words[:-1]):
            continue
        if all(w.key == t for w, t in zip(words, title.words, strict=True)):
            best = (title, n)
    return best


def _add_role(reading: SentenceReading, role: Role, confidence: float) -> None:
    if role.title.relation is None or role.org is None or role.person is None:
        return
    org = role.org
    for person in [role.person, *role.listed]:
        start, end = min(person.start, org.start), max(person.end, org.end)
        add_fact(reading, person.name, role.title.relation, org.name, start, end, confidence)


def complete_roles(reading: SentenceReading) -> None:
    """Sentence stage: fill in what a title's own run leaves out, then state each role as a fact.

    - "X Birliği (XB) Başkanı Ali Veli": the organisation before the acronym in parentheses;
    - "Ali Veli, X Derneği Başkanı": the name before the comma (apposition);
    - "X Derneği Başkanı ve Y Muhtarı Ali Veli": coordinated titles share the name after them.
    """
    roles = reading.roles
    for k, role in enumerate(roles):
        confidence = TITLE_CONFIDENCE
        if role.org is None or role.org.tentative:
            role.org = _org_before_acronym(reading, role.first) or role.org
        if role.org is None and k and _joined_by_comma(reading, roles[k - 1].end, role.first):
            role.org = roles[k - 1].org  # "X Derneği Başkanı A, Başkan Vekili B": same X
        if role.person is None:
            role.person = _person_before_comma(reading, role.first)
            confidence = APPOSITION_CONFIDENCE
        if role.person is None and k + 1 < len(roles):
            after = roles[k + 1]
            if _joined_by_conjunction(reading, role.end, after.first):
                role.person = after.person
        _add_role(reading, role, confidence)


def read_genitive_titles(reading: SentenceReading) -> None:
    """Sentence stage: a lower-case title after an organisation: "X Derneği'nin (yeni) başkanı Ali Veli" after its
    genitive, "X Kent Konseyi üyesi Ali Veli" right after its name."""
    tokens, lang = reading.tokens, reading.lang
    starts = {m.start: m for m in reading.mentions if m.type == PERSON}
    if not starts:  # a title names no one here
        return
    for org in [m for m in reading.mentions if m.type == ORGANIZATION and m.case in ("gen", "nom")]:
        i = reading.token_from(org.end)
        modifiers = MAX_TITLE_MODIFIERS if org.case == "gen" else 0
        for _ in range(modifiers + 1):
            if i >= len(tokens) or not tokens[i].is_word or is_capitalised(tokens[i].base):
                break
            if tokens[i].key in lang.former_words:
                break
            title, width = title_at(range(i, len(tokens)), 0, tokens, lang)
            person = (
                starts.get(tokens[i + width].start) if title and i + width < len(tokens) else None
            )
            if person is not None:
                _add_role(reading, Role(title, org, person, i, i + width), APPOSITION_CONFIDENCE)
                if not org.attributive:  # it names the person's body, not a party to an event
                    k = reading.mentions.index(org)
                    reading.mentions[k] = replace(org, attributive=True)
                break
            i += 1


def _org_before_acronym(reading: SentenceReading, first: int) -> Mention | None:
    tokens = reading.tokens
    if first < 4 or tokens[first - 1].text != ")" or tokens[first - 3].text != "(":
        return None
    end = tokens[first - 4].end
    for k, m in enumerate(reading.mentions):
        if m.type == ORGANIZATION and m.end == end and not m.attributive:
            reading.mentions[k] = replace(m, attributive=True)  # it names the title's holder's body
            return reading.mentions[k]
    return None


def _person_before_comma(reading: SentenceReading, first: int) -> Mention | None:
    tokens = reading.tokens
    if first < 2 or tokens[first - 1].text != ",":
        return None
    end = tokens[first - 2].end
    return next(
        (m for m in reading.mentions if m.type == PERSON and not m.tentative and m.end == end), None
    )


def _joined_by_comma(reading: SentenceReading, end: int, start: int) -> bool:
    return [t.text for t in reading.tokens[end:start]] == [","]


def _joined_by_conjunction(reading: SentenceReading, end: int, start: int) -> bool:
    between = reading.tokens[end:start]
    return len(between) == 1 and reading.lang.function_words.get(between[0].key) == "conjunction"


def listed_after(reading: SentenceReading, roles: list[Role], run: list[int]) -> Role | None:
    """The plural title ("Meclis Üyeleri A, B ve C") a run continues the name list of, if any."""
    if not roles or not roles[-1].title.plural or roles[-1].person is None:
        return None
    role = roles[-1]
    between = reading.tokens[role.end : run[0]]
    linked = len(between) == 1 and (
        between[0].text == "," or between[0].key in reading.lang.function_words
    )
    return role if linked else None
