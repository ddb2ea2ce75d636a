"""Turkish-aware text basics: normalisation, case folding, re-casing, sentences and tokens."""

from __future__ import annotations

import re
import unicodedata
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

APOSTROPHES = "'’‘`´"
_APOSTROPHE_RE = re.compile(f"[{APOSTROPHES}]")
_UPPER_TO_LOWER = str.maketrans({"I": "ı", "İ": "i"})
_LOWER_TO_UPPER = str.maketrans({"i": "İ", "ı": "I"})
# The letters Turkish writes and ASCII lacks, lower case, with the ASCII letter each folds to
ASCII_OF = {
    "ç": "c",
    "ğ": "g",
    "ı": "i",
    "ö": "o",
    "ş": "s",
    "ü": "u",
    "â": "a",
    "î": "i",
    "û": "u",
}
_ASCII = str.maketrans(ASCII_OF)
# the same letters in either case ("İ" is the capital of "i"; "ı"'s capital "I" is ASCII)
NON_ASCII_LETTERS = frozenset(ASCII_OF) | frozenset(c.upper() for c in ASCII_OF if c != "ı") | {"İ"}


def normalise(text: str) -> str:
    """NFC, one apostrophe character, no carriage returns or non-breaking spaces.

    >>> normalise("MANİSA-FED’e") == "MANİSA-FED'e"
    True
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    return _APOSTROPHE_RE.sub("'", text)


@lru_cache(maxsize=1 << 16)
def lower(text: str) -> str:
    """Turkish lower case: I -> ı, İ -> i.

    >>> lower("İZMİR IĞDIR")
    'izmir ığdır'
    """
    return text.translate(_UPPER_TO_LOWER).lower()


def upper(text: str) -> str:
    """Turkish upper case: i -> İ, ı -> I.

    >>> upper("izmir ığdır")
    'İZMİR IĞDIR'
    """
    return text.translate(_LOWER_TO_UPPER).upper()


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """The key two spellings of one name share: Turkish lower case, one apostrophe, NFC.

    >>> fold("MANİSA-FED’e") == fold("Manisa-Fed'e")
    True
    """
    return lower(normalise(text))


def ascii_fold(text: str) -> str:
    """Lower case and transliterated to ASCII, for IRIs and slugs.

    >>> ascii_fold("Özgür Topaç")
    'ozgur topac'
    """
    text = fold(text).translate(_ASCII)
    # other accented letters (é, ñ) lose their marks; what is left non-ASCII separates words in slug()
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=1 << 16)  # entity names recur in every graph that mentions them
def slug(text: str) -> str:
    """A stable IRI-safe key: ASCII letters and digits joined by hyphens.

    >>> slug("İzmir Kent Konseyi Yürütme Kurulu")
    'izmir-kent-konseyi-yurutme-kurulu'
    >>> slug("MANİSA-FED")
    'manisa-fed'
    >>> slug("  IĞDIR / Şırnak — Ünye, Café  ")
    'igdir-sirnak-unye-cafe'
    """
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(text)).strip("-")


def recase(word: str) -> str:
    """An ALL-CAPS word in title case, Turkish-aware; other words unchanged.

    >>> recase("ÇAKILLI"), recase("İNCİ"), recase("Topaç")
    ('Çakıllı', 'İnci', 'Topaç')
    """
    if len(word) > 1 and is_all_caps(word):
        return "-".join(part[:1] + lower(part[1:]) for part in word.split("-"))
    return word


def is_all_caps(word: str) -> bool:
    """True for a word whose letters are all upper case (at least two characters).

    >>> is_all_caps("TOBB"), is_all_caps("MANİSA-FED"), is_all_caps("Topaç"), is_all_caps("A")
    (True, True, False, False)
    """
    return len(word) > 1 and word.isupper()


def is_capitalised(word: str) -> bool:
    """True when a word starts with an upper-case letter.

    >>> is_capitalised("İzmir"), is_capitalised("ile")
    (True, False)
    """
    return word[:1].isupper()


class Token(NamedTuple):
    """A word or punctuation mark; a proper name's case suffix is kept apart from its base.

    A named tuple rather than a dataclass: a long article has tens of thousands of tokens.
    """

    text: str
    start: int
    end: int
    base: str  # the word without its apostrophe suffix
    suffix: str  # what followed the apostrophe, lower case ('' if none)
    key: str  # the base in Turkish lower case, for lookups in the language data

    @property
    def is_word(self) -> bool:
        return self.base[:1].isalnum()


_new_token = tuple.__new__  # skips the named tuple's Python-level __new__ (one per token)
_WORD = r"[^\W_]+(?:[-.&][^\W_]+)*"
_TOKEN_RE = re.compile(rf"(?P<base>{_WORD})(?:'(?P<suffix>[^\W\d_]+))?|\S")
_UPPER = "A-ZÇĞİÖŞÜÂÎÛ"
_LOWER = "a-zçğıöşüâîû"
# A capital right after two small letters, opening a small-letter word: two words written
# without the space between them ("içinÖzden'e"); "iPhone" and "McDonald" are left whole.
_MISSING_SPACE_RE = re.compile(f"(?<=[{_LOWER}]{{2}})(?=[{_UPPER}][{_LOWER}])")
_GLUED_ORDINAL_RE = re.compile(f"\\d+\\.(?=[{_UPPER}])")


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Split a (normalised) sentence into tokens with character offsets.

    >>> [(t.base, t.suffix) for t in tokenize("MANİSA-FED'e Prof. Ali A.Ş.")]
    [('MANİSA-FED', 'e'), ('Prof', ''), ('.', ''), ('Ali', ''), ('A.Ş', ''), ('.', '')]
    """
    tokens: list[Token] = []
    append = tokens.append
    end = 0
    for chunk in text.split():  # no token spans white space
        at = text.find(chunk, end)  # only white space lies between two chunks
        end = at + len(chunk)
        start = offset + at
        for whole, first, last, base, suffix, key in _chunk_tokens(chunk):
            append(_new_token(Token, (whole, start + first, start + last, base, suffix, key)))
    return tokens


