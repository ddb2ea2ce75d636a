"""Titles next to names: who holds which role in which organisation (headOf, memberOf)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from kg.extract.reading import Role, SentenceReading, add_fact, add_mention
from kg.lang.tr import OrgHead, Title, Turkish
from kg.lang.tr.text import Token, fold
from kg.model import ORGANIZATION, PERSON, Mention

TITLE_CONFIDENCE = 0.9  # a role read from a title next to a name
APPOSITION_CONFIDENCE = 0.8  # a role read across a comma ("Ali Veli, X Başkanı")
SUB_BODY_CONFIDENCE = 0.9  # a sub-body a title names in its organisation ("Odası Meclis Başkanı")
# A municipality's council members count as members of the municipality (guideline rule 21), so
# its council is made a body of its own only where the text names it.
MUNICIPALITY = "Municipality"


def split_at_titles(
    run: list[int], tokens: Sequence[Token], lang: Turkish
) -> list[tuple[list[int], Title | None, list[int], list[int]]]:
    """Cut a run into (words before, title, the title's words, words after) at each title."""
    parts: list[tuple[list[int], Title | None, list[int], list[int]]] = []
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


def title_sub_body(
    reading: SentenceReading, org: Mention | None, words: list[int], title: Title
) -> Mention | None:
    """ "X Odası Meclis Başkanı": a title that carries a sub-body's head names that sub-body of the
    organisation before it ("X Odası Meclisi", partOf "X Odası"; guideline rules 4 and 21)."""
    head = _implied_sub_body(title, reading.lang)
    if head is None or org is None or org.tentative or org.subtype == MUNICIPALITY:
        return None
    if fold(org.name).endswith(fold(title.implied_head or "")):  # the words before named it already
        return None
    # words between the organisation and the title name the sub-body ("X Kent Konseyi Gençlik
    # Meclis Başkanı" -> "X Kent Konseyi Gençlik Meclisi")
    between = [reading.tokens[i].base for i in words[:-1] if reading.tokens[i].start >= org.end]
    name = " ".join([org.name, *between, title.implied_head or ""])
    body = add_mention(reading, words, ORGANIZATION, name, head.subtype, attributive=True)
    start = min(org.start, body.start)
    add_fact(reading, body.name, "partOf", org.name, start, body.end, SUB_BODY_CONFIDENCE)
    return body


def _implied_sub_body(title: Title, lang: Turkish) -> OrgHead | None:
    """The sub-body head a title carries ("Meclis Başkanı" -> "meclisi"), if any."""
    if title.implied_head is None:
        return None
    words = tuple(fold(title.implied_head).split())
    return next((h for h in lang.org_heads if h.words == words and h.sub_body), None)


def add_role(reading: SentenceReading, role: Role, confidence: float) -> None:
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
        if k and _lone_sub_body(role.org, reading.lang) is not None:
            _complete_sub_body(reading, role, roles[k - 1])
        if _continues(reading, roles, k):
            # "X Derneği Başkanı A, Başkan Vekili B": same X; "X Odası Başkanı A, Meclis Başkanı
            # B": X's Meclis
            body = roles[k - 1].body or roles[k - 1].org
            if body is not None:
                sub_body = title_sub_body(reading, body, [role.first], role.title)
                if sub_body is not None:
                    role.org, role.body = sub_body, body
                elif _implied_sub_body(role.title, reading.lang):
                    role.body = body  # its sub-body cannot be named: the titles after go to X
                else:
                    role.org = body
        if role.person is None:
            role.person = _person_before_comma(reading, role.first)
            confidence = APPOSITION_CONFIDENCE
        if role.person is None and k + 1 < len(roles):
            after = roles[k + 1]
            if _joined_by_conjunction(reading, role.end, after.first):
                role.person = after.person
        add_role(reading, role, confidence)
    _read_party_members(reading)


PARTY = "PoliticalParty"


def _read_party_members(reading: SentenceReading) -> None:
    """ "CHP'li Belediye Başkanı Ali Veli", "CHP'li Ali Veli": the person a party's member
    adjective describes is a member of the party (guideline rule 25)."""
    tokens, lang = reading.tokens, reading.lang
    for party in [m for m in reading.mentions if m.type == ORGANIZATION and m.subtype == PARTY]:
        _, end = reading.token_span(party)
        last = tokens[end - 1]
        adjective = last.suffix in lang.member_suffixes or last.key[-2:] in lang.member_suffixes
        if end >= len(tokens) or not adjective:
            continue
        person = next((r.person for r in reading.roles if r.first == end), None) or next(
            (m for m in reading.mentions if m.type == PERSON and m.start == tokens[end].start),
            None,
        )
        if person is not None and not person.tentative:
            start, stop = party.start, max(person.end, party.end)
            add_fact(reading, person.name, "memberOf", party.name, start, stop, TITLE_CONFIDENCE)


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


def _lone_sub_body(org: Mention | None, lang: Turkish) -> OrgHead | None:
    """The sub-body head an organisation is named by alone ("Gençlik Meclisi"), if it is."""
    if org is None:
        return None
    words = tuple(fold(org.name).split())
    return next((h for h in lang.org_heads if h.sub_body and h.words == words), None)


def _complete_sub_body(reading: SentenceReading, role: Role, before: Role) -> None:
    """ "X Kent Konseyi Kadın Meclisi Başkanı A, Gençlik Meclisi Başkanı B": a sub-body written
    alone after a comma belongs to the organisation of the title before (guideline rule 24)."""
    if before.org is None or before.org.tentative:
        return
    if not _joined_by_comma(reading, before.end, role.first):
        return
    parent_name = next(
        (f.o for f in reading.facts if f.p == "partOf" and f.s == before.org.name),
        before.org.name,
    )
    sub = role.org
    assert sub is not None
    name = f"{parent_name} {sub.name}"
    words = list(range(*reading.token_span(sub)))
    role.org = add_mention(reading, words, ORGANIZATION, name, sub.subtype, attributive=True)
    role.body = next(
        (m for m in reading.mentions if m.type == ORGANIZATION and m.name == parent_name), None
    )
    start = min(before.org.start, sub.start)
    add_fact(reading, name, "partOf", parent_name, start, sub.end, SUB_BODY_CONFIDENCE)


def _continues(reading: SentenceReading, roles: list[Role], k: int) -> bool:
    """Whether a title with no organisation of its own continues the one before it after a comma
    or "ve": "X Odası Başkanı A ve Yönetim Kurulu Üyeleri B, C"."""
    role = roles[k]
    own = role.org is not None and not (
        role.org.tentative and _implied_sub_body(role.title, reading.lang)
    )
    if own or k == 0 or role.qualified:
        return False
    end = roles[k - 1].end
    return _joined_by_comma(reading, end, role.first) or (
        _joined_by_conjunction(reading, end, role.first, also_ile=True)
        and roles[k - 1].person is not None
    )


def _joined_by_comma(reading: SentenceReading, end: int, start: int) -> bool:
    return [t.text for t in reading.tokens[end:start]] == [","]


def _joined_by_conjunction(
    reading: SentenceReading, end: int, start: int, *, also_ile: bool = False
) -> bool:
    """Whether one "ve" (or, with ``also_ile``, "ile": "Başkan Yardımcısı A ile Sekreter B")
    stands between two tokens."""
    between = reading.tokens[end:start]
    links = ("conjunction", "comitative") if also_ile else ("conjunction",)
    return len(between) == 1 and reading.lang.function_words.get(between[0].key) in links


def listed_after(reading: SentenceReading, roles: list[Role], run: list[int]) -> Role | None:
    """The plural title ("Meclis Üyeleri A, B ve C") a run continues the name list of, if any."""
    if not roles or not roles[-1].title.plural or roles[-1].person is None:
        return None
    role = roles[-1]
    tokens, lang = reading.tokens, reading.lang
    between = tokens[role.end : run[0]]
    linked = len(between) == 1 and (between[0].text == "," or between[0].key in lang.function_words)
    if not linked or any(tokens[i].key in lang.titles_by_first for i in run):
        return None  # "..., Kula Belediye Başkanı Ali Veli": a title of its own ends the list
    return role
