"""The organisation a title belongs to: the words before it, a bare head, or the head it implies."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from itertools import takewhile

from kg.extract.acronyms import add_acronym, is_acronym, read_place_acronym
from kg.extract.genitive_titles import genitive_heads
from kg.extract.heads import (
    PARTY,
    bare_head_ending,
    branch_heads,
    head_for_name,
    heads_in,
    lone_bare_head,
)
from kg.extract.organisations import add_known_organisation, known_organisation_at
from kg.extract.parts import read_org, read_part
from kg.extract.places import NAME_CONFIDENCE, add_place_facts, read_places
from kg.extract.reading import SentenceReading, add_fact, add_mention, join_words, place_of
from kg.extract.written import OPENING_QUOTES, capitalised
from kg.lang.tr import OrgHead, Title, Turkish
from kg.lang.tr.text import Token, is_all_caps
from kg.model import ORGANIZATION, Mention


def read_title_org(
    reading: SentenceReading,
    before: list[int],
    title: Title,
    title_words: list[int],
    lang: Turkish,
) -> tuple[Mention | None, bool]:
    """The organisation a title belongs to: the words before it, or the head the title implies;
    and whether the title holder is only a member of it (the head of an unnamed branch).

    With nothing before it, a title that implies a head ("Belediye Başkanı") names the article's
    one organisation with that head; the mention is tentative until resolution finds it.
    """
    tokens = reading.tokens
    bare = bare_head_ending(tokens, before, lang) if len(before) > 1 else None
    if bare is not None:
        return _read_bare_head_org(reading, before, bare, lang)
    if before and known_organisation_at(before, tokens, lang) == len(before):
        return add_known_organisation(reading, before, lang, attributive=True), False
    party = _party_closing(before, tokens, lang) if len(before) > 1 else 0
    if party:  # "Kula Belediye Meclisi CHP Grup Başkanvekili": the party's group in the council
        read_part(reading, before[:-party], lang)
        return read_title_org(reading, before[-party:], title, title_words, lang)
    heads = heads_in(before, tokens, lang) if before else ()
    if heads:
        return read_org(reading, before, heads, lang, attributive=True), False
    return _read_headless_title_org(reading, before, title, title_words, lang), False


def _party_closing(before: list[int], tokens: Sequence[Token], lang: Turkish) -> int:
    """How many of the last words before a title name a political party after other words
    ("... Meclisi CHP", "... Meclisi AK Parti"), 0 if none."""
    last = tokens[before[-1]]
    if lang.known_acronyms.get(last.base) == PARTY:
        return 1
    heads = heads_in(before, tokens, lang)
    if len(heads) > 1 and heads[-1][2].subtype == PARTY and heads[-1][1] == len(before):
        return len(before) - heads[-2][1]
    return 0


def _read_headless_title_org(
    reading: SentenceReading,
    before: list[int],
    title: Title,
    title_words: list[int],
    lang: Turkish,
) -> Mention | None:
    """The organisation of a title with no head noun before it: an acronym, a bare head noun
    alone, or the head the title implies."""
    tokens = reading.tokens
    local = read_place_acronym(reading, before, lang, attributive=True)
    if local is not None:
        return local
    if before and is_all_caps(tokens[before[0]].base) and not place_of(tokens[before[0]], lang):
        # "CHP İzmir Milletvekili": the body the acronym names; the place only says where
        read_places(reading, before[1:], lang)
        return add_acronym(reading, before[0], attributive=True)
    genitive = genitive_heads(lang).get(tokens[before[0]].key) if len(before) == 1 else None
    if genitive is not None:  # "Odanın Yönetim Kurulu Başkanı": the article's one such body
        name = " ".join(capitalised(word) for word in genitive.words)
        return add_mention(
            reading, before, ORGANIZATION, name, genitive.subtype, case="gen", tentative=True
        )
    bare_head = lone_bare_head(tokens, before, lang)
    if bare_head is not None:  # "Dernek Başkanı", "Konsey Başkanı": the article's one such body
        return add_mention(
            reading,
            before,
            ORGANIZATION,
            " ".join(bare_head.words),
            bare_head.subtype,
            attributive=True,
            tentative=True,
        )
    head = head_for_name(title.implied_head, lang) if title.implied_head else None
    if head is not None and head.sub_body:
        # "Meclis Başkanı": a sub-body of the organisation before the title (roles.title_sub_body)
        # or the article's one such body; words with no head noun name no organisation for it
        if not before:
            return _bare_head_alone(reading, title_words[:1], head)
        read_places(reading, before, lang)  # "Gençlik Meclis Başkanı": the article's one
        name = f"{join_words(before, tokens)} {title.implied_head}"
        return _bare_head_alone(reading, [*before, title_words[0]], head, name)
    if title.implied_head and before and _without_opening_word(before, tokens, lang):
        name = join_words(before, tokens) + " " + title.implied_head
        head = head_for_name(name, lang)
        if title.named_elsewhere:  # "Yeni Mahalle Muhtarı": the place is named either way
            known = len(reading.mentions)
            read_places(reading, before, lang)
            reading.mentions[known:] = [
                replace(m, attributive=True) for m in reading.mentions[known:]
            ]
        mention = add_mention(
            reading,
            before,
            ORGANIZATION,
            name,
            head.subtype if head else None,
            attributive=True,
            tentative=title.named_elsewhere,  # rule 26: "Sivas Valiliği" only beside its name
        )
        if not title.named_elsewhere:
            add_place_facts(reading, before, mention)
        return mention
    if title.implied_head:
        head = head_for_name(title.implied_head, lang)
        return add_mention(
            reading,
            title_words,
            ORGANIZATION,
            title.implied_head,
            head.subtype if head else None,
            attributive=True,
            tentative=True,
        )
    read_part(reading, before, lang)
    return None


def _read_bare_head_org(
    reading: SentenceReading, before: list[int], head: OrgHead, lang: Turkish
) -> tuple[Mention | None, bool]:
    """ "X Federasyon Başkanı": a head noun written bare before a title names "X Federasyonu"
    (guideline rule 23). For a branch (rule 22): "X Derneği Narlıdere Şube Başkanı" names the
    branch "X Derneği Narlıdere Şubesi", partOf X and in its place; "X Sendikası Şube Başkanı"
    names no branch, and its head is a member of X. Returns the organisation and whether the
    title holder is only a member of it."""
    tokens = reading.tokens
    own = len(before) - len(head.words)
    if not _without_opening_word(before[:own], tokens, lang):
        # "'Değerli Büyükşehir Belediye Başkanımız": the article's one such body
        return _bare_head_alone(reading, before, head), False
    rest = before[:-1]
    name = " ".join([*(tokens[i].base for i in rest), capitalised(head.words[-1])])
    if not head.sub_body:
        org = add_mention(reading, before, ORGANIZATION, name, head.subtype, attributive=True)
        if not heads_in(rest, tokens, lang):
            add_place_facts(reading, rest, org)
        return org, False
    parent, end = _read_parent_words(reading, rest, lang)
    if parent is None:
        if all(place_of(tokens[i], lang) for i in rest):  # "Narlıdere Şube Başkanı"
            return _bare_head_alone(reading, before, head, name), False
        read_places(reading, rest, lang)  # "Spor Şube": a unit of a body the words do not name
        return None, False
    between = rest[end:]
    if not between or (
        head.words in branch_heads(lang) and not all(place_of(tokens[i], lang) for i in between)
    ):
        # "X Sendikası Şube Başkanı", "X Teknik Şube Müdürü": a unit the text does not name
        read_places(reading, between, lang)
        return parent, True
    sub_body = add_mention(reading, before, ORGANIZATION, name, head.subtype, attributive=True)
    add_fact(
        reading, sub_body.name, "partOf", parent.name, sub_body.start, sub_body.end, NAME_CONFIDENCE
    )
    add_place_facts(reading, rest[end:], sub_body)
    return sub_body, False


def _bare_head_alone(
    reading: SentenceReading, words: list[int], head: OrgHead, name: str | None = None
) -> Mention:
    """A body named by its head noun, and at most its place ("Şube Başkanı", "Narlıdere Şube
    Başkanı"): the article's one such body, if it names one in full."""
    name = name or " ".join(capitalised(w) for w in head.words)
    return add_mention(
        reading, words, ORGANIZATION, name, head.subtype, attributive=True, tentative=True
    )


def _read_parent_words(
    reading: SentenceReading, words: list[int], lang: Turkish
) -> tuple[Mention | None, int]:
    """The organisation that opens the words before a sub-body's bare head (a name with a head
    noun, or an acronym), and how many of the words it takes."""
    tokens = reading.tokens
    known = known_organisation_at(words, tokens, lang) if words else 0
    if known:  # "Türk Kızılay Kula Şube Başkanı"
        return add_known_organisation(reading, words[:known], lang, attributive=True), known
    heads = heads_in(words, tokens, lang) if words else ()
    if heads:
        end = heads[-1][1]
        return read_org(reading, words[:end], heads, lang, attributive=True), end
    # "KUDEM Kula", "Çeşme İZSU": an acronym, after the places it serves
    k = sum(1 for _ in takewhile(lambda i: place_of(tokens[i], lang), words))
    if k < len(words) and is_acronym(tokens[words[k]], reading):
        read_places(reading, words[:k], lang)
        return add_acronym(reading, words[k], attributive=True), k + 1
    return None, 0


def _without_opening_word(words: list[int], tokens: Sequence[Token], lang: Turkish) -> list[int]:
    """The words of a name without a first word that is capitalised only because it opens the
    sentence or a quotation ("'Değerli Büyükşehir Belediye Başkanımız"): names open with a
    place, a proper name or an acronym, which the gazetteers know or capitals show."""
    if not words:
        return words
    first = words[0]
    opens = first == 0 or tokens[first - 1].text in OPENING_QUOTES
    token = tokens[first]
    if not opens or place_of(token, lang) or is_all_caps(token.base) or len(words) > 1:
        return words
    return []
