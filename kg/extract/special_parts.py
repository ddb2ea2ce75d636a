"""Parts read their own way: bodies of coordinated places, member adjectives, acronyms by places."""

from __future__ import annotations

from dataclasses import replace

from kg.extract.acronyms import read_acronym_and_places, read_place_acronym
from kg.extract.heads import member_adjective, member_adjectives, single_head
from kg.extract.places import add_place_facts
from kg.extract.reading import SentenceReading, add_mention, place_of
from kg.extract.written import capitalised, name_text
from kg.lang.tr import Turkish
from kg.lang.tr.morphology import suffix_case, token_case
from kg.lang.tr.text import Token, is_all_caps
from kg.model import ORGANIZATION, PLACE


def read_special_part(reading: SentenceReading, part: list[int], lang: Turkish) -> bool:
    """Read a part of two or more words that ``read_part`` would misread: "Muş TSO", "Bornova ve
    Buca Belediyeleri", "AK Partili", "TOKİ İzmir". Returns whether it was one."""
    tokens = reading.tokens
    first, last = tokens[part[0]], tokens[part[-1]]
    # each reading needs a word of its own kind at one end: most parts have none
    return (
        (is_all_caps(last.base) and read_place_acronym(reading, part, lang) is not None)
        or (last.key in member_adjectives(lang) and _read_member_adjective(reading, part, lang))
        or (is_all_caps(first.base) and read_acronym_and_places(reading, part, lang))
        or (_bare_place(first, lang) and _read_coordinated_bodies(reading, part, lang))
    )


def _read_coordinated_bodies(reading: SentenceReading, part: list[int], lang: Turkish) -> bool:
    """ "Bornova ve Buca Belediyeleri", "Kadıköy ve Konak Belediyesi": places coordinated before
    one head noun each name that body of their own place. Returns whether the part was read so."""
    tokens = reading.tokens
    if not _bare_place(tokens[part[0]], lang):
        return False
    k = 0
    places: list[int] = []
    # place (coordinator place)*: "Bornova, Buca ve Çiğli", not "Edirne Lalapaşa"
    while k < len(part) and _bare_place(tokens[part[k]], lang):
        places.append(part[k])
        if k + 2 < len(part) and _coordinator(tokens[part[k + 1]], lang):
            k += 2
        else:
            k += 1
            break
    head = single_head(tuple(tokens[i].key for i in part[k:]), lang) if places else None
    if head is None:
        return False
    places = _places_before(reading, part[0]) + places
    if len(places) < 2:
        return False
    written = " ".join(capitalised(w) for w in head.words)
    case = token_case(tokens[part[-1]], None, lang)
    for i in places:
        words = part if i == places[-1] else [i]
        org = add_mention(
            reading, words, ORGANIZATION, f"{tokens[i].base} {written}", head.subtype, case=case
        )
        add_place_facts(reading, [i], org)
    # "Kadıköy" read as a place before: here it stands for its municipality, the party
    starts = {tokens[i].start for i in places}
    reading.mentions[:] = [
        replace(m, attributive=True) if m.type == PLACE and m.start in starts else m
        for m in reading.mentions
    ]
    return True


def _bare_place(token: Token, lang: Turkish) -> bool:
    return not token.suffix and place_of(token, lang) is not None


def _coordinator(token: Token, lang: Turkish) -> bool:
    return token.text == "," or lang.function_words.get(token.key) == "conjunction"


def _places_before(reading: SentenceReading, first: int) -> list[int]:
    """Places written before a name and coordinated with it: "Kadıköy ve [Konak Belediyesi]";
    not a word of another name ("Nuri Bafra, Kula Belediyesi")."""
    tokens, lang = reading.tokens, reading.lang
    places: list[int] = []
    i = first - 1
    if i >= 1 and _genitive_place(tokens[i], lang):
        i -= 1  # "Gölmarmara ve Kars'ın Selim Belediyeleri": the last one's province between
    while i >= 1 and _coordinator(tokens[i], lang) and _bare_place(tokens[i - 1], lang):
        if _in_a_name(reading, i - 1) or (i >= 3 and tokens[i - 2].base[:1].isupper()):
            break
        places.insert(0, i - 1)
        i -= 2
    return places


def _genitive_place(token: Token, lang: Turkish) -> bool:
    return place_of(token, lang) is not None and suffix_case(token.suffix, lang) == "gen"


def _in_a_name(reading: SentenceReading, i: int) -> bool:
    """Whether token ``i`` lies in a person's or an organisation's name read already."""
    start = reading.tokens[i].start
    return any(m.start <= start < m.end for m in reading.mentions if m.type != PLACE)


def _read_member_adjective(reading: SentenceReading, part: list[int], lang: Turkish) -> bool:
    """ "AK Partili": the party named before its member suffix. Returns whether read so."""
    tokens = reading.tokens
    head = member_adjective(tokens[part[-1]], lang) if len(part) > 1 else None
    if head is None:
        return False
    words = [tokens[i].base for i in part[:-1]] + [capitalised(head.words[-1])]
    add_mention(reading, part, ORGANIZATION, name_text(words), head.subtype, attributive=True)
    return True