@lru_cache(maxsize=1 << 15)  # the same words, with the same punctuation, recur everywhere
def _chunk_tokens(chunk: str) -> tuple[tuple[str, int, int, str, str, str], ...]:
    """The tokens of a run of non-space characters as (text, start, end, base, suffix, key),
    with offsets in the chunk."""
    glued = None
    if chunk[:1].islower():  # "içinÖzden'e": a word glued to the name after it
        glued = _MISSING_SPACE_RE.search(chunk)
    elif chunk[:1].isdigit():  # "118.Bölge": an ordinal glued to the word after it
        glued = _GLUED_ORDINAL_RE.match(chunk)
    if glued is not None:  # split where the space is missing (the match ends there)
        cut = glued.end()
        rest = _chunk_tokens(chunk[cut:])
        return _chunk_tokens(chunk[:cut]) + tuple(
            (text, cut + start, cut + end, base, suffix, key)
            for text, start, end, base, suffix, key in rest
        )
    tokens = []
    for m in _TOKEN_RE.finditer(chunk):
        base, suffix = m.groups()
        base = base or m.group()
        suffix = lower(suffix) if suffix else ""
        tokens.append((m.group(), m.start(), m.end(), base, suffix, lower(base)))
    return tuple(tokens)


@dataclass(frozen=True)
class Sentence:
    """A sentence and where it sits in the article text."""

    text: str
    start: int
    end: int


# Where a sentence ends: terminal punctuation (and closing quotes) before white space, a blank
# line, or a line break before a capital. The pattern opens with a plain character class, so the
# regex engine scans for those characters in C and tries the rest only there; look-behinds then
# pick the branch for the character found (a branch or look-ahead first would be tried at every
# character).
_SENTENCE_END_RE = re.compile(
    r"[.!?…\n]"
    r"(?:(?<=[.!?…])[.!?…]*[\"'”»)]*(?=\s|$)"  # "geldi." "dedi?!" "bitti.”"
    r"|(?<=[a-zçğıöşü]{2}[.!?])(?=[A-ZÇĞİÖŞÜ])"  # "geldi.Toplantı": the space after it lost
    r"|(?<=\n)(?:\s*\n|(?=\s*[A-ZÇĞİÖŞÜ'\"])))"  # a blank line; a new line opening with a capital
)


# The characters before a full stop looked at to tell an abbreviation ("Prof.", "San.Tic.Ltd.")
# from a sentence's end: a sentence of thousands of them is not copied again for each.
_LONGEST_ABBREVIATED = 64


