"""Findings point at the exact words: each page finding's location carries the span (line, column,
end) of the words it is about, as the extractor placed them in the source (checks/pages/extract.py,
Location's column, end_line and end_column). Editors underline and replace exactly that."""

from __future__ import annotations

import pytest
from prose_registry import make_registry, page

from checks.core.findings import Location
from checks.engine import check_page


@pytest.fixture(scope="module")
def registry(tmp_path_factory):
    return make_registry(tmp_path_factory.mktemp("spans"))


def spans(registry, text: str) -> list[tuple[str, str]]:
    """(code, the source text under each finding's span)."""
    lines = text.splitlines()
    found = []
    for f in check_page(registry, page(text)):
        loc = f.location
        assert loc.column, f
        if loc.end_line == loc.line:
            under = lines[loc.line - 1][loc.column - 1:loc.end_column - 1]
        else:
            under = "\n".join([lines[loc.line - 1][loc.column - 1:], *lines[loc.line:loc.end_line - 1],
                               lines[loc.end_line - 1][:loc.end_column - 1]])
        found.append((f.code.code, under))
    return found


def test_names_in_prose_are_spanned_after_markup_and_smart_quotes(registry):
    text = ("# Title\n\nThe **party**’s leader, {fact}`Kim Jong Un <kim-jong-un>`, met the "
            "politburo and *Kim Jung Un*.\n")
    assert spans(registry, text) == [("name.capitalisation", "politburo"), ("name.rejected", "Kim Jung Un")]


def test_uncited_claims_are_spanned(registry):
    text = "In 1980 the party met.\nAbout 3,467 delegates came; Kim Il Sung spoke.\n"
    assert sorted(spans(registry, text)) == [("claim.uncited", "1980"), ("claim.uncited", "3,467 delegates"),
                                             ("claim.uncited", "Kim Il Sung")]


def test_reference_problems_point_at_the_wrong_words_inside_the_role(registry):
    text = ("The congress opened on {fact}`6 May 2015 <congress-7>` with "
            "{fact}`3,000 delegates <delegates-7>` and {fact}`Kim Jung Un <kim-jong-un>`.\n")
    assert spans(registry, text) == [("date.mismatch", "6 May 2015"), ("name.mismatch", "Kim Jung Un"),
                                     ("number.mismatch", "3,000")]


def test_unknown_fact_points_at_the_id_and_a_malformed_role_at_the_role(registry):
    text = "It met in {fact}`May 2016 <congres-7>`. Then {fact}`<>` and {fact}`never closed\n"
    found = spans(registry, text)
    assert ("ref.unknown", "congres-7") in found
    assert ("ref.malformed", "{fact}`<>`") in found
    assert ("ref.malformed", "{fact}`never closed") in found


def test_a_role_across_lines_and_the_run_after_it(registry):
    text = "The {fact}`Kim Jung\n  Un <kim-jong-un>`\nmet in 1980.\n"
    assert spans(registry, text) == [("name.mismatch", "Kim Jung\n  Un"), ("claim.uncited", "1980")]
    [_, claim] = check_page(registry, page(text))
    # the run after the role starts on the line below it (it used to be counted from the role's line)
    assert (claim.location.line, claim.location.column) == (3, 8)


def test_escapes_and_entities_keep_later_words_in_place(registry):
    text = "A \\*starred\\* note &amp; then Kim Jung Un spoke in 1980.\n"
    assert sorted(spans(registry, text)) == [("claim.uncited", "1980"), ("name.rejected", "Kim Jung Un")]


def test_inside_a_directive_body(registry):
    text = ":::{note}\nIn 1980 the party met.\n:::\n"
    assert spans(registry, text) == [("claim.uncited", "1980")]


def test_the_end_of_a_span_does_not_change_what_a_finding_is():
    # The start column is part of a location (two slips on one line are two findings); where the
    # words end is not compared, sorted or hashed.
    assert Location("a.md", 3, 1, 3, 5) == Location("a.md", 3, 1)
    assert hash(Location("a.md", 3, 1, 3, 5)) == hash(Location("a.md", 3, 1))
    assert str(Location("a.md", 3, 1, 3, 5)) == "a.md:3:1"
