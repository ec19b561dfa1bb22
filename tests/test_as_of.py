"""A page written as of a day states nothing dated after it, unless a sentence looks ahead
(checks/rules/as_of.py), read sentence by sentence (checks/pages/sentences.py)."""

from __future__ import annotations

import pytest
from prose_registry import FACTS, make_registry, page

from checks.engine import check_page
from checks.pages.sentences import sentences
from checks.rules.as_of import check_as_of

LATER = """\
- id: congress-8
  kind: event
  date: 2021-01-05/2021-01-12
  name: 8th Congress of the Workers' Party of Korea
  label: 8th Congress
  sources: [src-a]
  status: verified
  verified: 2026-11-28
- id: delegates-8
  kind: quantity
  value: 5000
  unit: delegates
  date: 2021-01-05
  of: congress-8
  label: Delegates at the 8th Congress
  sources: [src-a]
  status: verified
  verified: 2026-11-28
"""
AS_OF = "---\nas_of: 2016-05-06\n---\n# A page\n\n"


@pytest.fixture(scope="module")
def registry(tmp_path_factory):
    return make_registry(tmp_path_factory.mktemp("as-of"), facts=FACTS + LATER)


def found(registry, text: str, front: str = AS_OF) -> list[tuple[str, int]]:
    return [(f.code.code, f.location.line) for f in check_as_of(registry, page(front + text))]


@pytest.mark.parametrize("text", [
    "The party held its next congress in {fact}`January 2021 <congress-8>`.\n",
    "The next congress had {fact}`5,000 delegates <delegates-8>`.\n",  # a quantity dated 2021
    "The next congress met in January 2021.\n",                        # a date in plain prose
    "The congress closed on 9 May 2016.\n",                            # three days after the as-of day
])
def test_what_came_after_the_as_of_day_is_an_error(registry, text):
    assert found(registry, text) == [("page.after-as-of", 6)]


@pytest.mark.parametrize("text", [
    "The party would hold its next congress in {fact}`January 2021 <congress-8>`.\n",
    "It went on to hold another in January 2021.\n",
    "Kim Jong Un later became Chairman, and the party met again in 2021.\n",
    "Since then the party has met in {fact}`congress-8`.\n",
    "The congress opened on {fact}`6 May 2016 <congress-7>`, its first in 36 years.\n",
    "It met in 2016, 36 years after 1980.\n",            # a year that has begun is not after the day
    "The Q&A expects “a congress in 2021”.\n",            # someone else's words
    "The {nofact}`2021` figure is not a claim.\n",
])
def test_the_past_and_what_looks_ahead_are_silent(registry, text):
    assert found(registry, text) == []


def test_a_page_without_as_of_is_not_read_for_time(registry):
    assert found(registry, "The party held its 8th Congress in {fact}`January 2021 <congress-8>`.\n",
                 front="# The timeline\n\n") == []


def test_the_sentence_decides_not_the_line(registry):
    # a 'later' in the previous sentence on the same line does not excuse the next one
    assert found(registry, "It later grew. The next congress met in 2021.\n") == [("page.after-as-of", 6)]
    # a sentence that looks ahead on its first line excuses a date on its second
    assert found(registry, "The party would go on, after many years,\nto meet in 2021.\n") == []
    # the finding is at the line of the date, not of the sentence's start
    assert found(registry, "The next congress,\nwhich met in 2021, was larger.\n") == [("page.after-as-of", 7)]


def test_the_finding_names_the_fact_and_the_day(registry):
    text = AS_OF + "The party met again in {fact}`January 2021 <congress-8>`.\n"
    [finding] = [f for f in check_page(registry, page(text)) if f.code.code == "page.after-as-of"]
    assert finding.fact == "congress-8"
    assert "congress-8 is dated 5\u201312 January 2021, after 6 May 2016, the day this page is written as of" \
        in finding.message


def test_sentences_keep_references_and_lines():
    text = ("---\nas_of: 2016-05-06\n---\n# The {fact}`7th Congress <congress-7>`\n\n"
            "It opened on {fact}`6 May\n2016 <congress-7>`. The U.N. said nothing. It was the\n"
            "{phrase}`“Congress of Victors”`.\n")
    split = sentences(page(text))
    assert [s.text.strip() for s in split] == [
        "The 7th Congress", "It opened on 6 May 2016.", "The U.N. said nothing.",
        "It was the\n\u201cCongress of Victors\u201d."]
    assert [s.location.line for s in split] == [4, 6, 7, 7]
    assert [[ref.fact_id for _, _, ref in s.references] for s in split] == [["congress-7"], ["congress-7"], [], []]
    # a sentence's own prose leaves out the references and the marked phrases
    assert split[3].prose().split() == ["It", "was", "the", "."]
