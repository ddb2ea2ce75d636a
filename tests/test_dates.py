"""kg.dates: the one reader of ISO days, and what each of its callers makes of it."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pandas as pd
import pytest

from kg.builder.readers import _iso_date
from kg.dates import day_or_none, parse_day
from kg.errors import KgError
from kg.query import tables
from kg.query.results import _date as xsd_date
from kg.views.model import ViewFilter

MAY_2 = date(2024, 5, 2)


@pytest.mark.parametrize(
    "value",
    [
        "2024-05-02",
        MAY_2,
        datetime(2024, 5, 2, 23, 59),
        datetime(2024, 5, 2, 1, tzinfo=timezone.utc),
        pd.Timestamp("2024-05-02 12:30"),
    ],
)
def test_a_day_is_read_from_iso_text_a_date_or_a_datetime(value):
    day = parse_day(value)
    assert day == MAY_2
    assert type(day) is date  # a datetime's day, not the datetime (a datetime is a date too)


def test_a_date_is_returned_as_given():
    assert parse_day(MAY_2) is MAY_2


@pytest.mark.parametrize(
    "text",
    [
        "2024-02-30",  # no such day
        "2024-13-01",
        "02.05.2024",  # Turkish order: kg.lang.tr.dates reads prose, not this
        "2 Mayıs 2024",
        "2024-05-02T10:00",  # a datetime is not a day's text
        "2024-05-02Z",
        " 2024-05-02",
        "2024-5-2",
        "",
    ],
)
def test_text_that_names_no_day_is_a_value_error(text):
    with pytest.raises(ValueError):
        parse_day(text)
    assert day_or_none(text) is None


@pytest.mark.parametrize("value", [None, 20240502, 2024.5, ["2024-05-02"]])
def test_what_is_neither_text_nor_a_date_is_a_type_error(value):
    with pytest.raises(TypeError):
        parse_day(value)


def test_day_or_none_reads_what_parse_day_reads_and_none_is_undated():
    assert day_or_none("2024-05-02") == MAY_2
    assert day_or_none(None) is None


# Each caller kept its own reading around the shared one (they differed before it was shared):


def test_tables_since_until_read_any_value_by_its_text():
    assert tables._day(pd.Timestamp("2024-05-02 10:00"), "since") == "2024-05-02"
    with pytest.raises(KgError, match=r"^until=5 is not a date \(give a date or 'YYYY-MM-DD'\)$"):
        tables._day(5, "until")  # read as the text "5"


def test_the_views_since_until_reject_what_is_not_text_or_a_date():
    assert ViewFilter(since=datetime(2024, 5, 2, 10)).since == MAY_2
    with pytest.raises(KgError, match=r"^until: 5 is not a date \(write it as YYYY-MM-DD\)$"):
        ViewFilter(until=5)


def test_a_stored_xsd_date_may_carry_a_timezone():
    assert xsd_date("2024-05-02Z") == ("date", MAY_2)
    assert xsd_date("2024-05-02+03:00") == ("date", MAY_2)
    with pytest.raises(ValueError):
        xsd_date("2024-05-02T10:00:00")


def test_article_metadata_gives_the_day_of_a_date_or_datetime():
    assert _iso_date(" 2024-05-02T10:00:00+03:00 ") == "2024-05-02"
    assert _iso_date("2024-05-02") == "2024-05-02"
    assert _iso_date("2024-02-30") is None
    assert _iso_date("20240502") is None  # only the dashed form, whatever Python reads
    assert _iso_date(None) is None
