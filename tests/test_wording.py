"""Dates in words for readers: a moment known within a range is never written as a span, and an
approximate day reads as part of its month."""

from __future__ import annotations

import pytest

from checks.registry.dates import parse_fact_date
from checks.sphinx_ext.wording import moment_in_words


@pytest.mark.parametrize("edtf, words", [
    ("1912-04-15", "on 15 April 1912"),
    ("1949-06", "in June 1949"),
    ("1945", "in 1945"),
    ("1982/1984", "in 1982, 1983 or 1984"),          # an uncertain birth year, not a life of two years
    ("1982/1983", "in 1982 or 1983"),
    ("1930/1940", "between 1930 and 1940"),
    ("2016-02/2016-04", "between February and April 2016"),
    ("2015-11/2016-02", "between November 2015 and February 2016"),
    ("2016-02-23/2016-02-25", "between 23 and 25 February 2016"),
    ("2016-02-23/2016-03-02", "between 23 February and 2 March 2016"),
    ("~2016-02-24", "in late February 2016"),
    ("~2016-02-05", "in early February 2016"),
    ("~2016-02-15", "in mid February 2016"),
    ("1946-08?", "probably in August 1946"),
    ("~1980", "around 1980"),
])
def test_a_moment_in_words(edtf, words):
    assert moment_in_words(parse_fact_date(edtf)) == words


def test_an_approximate_start_reads_as_part_of_its_month():
    assert parse_fact_date("~2016-02-24/2016-05-02").house_style() == "late February 2016 \u2013 2 May 2016"
