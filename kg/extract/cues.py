"""Relation cues in a sentence: the word sequences of cues.tsv, matched by their first letters."""

from __future__ import annotations

from functools import lru_cache

from kg.extract.reading import SentenceReading
from kg.lang.tr import PREFIX, Cue, Turkish


def find_cues(reading: SentenceReading) -> list[tuple[int, int, Cue]]:
    """(first token, end token, cue) of every cue in the sentence, the longest at each place."""
    tokens, lang = reading.tokens, reading.lang
    index = lang.cues_by_start
    found = []
    free = 0  # the first token not inside a cue found already
    count = len(tokens)
    for i in [i for i, t in enumerate(tokens) if t.key[:PREFIX] in index]:
        if i < free:
            continue
        for cue in _cues_opening_with(tokens[i].key, lang):
            words = cue.words
            n = len(words)
            if i + n <= count and all(tokens[i + k].key.startswith(words[k]) for k in range(1, n)):
                found.append((i, i + n, cue))
                free = i + n
                break
    return found


@lru_cache(maxsize=1 << 14)  # asked of every word that starts like a cue
def _cues_opening_with(word: str, lang: Turkish) -> tuple[Cue, ...]:
    """The cues whose first word ``word`` starts with, longest first (see turkish())."""
    return tuple(
        c for c in lang.cues_by_start.get(word[:PREFIX], ()) if word.startswith(c.words[0])
    )
