"""Quotations around cues: who speaks the one a sentence opens, where the one a cue is in begins."""

from __future__ import annotations

from collections.abc import Sequence

from kg.extract.parties import Party, subjects_before
from kg.extract.reading import SentenceReading
from kg.extract.relations.clause import Clause
from kg.lang.tr.text import is_capitalised
from kg.model import PLACE

QUOTE_OPENERS = frozenset('"“«')
QUOTE_CLOSERS = frozenset('"”»')


def quote_opener(reading: SentenceReading, parties: Sequence[Party]) -> Party | None:
    """The subject written before the first quotation mark of a sentence ("Başkan X, “...")."""
    text = reading.sentence.text
    if not any(mark in text for mark in QUOTE_OPENERS):  # most sentences quote no one: a search
        return None  # for each mark runs in C, faster than a set lookup for each character
    for i, token in enumerate(reading.tokens):
        if token.text in QUOTE_OPENERS:
            subjects = subjects_before(reading, parties, limit=i, exclude=())
            return subjects[0] if subjects else _speaker_after(reading, parties)
    return None


def _speaker_after(reading: SentenceReading, parties: Sequence[Party]) -> Party | None:
    """ "“...” diyen Başkan X": the speaker named after the quotation by a saying participle."""
    words = reading.lang.function_words
    tokens = reading.tokens
    for i, token in enumerate(tokens):
        if words.get(token.key) == "saying" and i and tokens[i - 1].text in QUOTE_CLOSERS:
            after = [p for p in parties if p.index > i and p.mention.type != PLACE]
            between = tokens[i + 1 : after[0].index] if after else ()
            if after and all(t.is_word and is_capitalised(t.base) for t in between):
                return after[0]
    return None


def quotation_start(clause: Clause) -> int:
    """The first token of the quotation the cue stands in, when it opens in this sentence."""
    reading = clause.reading
    quote = clause.discourse.quote_at(reading.tokens[clause.start].start)
    if quote is None or quote[0] < reading.sentence.start:
        return 0
    return reading.token_from(quote[0])