def split_sentences(text: str, abbreviations: frozenset[str]) -> Iterator[Sentence]:
    """Sentences of a text; a full stop after a known abbreviation ("Prof.", "Dr.") does not end one.

    >>> [s.text for s in split_sentences("Prof. Dr. Ali Kaya geldi. Toplantı bitti.", frozenset({"prof.", "dr."}))]
    ['Prof. Dr. Ali Kaya geldi.', 'Toplantı bitti.']
    """
    start = 0
    glued = deque(_glued_headings(text))  # taken from the front as the text is read
    for m in _SENTENCE_END_RE.finditer(text):
        end = m.end()
        word_start = max(start, m.start() + 1 - _LONGEST_ABBREVIATED)
        if text[m.start()] == "." and (
            _abbreviated(text[word_start : m.start() + 1], abbreviations)
            or _continues(text, m.start())
        ):
            continue
        while glued and glued[0] < end:
            sentence = _trimmed(text, start, glued[0])
            if sentence is not None:
                yield sentence
            start = glued.popleft()
        sentence = _trimmed(text, start, end)
        if sentence is not None:
            yield sentence
        start = end
    for cut in glued:
        sentence = _trimmed(text, start, cut)
        if sentence is not None:
            yield sentence
        start = cut
    sentence = _trimmed(text, start, len(text))
    if sentence is not None:
        yield sentence


# A capital opening a small-letter word inside a word: "TamamlandıAfyonkarahisar", "KINAMAHakkari"
_GLUED_RE = re.compile(f"[{_UPPER}](?<=[^\\W\\d_][{_UPPER}])(?=[{_LOWER}])")


def _glued_headings(text: str) -> list[int]:
    """Where a heading ends that a scraper glued to the line after it: "... Bütçe Görüşmeleri
    TamamlandıAfyonkarahisar Belediye Başkanı", "ALİ KAYA'DAN TEPKİSamsun". The words before the
    capital are a heading's: three capitalised words, or two in capitals; "Bu DenizBank'ın" is a
    name written as one word."""
    cuts = []
    for m in _GLUED_RE.finditer(text):
        at = m.start()
        words = text[max(0, at - 80) : at].split()[-3:]
        if _is_heading(words) or _is_heading(words[-2:], in_capitals=True):
            cuts.append(at)
    return cuts


def _is_heading(words: list[str], *, in_capitals: bool = False) -> bool:
    """Three capitalised words, or two written in capitals (a case suffix after them aside)."""
    stems = [w.split("'")[0] for w in words]
    return len(stems) == (2 if in_capitals else 3) and all(
        len(w) > 1 and w.isalpha() and (w.isupper() if in_capitals else w[0].isupper())
        for w in stems
    )


def _abbreviated(chunk: str, abbreviations: frozenset[str]) -> bool:
    """Whether the last word of ``chunk`` (a full stop included) is an abbreviation or an initial."""
    words = chunk.rsplit(None, 1)
    last = lower(words[-1]) if words else ""
    if last in abbreviations or _is_initial(last):
        return True
    if "." not in last[:-1] and last[:1].isalpha():
        return False
    # "Prof.Dr.", "(Dr.": abbreviations written together, or after a bracket; the last decides
    last = last[:-1].rsplit(".", 1)[-1].lstrip("(\"'“") + "."
    return last in abbreviations or _is_initial(last)


def _continues(text: str, stop: int) -> bool:
    """Whether the full stop at ``stop`` makes the number before it an ordinal ("2. Olağan Genel
    Kurul", "19. dönem"), or ends an abbreviation the next word follows in small letters
    ("Ltd. ve", "vb. gibi"): the next word on the same line."""
    if text[stop + 1 : stop + 2] != " ":
        return False
    if text[stop + 2 : stop + 3].islower():
        return True
    start = stop
    while start > 0 and text[start - 1].isdigit():
        start -= 1
    return 0 < stop - start <= 4 and (start == 0 or text[start - 1].isspace())


def _is_initial(word: str) -> bool:
    return len(word) == 2 and word[0].isalpha() and word[1] == "."


def _trimmed(text: str, start: int, end: int) -> Sentence | None:
    """The sentence in ``text[start:end]`` without surrounding white space; None if it is blank."""
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return None
    lead = len(chunk) - len(chunk.lstrip())
    return Sentence(stripped, start + lead, start + lead + len(stripped))
