"""How names are written: words joined with their punctuation, capitals, initials, legal forms."""

from __future__ import annotations

from collections.abc import Sequence

from kg.lang.tr import Turkish
from kg.lang.tr.text import Token, is_all_caps, upper

OPENING_QUOTES = frozenset("'\"“‘«")
QUOTES = OPENING_QUOTES | frozenset("”’»")
NAME_PUNCTUATION = frozenset(",.")  # written inside a name, with no space before it
HYPHEN = "-"


def name_text(words: list[str]) -> str:
    """Words of a name joined as written: a comma or an ordinal's full stop stays on the word
    before it ("Eğitim, Kültür ve Dayanışma Derneği", "118. Bölge Federasyonu")."""
    text = words[0]
    for word in words[1:]:
        text += word if word in NAME_PUNCTUATION else " " + word
    return text


def written_words(words: list[int], tokens: Sequence[Token], lang: Turkish) -> list[str]:
    """The words of a name as written, with the full stops and the "ve" of a company's legal
    form ("Tekstil San. ve Tic. Ltd. Şti.") kept."""
    written = []
    for k, i in enumerate(words):
        written.append(tokens[i].base)
        dotted = tokens[i].key in lang.company_forms or tokens[i].base.isdigit()
        if dotted and i + 1 < len(tokens) and tokens[i + 1].text == ".":
            written.append(".")
            if k + 1 < len(words) and words[k + 1] == i + 3 and joins_forms(tokens[i + 2], lang):
                written.append(tokens[i + 2].base)
    return written


def joins_forms(token: Token, lang: Turkish) -> bool:
    """ "ve" or "&" between two words of a company's legal form."""
    return token.text == "&" or lang.function_words.get(token.key) == "conjunction"


def capitalised(word: str) -> str:
    return upper(word[:1]) + word[1:]


def is_initial(token: Token) -> bool:
    return len(token.base) == 1 and token.base.isupper()


def in_capitals(tokens: list[Token]) -> bool:
    """Whether most words of the sentence are written in capitals (a heading, a slogan)."""
    words = [t for t in tokens if t.base[:1].isalpha() and len(t.base) > 1]
    return 2 * sum(is_all_caps(t.base) for t in words) > len(words)
