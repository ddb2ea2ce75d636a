"""Relation cues in a sentence: the word sequences of cues.tsv, matched by their first letters."""

from __future__ import annotations

from functools import lru_cache

from kg.extract.reading import SentenceReading
from kg.lang.tr import PREFIX, Cue, Turkish
from kg.lang.tr.text import Token

# "ilk ziyaretimizi Kula Belediye Başkanı Ali Er'e gerçekleştirdik": words an inflected cue noun
# and its verb may have between them (the object, moved before the verb)
MAX_CUE_GAP = 6
ACCUSATIVE_ENDINGS = ("ı", "i", "u", "ü")  # "ziyaretimizi": the noun as the verb's object


def find_cues(reading: SentenceReading) -> list[tuple[int, int, Cue]]:
    """(first token, end token, cue) of every cue in the sentence, the longest at each place."""
    tokens, lang = reading.tokens, reading.lang
    index = lang.cues_by_start
    found = []
    free = 0  # the first token not inside a cue found already
    for i in [i for i, t in enumerate(tokens) if t.key[:PREFIX] in index]:
        if i < free:
            continue
        for cue in _cues_opening_with(tokens[i].key, lang):
            end = _cue_end(tokens, i, cue.words, lang)
            if end is not None:
                found.append((i, end, cue))
                free = end
                break
    return found


def _cue_end(tokens: list[Token], i: int, words: tuple[str, ...], lang: Turkish) -> int | None:
    """One past the cue's last token when the cue starts at token ``i``, else None. A cue of a
    noun and a verb matches with other words between them when the noun is the verb's object
    ("ziyaretimizi ... gerçekleştirdik", "teşekkürlerimizi ... iletiyorum")."""
    n = len(words)
    if i + n <= len(tokens) and all(tokens[i + k].key.startswith(words[k]) for k in range(1, n)):
        return i + n
    noun = tokens[i].key
    if (
        n != 2
        or words[1] not in lang.light_verbs
        or len(noun) < len(words[0]) + 2
        or not noun.endswith(ACCUSATIVE_ENDINGS)
    ):
        return None
    for j in range(i + 1, min(len(tokens), i + 2 + MAX_CUE_GAP)):
        token = tokens[j]
        if not token.is_word or _cues_opening_with(token.key, lang):
            return None  # punctuation closes the clause; another cue is another act
        if j > i + 1 and token.key.startswith(words[1]):
            return j + 1
    return None


@lru_cache(maxsize=1 << 14)  # asked of every word that starts like a cue
def _cues_opening_with(word: str, lang: Turkish) -> tuple[Cue, ...]:
    """The cues whose first word ``word`` starts with, longest first (see turkish())."""
    return tuple(
        c for c in lang.cues_by_start.get(word[:PREFIX], ()) if word.startswith(c.words[0])
    )
