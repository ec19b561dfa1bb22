"""Where a sentence's words are: every offset of a paragraph maps back to its line and column in
the page (Markdown or plain text), so a finding in prose points at the wrong words themselves."""

from __future__ import annotations

from conftest import MYST

from checks.pages.extract import extract_draft, extract_page, extract_plain_text
from checks.pages.sentences import sentences

PAGE = """\
---
as_of: 2016-05-06
---
# The *7th* Congress

The {fact}`7th Congress <congress-7>` of the {fact}`wpk` opened in Pyongyang on
{fact}`6 May 2016 <congress-7>`. It was the first in 36 years (since Oct. 1980). Kim Jong Un,
b. 1984, spoke for the U.N.'s benefit. See `factcheck` and {nofact}`six questions`.

- A list item. With two sentences about the “Arduous March”.
"""


def test_every_word_maps_to_its_line_and_column():
    page = extract_page(PAGE, "docs/p.md", "p", MYST)
    lines = PAGE.splitlines()
    checked = 0
    for sentence in sentences(page):
        for word in ("Pyongyang", "1980", "spoke", "benefit", "item", "sentences", "Congress", "Arduous"):
            offset = sentence.text.find(word)
            if offset < 0:
                continue
            where = sentence.paragraph.location_at(sentence.start + offset)
            assert lines[where.line - 1][where.column - 1:where.column - 1 + len(word)] == word, (word, where)
            checked += 1
    assert checked >= 8


def test_a_reference_maps_to_its_words_in_the_role():
    page = extract_page(PAGE, "docs/p.md", "p", MYST)
    paragraph = page.paragraphs[1]
    start, _, ref = paragraph.references[2]
    assert ref.words == "6 May 2016"
    where = paragraph.location_at(start)
    assert (where.line, where.column) == (7, 8)  # after {fact}`


def test_a_column_after_an_escape_is_still_exact():
    """An escape makes the parser's text differ from the source: the extractor matches the text
    to the source character by character, so the column after it is still exact."""
    page = extract_page("A \\*starred\\* word and 1980.\n", "docs/p.md", "p", MYST)
    paragraph = page.paragraphs[0]
    where = paragraph.location_at(paragraph.text.index("1980"))
    assert (where.line, where.column, str(where)) == (1, 24, "docs/p.md:1:24")


def test_plain_text_is_read_paragraph_by_paragraph_with_columns():
    text = "Kim Il Sung died in 1996.\n\n  The 4th Congress met\n  in 1965. It was big.\n"
    page = extract_plain_text(text, "release.txt", "release")
    found = sentences(page)
    assert [" ".join(s.text.split()) for s in found] == ["Kim Il Sung died in 1996.", "The 4th Congress met in 1965.",
                                                         "It was big."]
    second = found[1]
    where = second.paragraph.location_at(second.start + second.text.index("1965"))
    assert (where.line, where.column) == (4, 6)
    assert [r.location.line for r in page.runs] == [1, 3]


def test_a_draft_is_read_as_markdown_or_as_plain_text_by_its_suffix():
    text = "    Indented: code in Markdown, prose in plain text.\n"
    assert sentences(extract_draft(text, "a.md", MYST)) == []
    assert [s.text for s in sentences(extract_draft(text, "a.txt", MYST))] == [
        "Indented: code in Markdown, prose in plain text."]
