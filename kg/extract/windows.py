"""A sentence too long to be one (a scrape with its full stops lost) read in windows, each a sentence.

Reading a sentence relates each of its cues to the parties around it, and a party to the names
before and after it: the work grows with the square of a sentence's length. News sentences are
short (the longest of the dev set has 81 tokens), but a page whose full stops were lost, or a
list of names run together, makes one "sentence" of a whole article. So a sentence of more than
``MAX_SENTENCE_TOKENS`` tokens is read as consecutive windows of at most that many, each cut
after the last punctuation mark of its second half (a comma, a bracket, a dash), or at the limit
when that half holds none; a name or a clause across a cut is read as two. Shorter sentences
are read whole, as before.
"""

from __future__ import annotations

from collections.abc import Iterator

from kg.lang.tr.text import Sentence, Token

MAX_SENTENCE_TOKENS = 400  # about five times the longest sentence of the dev set


def sentence_windows(
    sentence: Sentence, tokens: list[Token], size: int = MAX_SENTENCE_TOKENS
) -> Iterator[tuple[Sentence, list[Token]]]:
    """The sentence with its tokens when it has at most ``size`` of them; else its windows.

    >>> from kg.lang.tr.text import tokenize
    >>> text = "Ali Er, Kula ve Gediz Derneği ile Bornova Belediyesi"
    >>> whole = Sentence(text, 10, 10 + len(text))
    >>> [(s.text, s.start) for s, _ in sentence_windows(whole, tokenize(text, 10), 4)]
    [('Ali Er,', 10), ('Kula ve Gediz Derneği', 18), ('ile Bornova Belediyesi', 40)]
    """
    if len(tokens) <= size:
        yield sentence, tokens
        return
    first = 0
    while first < len(tokens):
        end = _cut(tokens, first, size)
        window = tokens[first:end]
        start, stop = window[0].start, window[-1].end
        text = sentence.text[start - sentence.start : stop - sentence.start]
        yield Sentence(text, start, stop), window
        first = end


def _cut(tokens: list[Token], first: int, size: int) -> int:
    """One past the last token of the window opening at ``first``."""
    limit = first + size
    if limit >= len(tokens):
        return len(tokens)
    for end in range(limit, first + size // 2, -1):
        if not tokens[end - 1].is_word:  # a punctuation mark closes the window
            return end
    return limit
