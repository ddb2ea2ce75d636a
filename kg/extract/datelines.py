"""Bylines, datelines and source lines: reporter, city and news agency or outlet.

"Ali VELİ / İZMİR (İGFA) -" at a paragraph's start, "Kaynak: İHA" at an article's end.
"""

from __future__ import annotations

from kg.extract.reading import MAX_PERSON_WORDS, SentenceReading, add_mention, add_places, place_of
from kg.lang.tr import Turkish
from kg.lang.tr.text import is_all_caps, recase
from kg.model import ORGANIZATION, PERSON, Byline

MAX_SOURCE_WORDS = 3  # "Kaynak: Demirören Haber Ajansı"


def read_source_line(reading: SentenceReading, lang: Turkish) -> set[int]:
    """ "Kaynak: İHA": the outlet or agency a source line names; returns the tokens used."""
    tokens = reading.tokens
    colon = next((i for i, t in enumerate(tokens[:4]) if t.text == ":"), None)
    if colon is None or " ".join(t.key for t in tokens[:colon]) not in lang.source_words:
        return set()
    words = []
    for i in range(colon + 1, min(len(tokens), colon + 1 + MAX_SOURCE_WORDS)):
        if not (tokens[i].is_word and tokens[i].base[:1].isupper()):
            break
        words.append(i)
    if not words:
        return set()
    name = " ".join(tokens[i].base for i in words)
    add_mention(reading, words, ORGANIZATION, name, "NewsAgency")
    return set(range(0, words[-1] + 1))


def read_dateline(reading: SentenceReading, lang: Turkish) -> set[int]:
    """ "Ali VELİ / İZMİR (İGFA) -": reporter, dateline city and news agency; returns the tokens used."""
    tokens = reading.tokens
    for k in range(1, len(tokens) - 3):
        if tokens[k].text != "(":
            continue
        agency, closing, dash = tokens[k + 1 : k + 4]
        if not (
            closing.text == ")"
            and dash.text in "-–—"
            and is_all_caps(agency.base)
            and place_of(tokens[k - 1], lang)
        ):
            continue
        used = set(range(k - 1, k + 4))
        places = add_places(reading, k - 1, lang, attributive=False)
        add_mention(reading, [k + 1], ORGANIZATION, agency.base, "NewsAgency")
        reporter = None
        slash = k - 2
        if slash >= 1 and tokens[slash].text == "/":
            words = [i for i in range(0, slash) if tokens[i].is_word]
            if 2 <= len(words) <= MAX_PERSON_WORDS:
                name = " ".join(recase(tokens[i].base) for i in words)
                reporter = add_mention(reading, words, PERSON, name, None).name
                used.update(range(0, slash + 1))
        reading.byline = Byline(reporter, places[0].name if places else None, agency.base)
        return used
    return set()
