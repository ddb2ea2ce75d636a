"""Case suffixes of Turkish names: which grammatical case a word carries, and its bare form."""

from __future__ import annotations

from functools import lru_cache

from kg.lang.tr import Turkish
from kg.lang.tr.text import Token, lower


def suffix_case(suffix: str, lang: Turkish) -> str | None:
    """The case an apostrophe suffix marks ('e' -> 'dat'); None for suffixes that mark no case.

    >>> from kg.lang.tr import turkish
    >>> suffix_case("na", turkish()), suffix_case("nden", turkish()), suffix_case("", turkish())
    ('dat', 'abl', 'nom')
    """
    if not suffix:
        return "nom"
    if suffix in lang.suffixes:
        return lang.suffixes[suffix]
    for end in range(len(suffix) - 1, 0, -1):  # "nin" + "ki", "ya" + "dır": the case comes first
        if suffix[:end] in lang.suffixes:
            return lang.suffixes[suffix[:end]]
    return None


@lru_cache(maxsize=1 << 16)  # the same words are checked against the same stems again and again
def inflection_of(word: str, stem: str, lang: Turkish) -> str | None:
    """The case of ``word`` if it is ``stem`` plus a case suffix written without an apostrophe.

    Head nouns and common nouns take their suffix directly ("Belediyesi" + "ne"); a possessive
    -(s)I that belongs to the name is part of the stem, so it is never read as an accusative.

    >>> from kg.lang.tr import turkish
    >>> inflection_of("belediyesine", "belediyesi", turkish())
    'dat'
    >>> inflection_of("konseyi", "konseyi", turkish())
    'nom'
    >>> inflection_of("konseyleri", "konseyi", turkish()) is None
    True
    """
    word = lower(word)
    if not word.startswith(stem):
        return None
    rest = word[len(stem) :]
    return suffix_case(rest, lang) if rest else "nom"


def token_case(token: Token, stem: str | None, lang: Turkish) -> str | None:
    """The case of a token: from its apostrophe suffix, or from what follows ``stem`` in it."""
    if stem is not None and token.suffix and token.key != stem:
        return None
    if token.suffix or stem is None:
        return suffix_case(token.suffix, lang)
    return inflection_of(token.key, stem, lang)


def possessive_stem(word: str, lang: Turkish) -> str:
    """A head noun without its possessive ending, as written before a suffix.

    >>> from kg.lang.tr import turkish
    >>> possessive_stem("derneği", turkish()), possessive_stem("belediyesi", turkish())
    ('derneğ', 'belediye')
    """
    for ending in lang.possessive_endings:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return word[: -len(ending)]
    return word


def bare_noun(word: str, lang: Turkish) -> str:
    """A head noun without its possessive ending, final consonant hardened again.

    >>> from kg.lang.tr import turkish
    >>> bare_noun("federasyonu", turkish()), bare_noun("derneği", turkish()), bare_noun("belediyesi", turkish())
    ('federasyon', 'dernek', 'belediye')
    """
    stem = possessive_stem(word, lang)
    if stem == word:
        return word
    return stem[:-1] + lang.softening.get(stem[-1], stem[-1])


@lru_cache(maxsize=1 << 16)  # asked of every word after a party
def group_noun(word: str, lang: Turkish) -> str | None:
    """The group noun ("üyeleri", "yetkilileri") a lower-case word starts with, if any.

    >>> from kg.lang.tr import turkish
    >>> group_noun("üyelerine", turkish()), group_noun("toplantı", turkish())
    ('üyeleri', None)
    """
    return next((g for g in lang.group_nouns if word.startswith(g)), None)
