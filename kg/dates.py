"""Days read from ISO text: the dates users give (``since``/``until``), the xsd:date literals of a
stored graph, and the dates of article metadata, all read by the one function ``parse_day``.

Dates written in Turkish prose ("2 Mayıs 2024") are another matter: ``kg.lang.tr.dates`` reads them.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache


def parse_day(value: date | str) -> date:
    """The day a date, a datetime (a pandas Timestamp too: its day) or ISO text names.

    Text is read by ``date.fromisoformat``: 'YYYY-MM-DD' (from Python 3.11 also the other ISO
    8601 forms of a day, such as 'YYYYMMDD'), nothing before or after it. Raises ValueError for
    text that names no day, and TypeError for a value that is neither text nor a date.

    >>> parse_day("2024-05-02"), parse_day(datetime(2024, 5, 2, 23, 59))
    (datetime.date(2024, 5, 2), datetime.date(2024, 5, 2))
    >>> parse_day("2024-02-30")
    Traceback (most recent call last):
    ValueError: day is out of range for month
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(value)


@lru_cache(maxsize=1 << 12)  # consolidation reads the same few hundred days for every fact
def day_or_none(text: str | None) -> date | None:
    """``parse_day`` of ISO text, or None when there is none or it names no day: a report or
    fact counts as undated then (a hand-made graph may hold a malformed date).

    >>> day_or_none("2024-05-02"), day_or_none("02.05.2024"), day_or_none(None)
    (datetime.date(2024, 5, 2), None, None)
    """
    if text is None:
        return None
    try:
        return parse_day(text)
    except ValueError:
        return None
