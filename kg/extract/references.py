"""Common-noun references to a named organisation ("federasyon yetkilileri", "yürütme kurulu üyelerine")."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from operator import attrgetter

from kg.extract.reading import SentenceReading
from kg.lang.tr import OrgHead, Turkish, prefix
from kg.lang.tr.morphology import group_noun, inflection_of
from kg.lang.tr.text import Token
from kg.model import ORGANIZATION, Mention

# "belediyeye", "derneğin": a bare "belediye" (nominative) is too vague
REFERENCE_CASES = ("dat", "acc", "abl", "ins", "by", "gen")

_KEY = attrgetter("key")


def find_references(reading: SentenceReading) -> None:  # noqa: C901, PLR0912
    """Sentence stage: common-noun references to a named organisation ("yürütme kurulu
    üyelerine", "federasyon yetkilileri")."""
    tokens, lang = reading.tokens, reading.lang
    by_first, inflected = lang.references_by_first, _inflected_heads(lang)
    keys = list(map(_KEY, tokens))
    starts = _positions(keys, by_first)
    singles = [i for i in _positions(keys, inflected) if not tokens[i].suffix]
    if not starts and not singles:
        return
    # a lone capitalised word read as a tentative name ("Federasyona bağlı ..." opening a
    # sentence) does not hide a reference
    taken = {
        i
        for m in reading.mentions
        if not (m.tentative and " " not in m.text)
        for i in range(*reading.token_span(m))
    }
    for i in starts:
        if i in taken:  # inside a name ("X Belediyesi") or a reference found already
            continue
        first = tokens[i]
        for stems, head in by_first[first.key]:
            n = len(stems)
            words = tokens[i : i + n]
            if len(words) < n:
                continue
            if any(j in taken for j in range(i, i + n)):
                continue
            if not all(w.key == s for w, s in zip(words[:-1], stems[:-1], strict=True)):
                continue
            last = words[-1]
            group = tokens[i + n] if i + n < len(tokens) else None
            group_stem = group_noun(group.key, lang) if group else None
            if group is not None and group_stem and last.key in (stems[-1], head.words[-1]):
                case = inflection_of(group.key, group_stem, lang)
                end_token = group
            elif n > 1 and last.key.startswith(head.words[-1]) and not last.suffix:
                case = inflection_of(last.key, head.words[-1], lang)
                end_token = last
            else:
                continue
            if case is None:
                continue
            _add_reference(reading, words[0], end_token, head, case)
            taken.update(range(i, i + n))
    for i in singles:
        if i not in taken:
            _add_reference(reading, tokens[i], tokens[i], *inflected[tokens[i].key])


def _positions(keys: list[str], table: Mapping[str, object]) -> list[int]:
    """Indices of the keys found in ``table``. Most sentences hold none: a set operation in C
    rules them out before the loop in Python."""
    if table.keys().isdisjoint(keys):
        return []
    return [i for i, key in enumerate(keys) if key in table]


@cache
def _inflected_heads(lang: Turkish) -> dict[str, tuple[OrgHead, str]]:
    """Every word ``_inflected_head`` reads as a head noun with a case suffix, with its answer.

    Such a word is a stem plus one whole case suffix, so there are only stems x suffixes of
    them: listing them once turns the per-token question into a dictionary lookup."""
    candidates = {
        stem + suffix
        for entries in lang.inflected_references.values()
        for stems, _ in entries
        for stem in stems
        for suffix, case in lang.suffixes.items()
        if suffix and case in REFERENCE_CASES
    }
    answers = {word: _inflected_head(word, lang) for word in candidates}
    return {word: answer for word, answer in answers.items() if answer is not None}


def _inflected_head(word: str, lang: Turkish) -> tuple[OrgHead, str] | None:
    """ "belediyeye", "derneğe": a single head noun with a case suffix refers to the article's one
    organisation with that head (resolution drops it when there is none, or several).
    Returns the head and the case."""
    for stems, head in lang.inflected_references.get(prefix(word), ()):
        for stem in stems:
            rest = word[len(stem) :]
            # the whole rest must be one case suffix: "belediyelerin" is a plural, not "-le"
            case = lang.suffixes.get(rest) if rest and word.startswith(stem) else None
            if case in REFERENCE_CASES:
                return head, case
    return None


def _add_reference(
    reading: SentenceReading, first: Token, last: Token, head: OrgHead, case: str
) -> None:
    reading.mentions.append(
        Mention(
            reading.sentence.text[
                first.start - reading.sentence.start : last.end - reading.sentence.start
            ],
            first.start,
            last.end,
            ORGANIZATION,
            " ".join(head.words),
            head.subtype,
            case=case,
            reference=True,
        )
    )
