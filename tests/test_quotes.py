"""Quotations in prose, of any length, must match a quotation fact's exact wording or be marked as
a term with {phrase} (checks/rules/quotes.py)."""

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


@pytest.mark.parametrize("quoted,named", [
    (("“Our Party maintains the improvement of the people's living standards as the most important of the "
      "numerous state affairs.”"), "'standards' where the quotation has 'conditions'"),
    ("“Our Party maintains the most important of the numerous state affairs”",
     "leaves out 'the improvement of the people's living conditions as' without an ellipsis"),
    ("“Our Party maintains the very improvement of the people's living conditions”",
     "adds 'very', which the quotation does not have"),
])
def test_a_misquotation_names_the_changed_words_not_the_sentence(registry, quoted, named):
    [f] = check_quotes(registry, page(f"He said {{fact}}`quote-living`:\n{quoted}\n"))
    assert f.message == f"quoted words differ from quote-living: {named}"
    assert EXACT not in f.message  # the whole wording is the suggestion, not the message


def test_a_loose_paraphrase_needs_the_fact_nearby(registry):
    # partial_ratio 71.8: below SIMILARITY, above NEARBY_SIMILARITY
    loose = "“the living conditions of the people are our most important state affair”"
    assert codes(registry, f"Far from any reference he promised {loose}.\n") == ["quote.unattributed"]
    assert codes(registry, f"He said {{fact}}`quote-living`; others report {loose}.\n") == ["quote.mismatch"]


def test_long_unregistered_quotation_is_unattributed(registry):
    text = "Observers wrote that “the congress will change nothing at all for ordinary people in the country”.\n"
    [f] = check_quotes(registry, page(text))
    assert f.code.code == "quote.unattributed"


def test_short_passages_are_checked_too(registry):
    # a term or title in quotation marks is not a quotation: it wants marking
    found = check_quotes(registry, page("His “parallel” line, the “Congress of Victors”.\n"))
    assert [f.code.code for f in found] == ["quote.unattributed", "quote.unattributed"]
    assert found[1].suggestion == "{phrase}`“Congress of Victors”`"


def test_terms_marked_with_phrase_are_silent(registry):
    text = "His {phrase}`“parallel”` line, the {phrase}`“Congress of Victors”`.\n"
    assert codes(registry, text) == []
    assert [p.text for p in page(text).phrases] == ["“parallel”", "“Congress of Victors”"]
    assert page(text).runs[0].text.count("“") == 0  # a phrase is not prose


def test_a_short_fragment_quotes_a_quotation_only_where_the_page_cites_it(registry):
    fragment = "“state affairs”"
    assert codes(registry, f"He spoke of {{fact}}`quote-living`, calling it one of the {fragment}.\n") == []
    # the same two words on a page that cites no quotation are not attributable to anyone
    assert codes(registry, f"He spoke of {fragment}.\n") == ["quote.unattributed"]


def test_a_short_misquotation_next_to_its_quotation_is_a_mismatch(registry):
    # the explainer's own error of this kind: "creative application" for "constructive application"
    [f] = check_quotes(registry, page("He said {fact}`quote-living`, putting\n“living standards” first.\n"))
    assert f.code.code == "quote.mismatch" and f.location.line == 2
    assert f.message == "quoted words differ from quote-living: 'standards' where the quotation has 'conditions'"
    # far from the quotation, or sharing only small words with it, it is not read as a misquotation
    assert codes(registry, "He said {fact}`quote-living`.\n\n\n\n\nHe put “living standards” first.\n") == [
        "quote.unattributed"]
    assert codes(registry, "He said {fact}`quote-living` “of the Congress”.\n") == ["quote.unattributed"]


def test_registered_source_quotes_and_nofact_passages_are_silent(registry):
    # the words of a registered source claim are attributed to that source
    assert codes(registry, "The Q&A expects “some 3,000 delegates will gather in Pyongyang for the first "
                           "congress in decades”.\n") == []
    # {nofact} passages are not prose
    assert codes(registry, "{nofact}`“a few hundred to a thousand people gathered in the hall each time”`\n") == []


def test_reference_form_is_checked_once_by_agreement(registry):
    text = "He said {fact}`“Our Party maintains the people's living standards” <quote-living>`.\n"
    assert [f.code.code for f in check_page(registry, page(text))] == ["quote.mismatch"]


def test_a_misquoted_reference_names_the_changed_words(registry):
    text = "He said {fact}`“Our Party maintains the people's living standards” <quote-living>`.\n"
    [f] = check_page(registry, page(text))
    assert f.message == ("quoted words differ from quote-living: leaves out 'improvement of the' without an "
                         "ellipsis; 'standards' where the quotation has 'conditions'")


def test_a_passage_next_to_an_unresolved_reference_is_not_judged_unattributed(registry):
    # its wording may be in the record that could not be loaded (or behind the mistyped id)
    assert codes(registry, "Its {fact}`byungjin <byungjin-line>` (“parallel”) line.\n") == []
    assert codes(registry, "Its {fact}`byungjin <byungjin-line>` line.\n\n\n\n\nThe “parallel” line.\n") == [
        "quote.unattributed"]
