"""Registry dates: EDTF parsing, bounds that agree with the edtf package, house-style rendering."""

from __future__ import annotations

import datetime as dt

import pytest
from edtf import parse_edtf, struct_time_to_date

from checks.registry.dates import (
    InvalidDate,
    _edtf_bounds,
    _plain_bounds,
    parse_fact_date,
)


def edtf_package_bounds(text: str) -> tuple[dt.date, dt.date]:
    parsed = parse_edtf(text)
    return struct_time_to_date(parsed.lower_strict()), struct_time_to_date(parsed.upper_strict())


PLAIN = ["1945", "1980-10", "1980-02", "2000-02", "1900-02", "2016-02", "1948-09-09", "2016-02-29",
         "1999-12-31", "2016-05-06"]


@pytest.mark.parametrize("text", PLAIN)
def test_plain_bounds_equal_the_edtf_package(text):
    assert _plain_bounds(text) == edtf_package_bounds(text)


@pytest.mark.parametrize("text", ["1980-13", "1980-02-30", "1980-00", "1980-10-00", "1980-10-32"])
def test_invalid_calendar_dates_are_refused_like_the_edtf_package(text):
    with pytest.raises(InvalidDate):
        parse_fact_date(text)
    with pytest.raises(Exception):  # noqa: B017 -- the edtf package raises its own, varying types
        parse_edtf(text)


def test_no_29_february_outside_leap_years():
    # stricter than the edtf package 5.0, which accepts 2015-02-29
    with pytest.raises(InvalidDate, match="check the month and day"):
        parse_fact_date("2015-02-29")
    assert parse_fact_date("2016-02-29").lower == dt.date(2016, 2, 29)


@pytest.mark.parametrize("text", ["1946-08?", "~1980", "1980-10~"])
def test_qualified_dates_use_the_edtf_package(text):
    date = parse_fact_date(text)
    assert (date.lower, date.upper) == _edtf_bounds(text) == edtf_package_bounds(text)


@pytest.mark.parametrize("text,house", [
    ("1980", "1980"),
    ("1980-10", "October 1980"),
    ("1980-10-10", "10 October 1980"),
    ("2016-05-06/2016-05-09", "6\u20139 May 2016"),
    ("2016-02-24/2016-05-02", "24 February \u2013 2 May 2016"),
    ("1994/1998", "1994\u20131998"),
    ("2016-02/2016-05-02", "February 2016 \u2013 2 May 2016"),
    ("~1980", "about 1980"),
    ("1946-08?", "probably August 1946"),
])
def test_house_style(text, house):
    assert parse_fact_date(text).house_style() == house


def test_year_precision_is_never_shown_as_first_of_january():
    date = parse_fact_date("1980")
    assert date.precision == "year" and "1 January" not in date.house_style()


@pytest.mark.parametrize("text", ["May 2016", "1980-1-1", "16-05-06", "2016/05/06", "../1950", "2016-05-06T10:00"])
def test_unaccepted_forms_say_what_to_write(text):
    with pytest.raises(InvalidDate, match="write YYYY"):
        parse_fact_date(text)
