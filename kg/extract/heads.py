"""Organisation head nouns: where they stand in words, and the head a name or bare noun stands for."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, lru_cache
from operator import attrgetter

from kg.extract.written import HYPHEN
from kg.lang.tr import OrgHead, Turkish, prefix
from kg.lang.tr.morphology import bare_noun, token_case
from kg.lang.tr.text import Token, lower

_KEY_SUFFIX = attrgetter("key", "suffix")
PARTY = "PoliticalParty"


def heads_in(
    part: list[int], tokens: Sequence[Token], lang: Turkish
) -> tuple[tuple[int, int, OrgHead], ...]:
    """(start, end, head) of every organisation head phrase in the part, longest at each end."""
    if part and part[-1] - part[0] + 1 == len(part):  # a contiguous run: slice at C speed
        return _heads_of(tuple(map(_KEY_SUFFIX, tokens[part[0] : part[-1] + 1])), lang)
    return _heads_of(tuple((tokens[i].key, tokens[i].suffix) for i in part), lang)


@lru_cache(maxsize=1 << 16)  # the same names recur across sentences and articles
def _heads_of(
    words: tuple[tuple[str, str], ...], lang: Turkish
) -> tuple[tuple[int, int, OrgHead], ...]:
    found: dict[int, tuple[int, int, OrgHead]] = {}
    for end in range(1, len(words) + 1):
        for head in heads_ending_in(*words[end - 1], lang):
            n = len(head.words)
            if n > end:
                continue
            window = words[end - n : end]
            if any(suffix for _, suffix in window[:-1]):
                continue
            if any(key != h for (key, _), h in zip(window[:-1], head.words[:-1], strict=True)):
                continue
            if end not in found or n > found[end][1] - found[end][0]:
                found[end] = (end - n, end, head)
    return tuple(found[e] for e in sorted(found))


@lru_cache(maxsize=1 << 14)
def heads_ending_in(key: str, suffix: str, lang: Turkish) -> tuple[OrgHead, ...]:
    """The heads (in index order) whose last word a word with this key and suffix can be."""
    token = Token(key, 0, 0, key, suffix, key)
    candidates = lang.heads_by_end.get(prefix(key), ())
    found = tuple(h for h in candidates if head_case(token, h, lang) is not None)
    if HYPHEN in key:  # "Eğitim-Bir-Sen", "Hizmet-İş": a head as the last part of one word
        last = HYPHEN + key.rsplit(HYPHEN, 1)[1]
        part = Token(last, 0, 0, last, suffix, last)
        found += tuple(
            h for h in lang.heads_by_end.get(prefix(last), ()) if head_case(part, h, lang)
        )
    return found


def head_case(token: Token, head: OrgHead, lang: Turkish) -> str | None:
    return token_case(token, head.words[-1], lang)


def stem_form(token: Token, head: OrgHead) -> str:
    """A head word as written, without a suffix attached with no apostrophe ("Belediyesine")."""
    if head.words[-1].startswith(HYPHEN):  # the head is the end of the word: keep all of it
        return token.base
    return token.base[: len(head.words[-1])]


def head_for_name(name: str, lang: Turkish) -> OrgHead | None:
    """The longest head noun a name ends with, if any."""
    words = tuple(lower(name).split())
    matches = [h for h in lang.org_heads if words[-len(h.words) :] == h.words]
    return max(matches, key=lambda h: len(h.words), default=None)


def single_head(keys: tuple[str, ...], lang: Turkish) -> OrgHead | None:
    """The head of one body that these words are, singular or plural ("Belediyeleri")."""
    return _org_heads_by_words(lang).get(lang.plural_heads.get(keys, keys))


@cache
def _org_heads_by_words(lang: Turkish) -> dict[tuple[str, ...], OrgHead]:
    return {h.words: h for h in lang.org_heads if h.kind == "org"}


def lone_bare_head(tokens: Sequence[Token], before: list[int], lang: Turkish) -> OrgHead | None:
    """The head a lone bare noun before a title stands for ("Dernek" -> "derneği")."""
    if len(before) != 1:
        return None
    key = tokens[before[0]].key
    heads = [h for h in lang.heads_by_end.get(prefix(key), ()) if h.kind == "org"]
    # the shortest head whose last word this bare noun is: "konsey" -> "kent konseyi"
    matches = [h for h in heads if bare_noun(h.words[-1], lang) == key]
    return min(matches, key=lambda h: len(h.words), default=None)


def bare_head_ending(tokens: Sequence[Token], before: list[int], lang: Turkish) -> OrgHead | None:
    """The head a bare noun ending the words before a title stands for, with the words before it
    ("Balkan Dernekleri Federasyon" -> "federasyonu", "Kula Kent Konsey" -> "kent konseyi")."""
    key = tokens[before[-1]].key
    if key not in _bare_heads(lang):
        return None
    keys = [tokens[i].key for i in before[:-1]]
    for head in _bare_heads(lang)[key]:
        n = len(head.words) - 1
        if n < len(keys) and (n == 0 or tuple(keys[-n:]) == head.words[:-1]):
            return head
    return None


@cache
def _bare_heads(lang: Turkish) -> dict[str, tuple[OrgHead, ...]]:
    """The heads each bare noun of ``bare_heads.tsv`` stands for, the longest head first."""
    by_words = {head.words: head for head in lang.org_heads}
    heads: dict[str, list[OrgHead]] = {}
    for bare, words, _ in lang.bare_heads:
        heads.setdefault(bare, []).append(by_words[words])
    return {
        bare: tuple(sorted(found, key=lambda h: -len(h.words))) for bare, found in heads.items()
    }


@cache
def branch_heads(lang: Turkish) -> frozenset[tuple[str, ...]]:
    """Heads of branches, which only a place names ("X Derneği Kula Şubesi")."""
    return frozenset(words for _, words, named_by in lang.bare_heads if named_by == "place")


def member_adjective(token: Token, lang: Turkish) -> OrgHead | None:
    """The party head a word is the member adjective of ("Partili": "parti" + "li"), if any."""
    return None if token.suffix else member_adjectives(lang).get(token.key)


@cache
def member_adjectives(lang: Turkish) -> dict[str, OrgHead]:
    """Party heads with a member suffix written on ("partili") and the party head they come from."""
    return {
        h.words[-1] + suffix: h
        for h in lang.org_heads
        if h.subtype == PARTY and h.kind == "org"
        for suffix in lang.member_suffixes
    }
