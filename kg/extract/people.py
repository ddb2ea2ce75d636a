"""Person names: whether words are one, where one starts and ends, and how it is written."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, lru_cache

from kg.extract.heads import heads_in, lone_bare_head
from kg.extract.places import place_head
from kg.extract.reading import MAX_PERSON_WORDS, SentenceReading, place_of
from kg.extract.written import in_capitals, is_initial
from kg.lang.tr import Turkish
from kg.lang.tr.morphology import possessive_stem, token_case
from kg.lang.tr.text import Token, is_all_caps, lower, recase
from kg.model import PERSON


def named_person_at(reading: SentenceReading, part: list[int], lang: Turkish) -> int | None:
    """Where a person's name starts that words around it announce: an honorific ("Sayın",
    "Dr."), a noun for what a person is ("Büyükelçisi", "gazeteci" just before the part)."""
    tokens = reading.tokens
    first = part[0]
    if first and tokens[first - 1].base.islower() and _names_a_person(tokens[first - 1].key, lang):
        return 0  # "gazeteci Lajos Kiss", "belediye başkanı Lajos Kiss"
    openers = lang.name_openers
    for k, i in enumerate(part[:-1]):
        if tokens[i].key in openers:
            return k
    return None


def _names_a_person(key: str, lang: Turkish) -> bool:
    """A person noun or the last word of a title: the name of a person follows it."""
    return key in lang.person_nouns or key in _title_ends(lang)


@cache
def _title_ends(lang: Turkish) -> frozenset[str]:
    return frozenset(t.words[-1] for t in lang.titles if not t.plural)


def starts_with_given_name(part: list[int], tokens: Sequence[Token], lang: Turkish) -> bool:
    """A part of two words or more opening with a given name that is no place: "Ali Kaya",
    also after an initial: "M. Ali Kaya"."""
    if is_initial(tokens[part[0]]):
        part = part[1:]
    first = tokens[part[0]] if part else None
    return (
        len(part) > 1
        and first is not None
        and first.key in lang.given_names
        and not place_of(first, lang)
    )


def place_or_given_name(part: list[int], tokens: Sequence[Token], lang: Turkish) -> bool:
    """A given name that is also a place, before words that can be a surname: "Evren Kaya";
    not "Fatih Camii", "Selim Mahallesi", "Evren İzmir'de"."""
    if not 2 <= len(part) <= MAX_PERSON_WORDS or tokens[part[0]].key not in lang.given_names:
        return False
    first, second = tokens[part[0]], tokens[part[1]]
    if place_head(second.key, lang) is not None:
        return False
    if place_of(second, lang) and (second.suffix or _nested_places(first, second, lang)):
        return False  # "Evren İzmir'de", "Selim Kars": places; "Evren Aydın" names a person
    if lone_bare_head(tokens, [part[1]], lang) or any(
        _titled_word(tokens[i].key, lang) for i in part
    ):
        return False  # "Selim Belediye Başkanıyla": the district's mayor
    return first_common_noun(part[1:], tokens, lang) is None and not is_all_caps(second.base)


def _nested_places(first: Token, second: Token, lang: Turkish) -> bool:
    """Whether two places lie one within the other (a district and its province)."""
    a, b = place_of(first, lang), place_of(second, lang)
    if a is None or b is None:
        return False
    pairs = lang.district_provinces  # (district in lower case, province as written)
    return (lower(a), b) in pairs or (lower(b), a) in pairs


@lru_cache(maxsize=1 << 14)
def _titled_word(key: str, lang: Turkish) -> bool:
    """A title's first word, bare or with an ending written on ("Başkanıyla")."""
    return any(key[:n] in lang.titles_by_first for n in range(4, len(key) + 1))


def surname_in_capitals(reading: SentenceReading, part: list[int], lang: Turkish) -> bool:
    """ "Lajos KISS": words in title case and a last one written in capitals, as Turkish news
    writes surnames; not an acronym ("Muş TSO"), a place or a heading in capitals."""
    tokens = reading.tokens
    last = tokens[part[-1]]
    if not 2 <= len(part) <= 3 or len(last.base) < 3 or not is_all_caps(last.base):
        return False
    if last.base in lang.known_acronyms or place_of(last, lang) or in_capitals(tokens):
        return False
    return _shaped_like_a_name(part[:-1], tokens, lang) and not any(
        is_all_caps(tokens[i].base) or place_of(tokens[i], lang) for i in part[:-1]
    )


def listed_with_people(reading: SentenceReading, part: list[int], lang: Turkish) -> bool:
    """A name of two or three words in a list of people: "Ali Kaya, Lajos Kiss ve Ayşe Demir".

    The part is a whole item of the list, shaped like a name, and two of its neighbours in the
    list are people: the items on both sides, the two before it or the two after it."""
    tokens = reading.tokens
    first, end = part[0], part[-1] + 1
    if not 2 <= len(part) <= 3 or not _is_list_item(tokens, first, end, lang):
        return False
    if not _shaped_like_a_name(part, tokens, lang):
        return False
    return _people_before(reading, first, lang) + _people_after(tokens, end, lang) >= 2


def _is_list_item(tokens: Sequence[Token], first: int, end: int, lang: Turkish) -> bool:
    """Whether tokens[first:end] stand between list separators (or open or close the list)."""
    opened = first == 0 or not tokens[first - 1].base[:1].isupper()
    closed = end == len(tokens) or not tokens[end].base[:1].isupper()
    return opened and closed


def _shaped_like_a_name(part: list[int], tokens: Sequence[Token], lang: Turkish) -> bool:
    """Words that can be a person's name: no place after the first, no suffix or capitals
    before the last, and no common noun ("Basın Müdürlüğü", "Meclis Üyelerimiz")."""
    if any(place_of(tokens[i], lang) for i in part[1:]):
        return False
    if any(tokens[i].suffix or is_all_caps(tokens[i].base) for i in part[:-1]):
        return False
    return first_common_noun(part, tokens, lang) is None


