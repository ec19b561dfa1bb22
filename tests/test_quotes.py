"""Quotations in prose must match the quotation facts' exact wording (checks/quotes.py)."""

from __future__ import annotations

import pytest
from prose_registry import make_registry, page

from checks.engine import check_page
from checks.rules.quotes import check_quotes

EXACT = "Our Party maintains the improvement of the people's living conditions as the most important of the numerous state affairs."


@pytest.fixture(scope="module")
def registry(tmp_path_factory):
    return make_registry(tmp_path_factory.mktemp("quotes"))


def codes(registry, text: str) -> list[str]:
    return [f.code.code for f in check_quotes(registry, page(text))]


@pytest.mark.parametrize("quoted", [
    f"“{EXACT}”",
    f'"{EXACT}"',                                                     # straight quotes
    "“Our Party maintains the improvement of the people’s living\nconditions”",  # curly apostrophe, line break
    "“the most important of the numerous state affairs”",           # a fragment at word boundaries
    "“Our Party maintains … the most important of the numerous state affairs”",  # omission with an ellipsis
])
def test_exact_quotations_are_silent(registry, quoted):
    assert codes(registry, f"In {{fact}}`quote-living` terms he said {quoted}.\n") == []


@pytest.mark.parametrize("quoted", [
    "“Our Party maintains the improvement of the people's living standards as the most important state affair.”",
    "“Our Party maintains the most important of the numerous state affairs”",  # omission without ellipsis
])
def test_altered_quotations_are_mismatches(registry, quoted):
    [f] = check_quotes(registry, page(f"He said:\n{quoted}\n"))
    assert f.code.code == "quote.mismatch"
    assert f.fact == "quote-living" and f.suggestion == EXACT
    assert f.location.line == 2


def test_a_loose_paraphrase_needs_the_fact_nearby(registry):
    # partial_ratio 71.8: below SIMILARITY, above NEARBY_SIMILARITY
    loose = "“the living conditions of the people are our most important state affair”"
    assert codes(registry, f"Far from any reference he promised {loose}.\n") == ["quote.unattributed"]
    assert codes(registry, f"He said {{fact}}`quote-living`; others report {loose}.\n") == ["quote.mismatch"]


def test_long_unregistered_quotation_is_unattributed(registry):
    text = "Observers wrote that “the congress will change nothing at all for ordinary people in the country”.\n"
    [f] = check_quotes(registry, page(text))
    assert f.code.code == "quote.unattributed"


def test_short_phrases_and_registered_source_quotes_are_silent(registry):
    assert codes(registry, "His “parallel” line, the “Congress of Victors”.\n") == []
    # the words of a registered source claim are attributed to that source
    assert codes(registry, "The Q&A expects “some 3,000 delegates will gather in Pyongyang for the first "
                           "congress in decades”.\n") == []
    # {nofact} passages are not prose
    assert codes(registry, "{nofact}`“a few hundred to a thousand people gathered in the hall each time”`\n") == []


def test_reference_form_is_checked_once_by_agreement(registry):
    text = "He said {fact}`“Our Party maintains the people's living standards” <quote-living>`.\n"
    assert [f.code.code for f in check_page(registry, page(text))] == ["quote.mismatch"]


def test_the_mismatch_names_the_words_that_differ(registry):
    [changed] = check_quotes(registry, page(
        "He said “Our Party maintains the improvement of the people's living standards as the most important "
        "of all the numerous state affairs”.\n"))
    assert changed.message.startswith("quoted words differ from quote-living ('standards' instead of "
                                      "'conditions'; 'all' added): the exact wording is “Our Party")
    [cut] = check_quotes(registry, page("He said “Our Party maintains the most important of the numerous "
                                        "state affairs”.\n"))
    assert "('the improvement of the people's living conditions as' left out (mark a cut with an ellipsis))" \
        in cut.message
    [reference] = check_page(registry, page(
        "He said {fact}`“Our Party maintains the improvement of people's living conditions” <quote-living>`.\n"))
    assert "quote-living ('the' left out (mark a cut with an ellipsis))" in reference.message
