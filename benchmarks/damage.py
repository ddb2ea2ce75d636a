"""The ways scraped news arrives damaged, and what an extraction must keep whatever the damage.

A library for the property tests (tests/extract/test_properties.py), the hostile-input tests and
the benchmarks (benchmarks/mutated.py, benchmarks/long_articles.py): each mutation takes a text
and what was drawn for it (two positions and a piece of junk) and returns the damaged text;
``violations`` lists what an extraction breaks of the invariants later stages rely on.
"""

from __future__ import annotations

import json
import os
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from random import Random

from kg.lang.tr.text import upper
from kg.model import Extraction

# The dev set (third-party news, read at run time, never copied) sits beside the checkout; the
# tests and benchmarks look for it there unless CIVIC_KG_DEV_SET names another file.
CHECKOUT = Path(__file__).resolve().parents[1]
DEV_SET = Path(os.environ.get("CIVIC_KG_DEV_SET", CHECKOUT.parent / "shared/corpus/dev/gold.jsonl"))

Mutation = Callable[[str, int, int, str], str]


def _at(text: str, a: int) -> int:
    return a % (len(text) + 1)


# The ways scraped news arrives damaged. Each takes a text, two positions and a piece of junk.
MUTATIONS: dict[str, Mutation] = {
    "cut": lambda text, a, b, junk: text[_at(text, min(a, b)) : _at(text, max(a, b))],
    "all caps": lambda text, a, b, junk: upper(text),
    "caps from a point": lambda text, a, b, junk: (
        text[: _at(text, a)] + upper(text[_at(text, a) :])
    ),
    "apostrophes removed": lambda text, a, b, junk: text.replace("'", "").replace("’", ""),
    "apostrophes spaced": lambda text, a, b, junk: text.replace("'", " ' ").replace("’", " ’ "),
    "curly apostrophes": lambda text, a, b, junk: text.replace("'", "’"),
    "lines glued": lambda text, a, b, junk: text.replace("\n", ""),
    "junk inserted": lambda text, a, b, junk: text[: _at(text, a)] + junk + text[_at(text, a) :],
}

# Unicode categories junk is drawn from: controls, format marks, private use, lone surrogates,
# odd spaces and separators, symbols, combining marks, letters of other scripts.
JUNK_CATEGORIES = ("Cc", "Cf", "Co", "Cs", "Zs", "Zl", "So", "Mn", "Lo")


def dev_texts(path: Path = DEV_SET) -> list[str]:
    """The texts of the dev set's articles (a JSON-lines file with a "text" field)."""
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line)["text"] for line in lines if line.strip()]


def junk(random: Random, size: int) -> str:
    """``size`` characters of the JUNK_CATEGORIES, drawn from the whole of Unicode."""
    chars: list[str] = []
    while len(chars) < size:
        char = chr(random.randrange(0x110000))
        if unicodedata.category(char) in JUNK_CATEGORIES:
            chars.append(char)
    return "".join(chars)


def damaged(text: str, random: Random, *, at_most: int = 3) -> tuple[str, list[str]]:
    """``text`` under one to ``at_most`` mutations drawn from ``random``, and their names."""
    names = random.choices(sorted(MUTATIONS), k=random.randint(1, at_most))
    for name in names:
        a, b = random.randrange(1 << 20), random.randrange(1 << 20)
        text = MUTATIONS[name](text, a, b, junk(random, random.randint(1, 8)))
    return text, names


# What ``violations`` finds, each message opening with its kind
VIOLATIONS = ("names", "parties", "evidence", "confidence")


def violations(extraction: Extraction) -> list[str]:
    """What an extraction breaks of its invariants (``Extraction`` refuses them when it is made;
    checked again here so that a test or a benchmark names what broke), each as "kind: what":
    one entity per name (names), each fact relating two different entities of the article
    (parties), with evidence that is not blank and is the text at its offsets (evidence), and a
    confidence in (0, 1] (confidence)."""
    counts = Counter(e.name for e in extraction.entities)
    names = counts.keys()
    found = [f"names: two entities named {n!r}" for n, count in sorted(counts.items()) if count > 1]
    text = extraction.article.text
    for f in extraction.facts:
        fact = f"({f.s}, {f.p}, {f.o})"
        if f.s not in names or f.o not in names or f.s == f.o:
            found.append(f"parties: {fact} does not relate two entities of the article")
        if text[f.start : f.end] != f.evidence:
            found.append(f"evidence: {fact}: {f.evidence!r} is not the text at {f.start}-{f.end}")
        if not f.evidence.strip():
            found.append(f"evidence: {fact} is blank")
        if not 0 < f.confidence <= 1:
            found.append(f"confidence: {fact}: {f.confidence}")
    return found


def cut(text: str, n_bytes: int) -> str:
    """The first ``n_bytes`` of UTF-8 of ``text``; a character cut in two is dropped, lone
    surrogates (junk) are kept.

    >>> lone = chr(0xD800)
    >>> cut("İzmir", 1), cut("İzmir", 3), cut(f"a{lone}b", 4) == f"a{lone}"
    ('', 'İz', True)
    """
    encoded = text.encode("utf-8", "surrogatepass")[:n_bytes]
    lead = len(encoded) - 1
    while lead > 0 and encoded[lead] & 0xC0 == 0x80:  # back to the last character's first byte
        lead -= 1
    if encoded and lead + _utf8_length(encoded[lead]) > len(encoded):
        encoded = encoded[:lead]
    return encoded.decode("utf-8", "surrogatepass")


def _utf8_length(lead: int) -> int:
    """How many bytes the UTF-8 character opening with the byte ``lead`` has."""
    return 4 if lead >= 0xF0 else 3 if lead >= 0xE0 else 2 if lead >= 0xC0 else 1
