"""Organisation names beyond the head noun: bodies known by name, branches, a sub-body's parent."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from kg.extract.acronyms import add_acronym, is_acronym
from kg.extract.heads import stem_form
from kg.extract.places import NAME_CONFIDENCE, add_place_facts
from kg.extract.reading import SentenceReading, add_fact, add_mention
from kg.extract.written import name_text
from kg.lang.tr import OrgHead, Turkish
from kg.lang.tr.text import Token
from kg.model import ORGANIZATION, Mention

MAX_KNOWN_ORGANISATION_WORDS = 4  # "Türk Hava Yolları", "Demirören Haber Ajansı"
# bodies named after the body that houses them are part of it: "X Belediyesi Kent Konseyi",
# "X Üniversitesi Hastanesi" (not "X Derneği Federasyonu", a body of its own)
HOSTS = frozenset({"Municipality", "University"})  # what may stand between two pieces of one name


def known_organisation_at(part: list[int], tokens: Sequence[Token], lang: Turkish) -> int:
    """How many words opening the part name a body of known_organisations.tsv (0 if none); a case
    ending may close the last one only."""
    known = lang.known_organisations
    if tokens[part[0]].key not in known_organisation_openers(lang):  # most parts
        return 0
    for n in range(min(len(part), MAX_KNOWN_ORGANISATION_WORDS), 0, -1):
        words = [tokens[i] for i in part[:n]]
        if any(t.suffix for t in words[:-1]):
            continue
        if tuple(t.key for t in words) in known:
            return n
    return 0


@cache
def known_organisation_openers(lang: Turkish) -> frozenset[str]:
    return frozenset(words[0] for words in lang.known_organisations)


def add_known_organisation(
    reading: SentenceReading, words: list[int], lang: Turkish, *, attributive: bool = False
) -> Mention:
    name, subtype = lang.known_organisations[tuple(reading.tokens[i].key for i in words)]
    return add_mention(reading, words, ORGANIZATION, name, subtype, attributive=attributive)


def read_known_branch(
    reading: SentenceReading, part: list[int], parent: Mention, rest: list[int], head: OrgHead
) -> None:
    """ "Kızılay Kula Şubesi": a branch of a known body, part of it, located in its places."""
    tokens = reading.tokens
    last = stem_form(tokens[rest[-1]], head)
    name = name_text([parent.name, *(tokens[i].base for i in rest[:-1]), last])
    branch = add_mention(reading, part, ORGANIZATION, name, head.subtype)
    add_fact(reading, branch.name, "partOf", parent.name, branch.start, branch.end, NAME_CONFIDENCE)
    add_place_facts(reading, rest, branch)


def read_parent(
    reading: SentenceReading,
    child: Mention,
    part: list[int],
    start: int,
    heads: Sequence[tuple[int, int, OrgHead]],
) -> Mention | None:
    """For a sub-body ("X Kent Konseyi Yürütme Kurulu"), the organisation it belongs to, partOf.

    Places written between the parent's name and the sub-body's head locate the sub-body
    ("X Derneği Aliağa Şubesi" is in Aliağa)."""
    head_start, _, head = heads[-1]
    earlier = [(s, e, h) for s, e, h in heads if start < e <= head_start]
    hosted = bool(earlier) and earlier[-1][1] == head_start and earlier[-1][2].subtype in HOSTS
    if earlier and (head.sub_body or hosted):
        _, end, parent_head = earlier[-1]
        parent_words = part[start:end]
        parent = add_mention(
            reading,
            parent_words,
            ORGANIZATION,
            name_text([reading.tokens[i].base for i in parent_words]),
            parent_head.subtype,
            attributive=True,
        )
        add_place_facts(reading, parent_words, parent)
    elif head.sub_body and start < head_start and is_acronym(reading.tokens[part[start]], reading):
        end = start + 1  # "TOBB İl Kadın Girişimciler Kurulu", "CHP İzmir Gençlik Kolları"
        parent = add_acronym(reading, part[start], attributive=True)
    else:
        return None
    add_place_facts(reading, part[end:head_start], child)
    add_fact(reading, child.name, "partOf", parent.name, child.start, child.end, NAME_CONFIDENCE)
    return parent
