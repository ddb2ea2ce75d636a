"""Common-noun references to a named organisation ("federasyon yetkilileri", "yürütme kurulu üyelerine")."""

from __future__ import annotations

from kg.extract.reading import SentenceReading
from kg.lang.tr import Turkish
from kg.lang.tr.morphology import inflection_of
from kg.model import ORGANIZATION, Mention


def find_references(reading: SentenceReading, lang: Turkish) -> None:
    """Common-noun references to a named organisation: "yürütme kurulu üyelerine", "federasyon yetkilileri"."""
    tokens = reading.tokens
    taken = {i for m in reading.mentions for i in range(*reading.token_span(m))}
    for i, first in enumerate(tokens):
        for stems, head in lang.references_by_first.get(first.key, ()):
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
            group_stem = next(
                (g for g in lang.group_nouns if group and group.key.startswith(g)), None
            )
            if group_stem and last.key in (stems[-1], head.words[-1]):
                case = inflection_of(group.key, group_stem, lang)
                end_token = group
            elif n > 1 and last.key.startswith(head.words[-1]) and not last.suffix:
                case = inflection_of(last.key, head.words[-1], lang)
                end_token = last
            else:
                continue
            if case is None:
                continue
            reading.mentions.append(
                Mention(
                    reading.sentence.text[
                        words[0].start - reading.sentence.start : end_token.end
                        - reading.sentence.start
                    ],
                    words[0].start,
                    end_token.end,
                    ORGANIZATION,
                    " ".join(head.words),
                    head.subtype,
                    case=case,
                    reference=True,
                )
            )
            taken.update(range(i, i + n))
