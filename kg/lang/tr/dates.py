"""Dates written in Turkish news text: "24 Kasım 2026", "24.11.2026", "24/11/2026"."""

from __future__ import annotations

import re
from datetime import date

from kg.lang.tr import Turkish
from kg.lang.tr.text import lower

_NUMERIC = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b")
_WORDS = re.compile(r"\b(\d{1,2})\s+([^\W\d_]+)\s+(\d{4})\b")


def first_date(text: str, lang: Turkish) -> str | None:
    """The first valid calendar date written in ``text``, as YYYY-MM-DD.

    >>> from kg.lang.tr import turkish
    >>> first_date("İZMİR - 24 Kasım 2026 tarihinde", turkish()), first_date("3.2.2025 günü", turkish())
    ('2026-11-24', '2025-02-03')
    >>> first_date("31 Şubat 2026", turkish()) is None
    True
    """
    found = []
    for m in _NUMERIC.finditer(text):
        found.append((m.start(), int(m.group(3)), int(m.group(2)), int(m.group(1))))
    for m in _WORDS.finditer(text):
        month = lang.months.get(lower(m.group(2)))
        if month:
            found.append((m.start(), int(m.group(3)), month, int(m.group(1))))
    for _, year, month, day in sorted(found):
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            continue
    return None
