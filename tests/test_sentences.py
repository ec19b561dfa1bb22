"""Sentences of a page's prose, with every offset mapped back to its line and column in the source."""

from __future__ import annotations

from conftest import MYST

from checks.pages.extract import extract_draft, extract_page, extract_plain_text
from checks.pages.sentences import page_sentences

PAGE = """\
---
as_of: 2016-05-06
---
# The *7th* Congress

The {fact}`7th Congress <congress-7>` of the {fact}`wpk` opened in Pyongyang on
{fact}`6 May 2016 <congress-7>`. It was the first in 36 years (since Oct. 1980). Kim Jong Un,
b. 1984, spoke for the U.N.'s benefit. See `factcheck` and {nofact}`six questions`.

- A list item. With two sentences.
"""


def _sentences(text: str = PAGE):
    page = extract_page(text, "docs/p.md", "p", MYST)
    return page, page_sentences(page)


def test_sentences_are_split_at_their_ends_not_at_abbreviations_or_lines():
    _, sentences = _sentences()
    assert [s.text.strip() for s in sentences] == [
        "The 7th Congress",
        "The 7th Congress of the wpk opened in Pyongyang on 6 May 2016.",
        "It was the first in 36 years (since Oct. 1980).",
        "Kim Jong Un, b. 1984, spoke for the U.N.'s benefit.",
        "See   and six questions.",
        "A list item.",
        "With two sentences.",
    ]


def test_every_offset_maps_to_its_line_and_column():
    page, sentences = _sentences()
    lines = PAGE.splitlines()
    checked = 0
    for sentence in sentences:
        for word in ("Pyongyang", "1980", "spoke", "benefit", "item", "sentences", "Congress"):
            offset = sentence.text.find(word)
            if offset < 0:
                continue
            where = sentence.location(offset)
            assert lines[where.line - 1][where.column - 1:where.column - 1 + len(word)] == word, (word, where)
            checked += 1
    assert checked >= 7


def test_references_keep_their_place_and_stay_whole():
    _, sentences = _sentences()
    second = sentences[1]
    refs = [(second.text[r.start:r.end], r.reference.fact_id) for r in second.references]
    assert refs == [("7th Congress", "congress-7"), ("wpk", "wpk"), ("6 May 2016", "congress-7")]
    date = second.text.find("6 May 2016")
    assert (second.location(date).line, second.location(date).column) == (7, 8)


def test_nofact_and_code_are_skipped_spans():
    _, sentences = _sentences()
    see = sentences[4]
    assert [see.text[a:b] for a, b in see.skipped] == [" ", "six questions"]


def test_a_heading_is_one_sentence():
    _, sentences = _sentences("# Why? The congress. Matters\n")
    assert [s.text for s in sentences] == ["Why? The congress. Matters"]


def test_plain_text_is_read_paragraph_by_paragraph_with_columns():
    text = "Kim Il Sung died in 1996.\n\n  The 4th Congress met\n  in 1965. It was big.\n"
    page = extract_plain_text(text, "release.txt", "release")
    sentences = page_sentences(page)
    assert [s.text.strip() for s in sentences] == ["Kim Il Sung died in 1996.", "The 4th Congress met in 1965.",
                                                   "It was big."]
    where = sentences[1].location(sentences[1].text.find("1965"))
    assert (where.line, where.column) == (4, 6)
    assert [r.location.line for r in page.runs] == [1, 3]


def test_a_draft_is_read_as_markdown_or_as_plain_text_by_its_suffix():
    text = "    Indented: code in Markdown, prose in plain text.\n"
    assert page_sentences(extract_draft(text, "a.md", MYST)) == []
    assert [s.text for s in page_sentences(extract_draft(text, "a.txt", MYST))] == [
        "Indented: code in Markdown, prose in plain text."]