def _people_before(reading: SentenceReading, first: int, lang: Turkish) -> int:
    """How many people (at most two) the list items just before tokens[first] name."""
    tokens = reading.tokens
    ends = {m.end: m for m in reading.mentions if m.type == PERSON and not m.tentative}
    count, at = 0, first
    while count < 2 and at >= 2 and _separates_items(tokens[at - 1], lang):
        person = ends.get(tokens[at - 2].end)
        if person is None:
            break
        count += 1
        at = reading.token_from(person.start)
    return count


def _people_after(tokens: Sequence[Token], end: int, lang: Turkish) -> int:
    """How many people (at most two) the list items just after tokens[end - 1] name, by a given
    name opening each ("..., Ayşe Kaya ve Ali Er")."""
    count, at = 0, end
    while count < 2 and at + 2 < len(tokens) and _separates_items(tokens[at], lang):
        if tokens[at - 1].suffix:  # "Kaya'nın, ...": the list ended
            break
        start = at + 1
        if tokens[start].key not in lang.given_names or place_of(tokens[start], lang):
            break
        at = start + 1
        while at < len(tokens) and tokens[at].base[:1].isupper():
            at += 1
        if at - start < 2:  # a given name alone is no item of a list of full names
            break
        count += 1
    return count


def _separates_items(token: Token, lang: Turkish) -> bool:
    return token.text == "," or lang.function_words.get(token.key) == "conjunction"


def acronym_after_name(words: list[int], tokens: Sequence[Token], lang: Turkish) -> int:
    """Where an acronym follows a person's name (0 if none): a known or common acronym, or a word
    in capitals after a surname written in small letters ("Ali Kaya TOBB"); a surname in
    capitals after given names ("Mehmet Ali KAYA") is the name's own."""
    for k in range(1, len(words)):
        token, before = tokens[words[k]], tokens[words[k - 1]]
        if not is_all_caps(token.base):
            continue
        if token.base in lang.known_acronyms or token.base in lang.common_acronyms:
            return k
        if k >= 2 and not is_all_caps(before.base) and before.key not in lang.given_names:
            return k  # "Lajos KOVACS": a foreign given name, then the surname in capitals
        return 0
    return 0


def name_before_named_body(words: list[int], tokens: Sequence[Token], lang: Turkish) -> int:
    """Where an organisation's or a place's name starts after a name of two words or more (0 if
    none): a place word opening words that end in a head noun."""
    for k in range(2, len(words)):
        if place_of(tokens[words[k]], lang) and heads_in(words[k:], tokens, lang):
            return k
    return 0


def where_after_a_name(token: Token, lang: Turkish) -> bool:
    """A place in a case of where after a name is where the person is or goes, not a surname
    ("Bakanı Lajos Kiss Ankara'ya geldi", "Ali Kaya Türkiye'nin"): a province, country or city
    in the locative, dative or ablative, and a country or city in the genitive too; districts,
    which many surnames are named like, are left to the name."""
    place = place_of(token, lang)
    if place is None:
        return False
    case = token_case(token, None, lang)
    subtype = lang.places[lower(place)].subtype
    if case in ("loc", "dat", "abl"):
        return subtype != "District"
    return case == "gen" and subtype not in ("District", "Province")


def is_role_noun(key: str, titled: bool, lang: Turkish) -> bool:
    """A common noun before a name ("Yardımcılığını Ali Kaya"); after an honorific or a title
    also a noun with the possessive "-(s)I" of a compound ("Başkan Adayı", "Kaymakam Vekili"):
    names are written given name first, so the word before the given name is no name."""
    if is_common_noun(key, lang):
        return True
    if not titled or key in lang.given_names or key in lang.demonyms or key in lang.places:
        return False  # "Başkanı Vanlı Ali Kaya": where the person comes from is read apart
    return possessive_stem(key, lang) != key


def name_follows(words: list[int], tokens: Sequence[Token], lang: Turkish) -> bool:
    """Whether an honorific or a given name stands among ``words``."""
    return any(
        tokens[i].key in lang.name_openers or tokens[i].key in lang.given_names for i in words
    )


def first_common_noun(words: list[int], tokens: Sequence[Token], lang: Turkish) -> int | None:
    """Where the first capitalised common noun stands among ``words``, by an ending no name
    has ("Vadisi", "Üyelerimiz", "Yardımcılığını"): a name takes its suffixes after an
    apostrophe."""
    for k, i in enumerate(words):
        if is_common_noun(tokens[i].key, lang):
            return k
    return None


@lru_cache(maxsize=1 << 15)
def is_common_noun(key: str, lang: Turkish) -> bool:
    return key.endswith(lang.name_unlike_endings) or is_venue_noun(key, lang)


@lru_cache(maxsize=1 << 15)
def is_venue_noun(key: str, lang: Turkish) -> bool:
    """A noun ending the name of a venue, a street, a feature or an event (non_entity_heads.tsv),
    also with a case ending written on: "Parkında", "Caddesine"."""
    if key in lang.non_entity_heads:
        return True
    # the whole rest one case suffix: "Parkında" is "parkı" + "nda", "Kızılay" no "kızı" + "-la"
    return any(
        key.startswith(word) and key[len(word) :] in lang.suffixes for word in lang.non_entity_heads
    )


def person_name(words: list[int], tokens: Sequence[Token]) -> str:
    """A person's name as written, surnames in capitals re-cased, initials with their full stop."""
    names = []
    for i in words:
        base = tokens[i].base
        names.append(recase(base) if len(base) > 1 else base + ".")
    return " ".join(names)
