"""Bylines, datelines and source lines: reporter, city and news agency or outlet.

"Ali VELİ / İZMİR (İGFA) -" at a paragraph's start, "Kaynak: İHA" at an article's end.
"""

from __future__ import annotations

from kg.extract.reading import MAX_PERSON_WORDS, SentenceReading, add_mention, add_places, place_of
from kg.lang.tr import Turkish
from kg.lang.tr.text import is_all_caps, recase
from kg.model import ORGANIZATION, PERSON, Byline

MAX_SOURCE_WORDS = 3  # "Kaynak: Demirören Haber Ajansı"
DASHES = "-–—"


def read_bylines(reading: SentenceReading) -> None:
    """Sentence stage: the byline, dateline or source line a sentence opens with, if any; its
    tokens are kept out of names and parties."""
    lang, text = reading.lang, reading.sentence.text
    # a dateline has its agency in parentheses, a source line a colon: most sentences have neither
    used = read_dateline(reading, lang) if "(" in text else set()
    if not used and reading.sentence.start == 0:
        used = read_opening_byline(reading, lang)
    if ":" in text:
        used |= read_source_line(reading, lang)
    reading.byline_tokens = used
    reading.dateline_end = max(used, default=-1) + 1


def read_opening_byline(reading: SentenceReading, lang: Turkish) -> set[int]:
    """An article's first words naming its outlet (and reporter) before a dash or a slash:
    "Son Mühür - ...", "Medya Ege- ...", "Son Mühür/ Ayşe Kaya- ...", "Son Mühür / Kula ...";
    or after a dash at the end of the title line: "... bir araya geldi - Son Dakika". Returns
    the tokens used."""
    tokens = reading.tokens
    if reading.sentence.start != 0 or not tokens:
        return set()
    outlet = _capitalised_words(tokens, 0, lang)
    end = outlet[-1] + 1 if outlet else 0
    reporter: list[int] = []
    if outlet and end < len(tokens) and tokens[end].text == "/":
        reporter = _capitalised_words(tokens, end + 1, lang)
        end = reporter[-1] + 1 if reporter else end
    if _outlet_like(tokens, outlet, lang) and end < len(tokens) and tokens[end].text in DASHES:
        add_mention(reading, outlet, ORGANIZATION, _joined(tokens, outlet), "NewsAgency")
        name = None
        if len(reporter) >= 2:
            name = " ".join(recase(tokens[i].base) for i in reporter)
            add_mention(reading, reporter, PERSON, name, None)
        reading.byline = Byline(name, None, _joined(tokens, outlet))
        return set(range(0, end + 1))
    slash = outlet[-1] + 1 if outlet else 0
    if (
        len(outlet) > 1
        and slash < len(tokens)
        and tokens[slash].text == "/"
        and _outlet_like(tokens, outlet, lang)
    ):
        # "Son Mühür / Kula Belediye Başkanı ...": the outlet, and the sentence after the slash
        add_mention(reading, outlet, ORGANIZATION, _joined(tokens, outlet), "NewsAgency")
        reading.byline = Byline(None, None, _joined(tokens, outlet))
        return set(range(0, slash + 1))
    dash = max((i for i, t in enumerate(tokens) if t.text in DASHES), default=None)
    if dash is not None and dash > 0:
        trailer = _capitalised_words(tokens, dash + 1, lang)
        if _outlet_like(tokens, trailer, lang) and trailer[-1] == len(tokens) - 1:
            add_mention(reading, trailer, ORGANIZATION, _joined(tokens, trailer), "NewsAgency")
            return set(range(dash, len(tokens)))
    return set()


def _capitalised_words(tokens, start: int, lang: Turkish) -> list[int]:
    """Up to MAX_SOURCE_WORDS capitalised words from ``start``."""
    words = []
    for i in range(start, min(len(tokens), start + MAX_SOURCE_WORDS)):
        t = tokens[i]
        if t.suffix or not t.base[:1].isupper():
            break
        words.append(i)
    return words


def _outlet_like(tokens, words: list[int], lang: Turkish) -> bool:
    """An outlet's name has no given name, honorific or title word ("Başkan Ali Er" is a person)
    and is not only places ("İZMİR -" is a dateline; "Medya Ege -" an outlet)."""
    return (
        bool(words)
        and not all(place_of(tokens[i], lang) for i in words)
        and not any(
            tokens[i].key in lang.given_names
            or tokens[i].key in lang.honorifics
            or tokens[i].key in lang.titles_by_first
            for i in words
        )
    )


def _joined(tokens, words: list[int]) -> str:
    return " ".join(tokens[i].base for i in words)


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
            # a dateline's word is a place even where it is also a month ("/ ARALIK (İHA) -")
            and (place_of(tokens[k - 1], lang) or tokens[k - 1].key in lang.places)
        ):
            continue
        used = set(range(k - 1, k + 4))
        places = add_places(reading, k - 1, lang, attributive=False)
        labelled = agency.key in lang.dateline_labels  # "(ÖZEL)": the outlet's own report
        if not labelled:
            add_mention(reading, [k + 1], ORGANIZATION, agency.base, "NewsAgency")
        reporter = None
        slash = k - 2
        if slash >= 1 and tokens[slash].text == "/":
            words = [i for i in range(0, slash) if tokens[i].is_word]
            if 2 <= len(words) <= MAX_PERSON_WORDS:
                name = " ".join(recase(tokens[i].base) for i in words)
                reporter = add_mention(reading, words, PERSON, name, None).name
                used.update(range(0, slash + 1))
        reading.byline = Byline(
            reporter, places[0].name if places else None, None if labelled else agency.base
        )
        return used
    return set()
