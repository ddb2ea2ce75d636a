"""A sentence's parties and their parts around a cue: the lists, subjects and objects among them."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from kg.extract.reading import SentenceReading
from kg.lang.tr import Turkish
from kg.lang.tr.morphology import group_noun
from kg.lang.tr.text import Token, is_capitalised
from kg.model import PLACE, Mention


class Party(NamedTuple):
    """A resolved mention taking part in a sentence.

    A named tuple rather than a frozen dataclass: one is made for every party of every sentence,
    and a frozen dataclass is several times slower to build."""

    name: str
    mention: Mention
    index: int  # type: ignore[assignment]  # first token (the field hides tuple.index, unused)
    end: int  # one past the last token
    case: str  # its part in the sentence: the suffix's case, "ins" after "ile", "by" after "tarafından"


SUBJECT_CASES = frozenset({"nom", "as"})  # "X, ..." and "X olarak ..." name the actor
LIST_LINKS = frozenset({"conjunction", "comitative"})  # "A ve B", "A ile B"


def after_acronym(reading: SentenceReading, end: int) -> int:
    """Where a name ending at token ``end`` is followed on, past an acronym in parentheses
    ("X Birliği (XB) ile")."""
    tokens = reading.tokens
    if end + 2 < len(tokens) and tokens[end].text == "(" and tokens[end + 2].text == ")":
        return end + 3
    return end


def objects_before(
    reading: SentenceReading,
    parties: Sequence[Party],
    limit: int,
    cases: frozenset[str],
    *,
    anywhere: bool = False,
) -> list[Party]:
    """The last party before ``limit`` in one of ``cases``, with its conjuncts; with
    ``anywhere``, the first person or organisation of the sentence in those cases instead."""
    if anywhere:
        marked = [p for p in parties if p.mention.type != PLACE and p.case in cases]
    else:
        marked = [p for p in parties if p.end <= limit and p.case in cases]
    if not marked:
        return []
    if (
        not anywhere
        and cases == ACCUSATIVE
        and _object_noun_between(reading, parties, marked[-1], limit)
    ):
        return []  # "X'in çalışmalarını ... muhtarlarını ziyaret etti": the verb's object is a noun
    return with_conjuncts(reading, parties, marked[0] if anywhere else marked[-1])


ACCUSATIVE = frozenset({"acc"})


def led_by_group_noun(reading: SentenceReading, party: Party) -> bool:
    """Whether a party is followed by a noun for its people ("X'in heyetini", "X üyelerini")."""
    end = after_acronym(reading, party.end)
    return (
        end < len(reading.tokens) and group_noun(reading.tokens[end].key, reading.lang) is not None
    )


def _object_noun_between(
    reading: SentenceReading, parties: Sequence[Party], party: Party, limit: int
) -> bool:
    """Whether a common noun in the accusative stands between a party and the verb at ``limit``
    (other than the noun the party possesses): that noun, not the party, is the object."""
    tokens, lang = reading.tokens, reading.lang
    named = {i for p in parties for i in range(p.index, p.end)}
    start = after_acronym(reading, party.end)
    if start < limit and led_by_group_noun(reading, party):
        start += 1  # "X heyetini": the party's own group noun
    elif party.mention.case == "gen":  # "X'in yeni yönetimini": X's own possessed noun
        while start < limit and not _accusative_noun(tokens[start], lang):
            start += 1
        start += 1
    return any(i not in named and _accusative_noun(tokens[i], lang) for i in range(start, limit))


def _accusative_noun(token: Token, lang: Turkish) -> bool:
    """A word in the accusative with a possessive: "muhtarlarını", "çalışmalarını"."""
    return token.is_word and not token.suffix and token.key.endswith(_possessed_accusatives(lang))


@lru_cache(maxsize=1)
def _possessed_accusatives(lang: Turkish) -> tuple[str, ...]:
    return tuple(ending for ending, case in lang.possessed_case if case == "acc")


def with_conjuncts(reading: SentenceReading, parties: Sequence[Party], last: Party) -> list[Party]:
    """ "A, B ve C'yi": only the last conjunct carries the suffix; the ones before share it.

    A comma joins only inside a list closed by "ve" ("X, Y'yi ziyaret etti" is subject, object).
    """
    lang = reading.lang
    group = [last]
    for p in reversed([q for q in parties if q.end <= group[0].index]):
        # the words of a title between two names do not part them ("A ve X Muhtarı B'yi")
        between = _linking_tokens(reading, p.end, group[0].index)
        is_ve = len(between) == 1 and lang.function_words.get(between[0].key) in (
            "conjunction",
            "comitative",  # "A ile B'ye teşekkür etti": both are thanked
        )
        is_comma = len(between) == 1 and between[0].text == "," and len(group) > 1
        # the sentence's first party, with only its title before it, is its subject when a
        # comma follows it: "Başkan Ali Er, A ve B'yi ziyaret etti"; a list in the genitive
        # is the actor of a noun clause ("A, B ve C'nin imza attığı protokol")
        opens_sentence = p is parties[0] and (
            p.index <= reading.dateline_end
            or (last.mention.case != "gen" and _only_its_title_before(reading, p.index))
        )
        # the suffix is written on the last name only, or on each ("A'yı ve B'yi")
        shares_case = p.mention.case in ("nom", last.mention.case)
        if not (is_ve or (is_comma and not opens_sentence)) or not shares_case:
            break
        group.insert(0, p)
    return group


def listed_before(reading: SentenceReading, parties: Sequence[Party], end: int) -> list[Party]:
    """The parties listed right before token ``end`` ("A, B ve C arasında", "A, B ile C
    işbirliği"): linked by commas, "ve" and "ile", an acronym in parentheses looked past."""
    function_words = reading.lang.function_words
    group: list[Party] = []
    for p in reversed([q for q in parties if q.end <= end]):
        if group:  # title words between two names do not part them ("A ve X Başkanı B'nin")
            between = _linking_tokens(reading, after_acronym(reading, p.end), group[0].index)
        else:
            between = reading.tokens[after_acronym(reading, p.end) : end]
        if group:
            # "A, B ile C": a comma lists names of one kind; "Ali Er, A ile B arasında" is the
            # sentence's subject before a list
            # a list ends with "ve"/"ile" ("A, B ve C"): in "A, B'nin davetlisi olarak" the
            # comma marks A as the subject, not a member of B's list
            comma = (
                len(between) == 1
                and between[0].text == ","
                and p.mention.type == group[0].mention.type
                and len(group) > 1
            )
            linked = len(between) == 1 and (
                comma or function_words.get(between[0].key) in LIST_LINKS
            )
        else:
            linked = not between
        if not linked:
            break
        group.insert(0, p)
    return group


def _only_its_title_before(reading: SentenceReading, index: int) -> bool:
    """Whether the sentence holds nothing before token ``index`` but names and title words
    ("Kula Belediye Başkanı Ali Er"; not "Toplantıda Ali Er")."""
    covered, words = reading.covered(), _title_words(reading.lang)
    return all(
        i in covered or reading.tokens[i].key in words for i in range(reading.dateline_end, index)
    )


@lru_cache(maxsize=1)
def _title_words(lang: Turkish) -> frozenset[str]:
    return frozenset(w for title in lang.titles for w in title.words) | lang.honorifics


def _linking_tokens(reading: SentenceReading, start: int, end: int) -> list[Token]:
    """The tokens between two names that could link them: not the words of other names and
    titles, nor an abbreviation's full stop ("A, X Rektörü Prof. Dr. B ve C")."""
    tokens = reading.tokens
    if end - start <= 1:  # nothing or one token between: the usual list "A, B ve C"
        return tokens[start:end]
    covered = reading.covered()
    return [
        t
        for i, t in enumerate(tokens[start:end], start)
        if i not in covered
        and not (t.is_word and is_capitalised(t.base) and not t.suffix)
        and not (t.text == "." and i > start and is_capitalised(tokens[i - 1].base))
    ]


def subjects_before(
    reading: SentenceReading,
    parties: Sequence[Party],
    *,
    limit: int,
    exclude: Sequence[Party],
    after: int = 0,
) -> list[Party]:
    """The nominative actor before ``limit``: the first unmarked person or organisation, with
    conjuncts."""
    excluded = {id(p) for p in exclude}
    candidates = [
        p
        for p in parties
        if after <= p.index
        and p.end <= limit
        and id(p) not in excluded
        and p.mention.type != PLACE
        and p.case in SUBJECT_CASES
    ]
    if not candidates:
        return []
    # "A, B ve C'nin katıldığı program": names listed before a genitive are its conjuncts
    in_genitive_lists = {
        id(q)
        for g in parties
        if g.mention.case == "gen" and g.end <= limit
        for q in listed_before(reading, parties, g.end)[:-1]
    }
    candidates = [p for p in candidates if id(p) not in in_genitive_lists]
    if not candidates:
        return []
    # Turkish news marks the subject with a comma after it ("X, Y'yi ziyaret etti")
    tokens = reading.tokens
    marked = [p for p in candidates if p.end < len(tokens) and tokens[p.end].text == ","]
    first = (marked or candidates)[0]
    group, links = [first], []
    for q in reversed([c for c in candidates if c.end <= first.index]):  # "A ve B, ...": A too
        if not _list_link(reading, q.end, group[0].index):
            break
        group.insert(0, q)
    if marked:  # "A ile B, X'i ziyaret etti": the co-party before a marked subject acts with it
        co = [p for p in parties if p.end <= group[0].index and id(p) not in excluded]
        if (
            co
            and co[-1].case == "ins"
            and co[-1].mention.type != PLACE
            and _list_link(reading, co[-1].end, group[0].index, comitative=True) == "ile"
        ):
            group.insert(0, co[-1])
    for q in parties:
        if q.index < first.end or q.end > limit or id(q) in excluded:
            continue
        link = _list_link(reading, group[-1].end, q.index)
        if not link or q.case not in SUBJECT_CASES or q.mention.type == PLACE:
            break
        group.append(q)
        links.append(link)
    while links and links[-1] == ",":  # "A, B ve C": a list is closed by "ve"
        links.pop()
        group.pop()
    return group


def _list_link(
    reading: SentenceReading, start: int, end: int, *, comitative: bool = False
) -> str | None:
    """ "ve" or "," when the tokens between two parties join them into one list, else None;
    with ``comitative``, "ile" too.

    Words of other names and titles in between ("A ve X Odası Başkan Vekili B") do not count."""
    covered = reading.covered()
    between = [
        t
        for i, t in enumerate(reading.tokens[start:end], start)
        if i not in covered and not (t.is_word and is_capitalised(t.base))
    ]
    if len(between) != 1:
        return None
    if between[0].text == ",":
        return ","
    role = reading.lang.function_words.get(between[0].key)
    if comitative and role == "comitative":
        return "ile"
    return "ve" if role == "conjunction" else None
