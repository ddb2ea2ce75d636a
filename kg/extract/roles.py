"""Titles next to names: who holds which role in which organisation (headOf, memberOf)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from operator import attrgetter
from typing import cast

from kg.extract.reading import MAX_PERSON_WORDS, SentenceReading, add_fact, add_mention
from kg.lang.tr import OrgHead, Title, Turkish
from kg.lang.tr.morphology import bare_noun, possessive_stem
from kg.lang.tr.text import Token, fold, is_capitalised, recase
from kg.model import ORGANIZATION, PERSON, Mention

TITLE_CONFIDENCE = 0.9  # a role read from a title next to a name


APPOSITION_CONFIDENCE = 0.8  # a role read across a comma ("Ali Veli, X Başkanı")


MAX_TITLE_MODIFIERS = 2  # words between a genitive and its title: "X'in yeni genel başkanı"


SUB_BODY_CONFIDENCE = 0.9  # a sub-body a title names in its organisation ("Odası Meclis Başkanı")

_KEY = attrgetter("key")


# A municipality's council members count as members of the municipality (guideline rule 21), so
# its council is made a body of its own only where the text names it.
MUNICIPALITY = "Municipality"


@dataclass
class Role:
    """A title read next to names: whose it is and of what, as far as the run itself says."""

    title: Title
    org: Mention | None
    person: Mention | None
    first: int  # first token of the role's words (organisation or title)
    end: int  # one past its last token
    listed: list[Mention] = field(default_factory=list)  # more names after a plural title
    body: Mention | None = None  # the organisation whose sub-body ``org`` is, named by the title
    qualified: bool = False  # words before the title that name no organisation ("Spor Müdürü")


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
        _add_role(reading, role, confidence)
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
    _add_role(reading, role, APPOSITION_CONFIDENCE)
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
        _add_role(reading, role, APPOSITION_CONFIDENCE)
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
                _add_role(reading, role, APPOSITION_CONFIDENCE)
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
        _add_role(reading, after, APPOSITION_CONFIDENCE)


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
