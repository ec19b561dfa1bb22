"""Text against value: the author's words in a {fact} reference must agree with the fact."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks.core.findings import Location
from checks.pages.agreement import quote_matches
from checks.pages.model import Reference
from checks.project import Project
from checks.rules.references import check_reference

BASIC = Path(__file__).parent / "roots" / "test-basic"


@pytest.fixture(scope="module")
def registry():
    return Project(BASIC).load_registry()


def codes(registry, raw: str) -> list[str]:
    fact_id, words = raw.rsplit("<", 1)[1].rstrip(">"), raw.rsplit("<", 1)[0].strip()
    ref = Reference(fact_id, words or None, raw, Location("docs/index.md", 3))
    return [f.code.code for f in check_reference(registry, ref)]


@pytest.mark.parametrize("words", ["May 6", "6 May 2016", "May 6, 2016", "6\u20139 May 2016", "6-9 May 2016",
                                   "2016", "May 2016", "the 7th Congress", "the seventh Congress", "early in May"])
def test_dates_within_the_fact_are_silent(registry, words):
    assert codes(registry, f"{words} <congress-7>") == []


@pytest.mark.parametrize("words", ["May 10", "5 May 2016", "2015", "June 2016", "6\u201310 May 2016",
                                   "between 2016 and 2017"])
def test_dates_outside_the_fact_are_mismatches(registry, words):
    assert codes(registry, f"{words} <congress-7>") == ["date.mismatch"]


def test_coarser_dates_are_fine_finer_must_fall_within(registry):
    assert codes(registry, "1980 <congress-6>") == []
    assert codes(registry, "October 1980 <congress-6>") == []
    assert codes(registry, "9 October 1980 <congress-6>") == ["date.mismatch"]


def test_a_day_for_a_year_only_fact_is_too_precise(registry):
    assert codes(registry, "1946 <congress-1>") == []
    assert codes(registry, "28 August 1946 <congress-1>") == ["date.too-precise"]
    assert codes(registry, "1947 <congress-1>") == ["date.mismatch"]


def test_ordinal_must_match(registry):
    assert codes(registry, "the 6th Congress <congress-7>") == ["number.mismatch"]


def test_event_reference_that_claims_nothing(registry):
    assert codes(registry, "the meeting <congress-7>") == ["date.missing"]


def test_numbers(registry):
    assert codes(registry, "36 years <gap-congress-6-7>") == []
    assert codes(registry, "thirty-six years <gap-congress-6-7>") == []
    assert codes(registry, "35 years <gap-congress-6-7>") == ["number.mismatch"]
    assert codes(registry, "decades <gap-congress-6-7>") == ["number.mismatch"]


def test_names(registry):
    assert codes(registry, "Kim Jong Un <kim-jong-un>") == []
    assert codes(registry, "Kim Jong Un's <kim-jong-un>") == []
    assert codes(registry, "Kim Jong-un <kim-jong-un>") == ["name.variant"]  # as in prose: one name policy
    assert codes(registry, "Kim Jong Um <kim-jong-un>") == ["name.mismatch"]
    assert codes(registry, "Kim Jong Il <kim-jong-un>") == ["name.mismatch"]


def test_unknown_and_malformed_references(registry):
    ref = Reference("kongress-7", None, "kongress-7", Location("docs/index.md", 3))
    (finding,) = check_reference(registry, ref)
    assert finding.code.code == "ref.unknown" and finding.suggestion == "congress-7"
    bad = Reference("May 6 congress-7", None, "May 6 congress-7", Location("docs/index.md", 3))
    assert [f.code.code for f in check_reference(registry, bad)] == ["ref.malformed"]


def test_finding_points_at_page_and_registry(registry):
    ref = Reference("congress-7", "May 10", "May 10 <congress-7>", Location("docs/index.md", 12))
    (finding,) = check_reference(registry, ref)
    assert str(finding.location) == "docs/index.md:12"
    assert str(finding.related) == "facts/facts.yaml:12"
    assert finding.suggestion == "6\u20139 May 2016"


@pytest.mark.parametrize("written,ok", [
    ("the improvement of people\u2019s living conditions", True),
    ("\u201cthe improvement of people's living conditions\u201d", True),
    ("the improvement \u2026 living conditions", True),
    ("the improvement ... living conditions", True),
    ("the improvement of living conditions", False),  # words left out without an ellipsis
    ("the improvement of people's lives", False),
    ("improve", False),  # not at a word boundary
])
def test_quotations(written, ok):
    exact = "Our Party maintains the improvement of people's living conditions as the most important"
    assert quote_matches(written, exact) is ok


CONSTRUCTIVE = ("The Korean Worker's Party considers Marxism–Leninism and Comrade Kim Il Sung's constructive "
                "application of Marxism–Leninism, the grand “juche” ideology, as its only guiding principles")


@pytest.mark.parametrize("written,differences", [
    ("creative application", ["'creative' where the quotation has 'constructive'"]),
    ("Kim Il Sung's constructive application of Leninism",
     ["'Leninism' where the quotation has 'Marxism–Leninism,'"]),
    ("considers Marxism–Leninism and Kim Il Sung's constructive application",
     ["leaves out 'Comrade' without an ellipsis"]),
    ("considers Marxism–Leninism … constructive application", []),  # the omission is marked
    ("considers Marxism–Leninism and also Comrade Kim", ["adds 'also', which the quotation does not have"]),
    ("constructive application of Marxism–Leninism", []),  # a fragment: the rest is not left out
])
def test_quote_differences_name_the_changed_words(written, differences):
    from checks.pages.agreement import quote_differences
    assert quote_differences(written, CONSTRUCTIVE) == differences
