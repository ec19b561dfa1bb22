"""Re-checking a page as it is typed (the language server) gives exactly what a fresh check gives.

The server re-extracts only the blocks of a page an edit touched and keeps each paragraph's
readings and findings per registry (benchmarks/lsp_latency.py measures how much that saves);
these tests hold the results to those of a page extracted and checked from scratch: edits at
random over every page of the explainer (markup included: fences, lists, front matter, roles),
the errors planted by tests/test_explainer_mutations.py, and a generated project.
"""

from __future__ import annotations

import copy
import random
import sys
from pathlib import Path

import pytest
from test_explainer_mutations import PAGE_CASES

from checks.core.findings import Finding, Location
from checks.engine import check_page, without_cascade
from checks.lsp.state import ProjectState
from checks.pages.extract import extract, extract_page, re_extract
from checks.pages.model import Page, Paragraph
from checks.pages.sentences import ByParagraph

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
from generate import generate  # noqa: E402

# What an edit may write: markup that changes which blocks a page has, and plain typing.
SNIPPETS = [
    "```", "```{note}", ":::", ":::{note}", "---", "- item", "1. one", "2. two", "> quoted", "",
    "    indented code", "[label]: https://example.org", "[^1]: a note", "| a | b |", "|---|---|",
    "Term", ": definition", "# Heading", "===", "<div>", "</div>", "{fact}`May 2016 <congress-7>`",
    "{fact}`unclosed", "`code`", "\u201cquoted\u201d", "  - nested", "+++", "% comment", "(target)=",
    "\\", "&amp;", "*emphasis*", "{nofact}`1 May`",
]
TYPED = [" indeed", "x", "`", "{fact}`", "*", "[", "]", ":", "<", ">", "-", "1980"]


def edit(text: str, rng: random.Random) -> str:
    """``text`` after one edit at random: mostly typing or deleting within a line (as keystrokes
    do), sometimes a line replaced, added or removed."""
    lines = text.split("\n")
    n = rng.randrange(len(lines))
    roll = rng.random()
    if roll < 0.5:
        at = rng.randint(0, len(lines[n]))
        lines[n] = lines[n][:at] + rng.choice(TYPED + SNIPPETS) + lines[n][at:]
    elif roll < 0.65 and lines[n]:
        at = rng.randrange(len(lines[n]))
        lines[n] = lines[n][:at] + lines[n][at + rng.randint(1, 8):]
    elif roll < 0.9:
        lines[n] = rng.choice(SNIPPETS)
    elif roll < 0.95:
        lines.insert(n, rng.choice(SNIPPETS))
    else:
        del lines[n]
    return "\n".join(lines)


def everything(page: Page) -> tuple[object, ...]:
    """A page with what comparing pages leaves out too: where each text's characters lie
    (anchors) and where each reference ends."""
    references = [*page.references, *(ref for p in page.paragraphs for _, _, ref in p.references)]
    return (page, [(ref.anchors, ref.location.end_line, ref.location.end_column) for ref in references],
            [run.anchors for run in (*page.runs, *page.not_claims, *page.phrases)])


@pytest.fixture(scope="module")
def state() -> ProjectState:
    state = ProjectState(REPO)
    state.apply(state.load_registry({}))
    state.apply_pages(state.read_pages())
    assert state.load is not None and not state.load.errors
    return state


@pytest.mark.parametrize("rel", sorted(p.relative_to(REPO).as_posix() for p in (REPO / "docs").glob("*.md")))
def test_re_extraction_after_edits_equals_a_fresh_extraction(state, rel):
    rng = random.Random(rel)
    text = state.page_texts[rel]
    extraction = extract(text, rel, state.pages[rel].docname, state.extensions)
    for _ in range(40):
        text = edit(text, rng)
        extraction = re_extract(extraction, text)
        fresh = extract_page(text, rel, state.pages[rel].docname, state.extensions)
        assert everything(extraction.page) == everything(fresh), text


def test_typing_in_a_line_re_reads_only_the_block_it_is_in(state):
    rel = "docs/why-the-7th-congress-matters.md"
    text = state.page_texts[rel]
    before = extract(text, rel, "why-the-7th-congress-matters", state.extensions)
    lines = text.split("\n")
    typed_at = next(n for n, line in enumerate(lines) if n > 20 and len(line) > 40 and line[0].isalpha())
    lines[typed_at] += " indeed"
    after = re_extract(before, "\n".join(lines))
    assert after.reusable
    assert [b for b in after.blocks if not any(b is old for old in before.blocks)] == \
        [b for b in after.blocks if b.start <= typed_at < b.end]
    assert everything(after.page) == everything(extract_page("\n".join(lines), rel, "why-the-7th-congress-matters",
                                                            state.extensions))


def fresh_findings(state: ProjectState, rel: str, text: str) -> list[Finding]:
    """The findings of ``text`` as a first check gives them: against a copy of the registry (a
    registry of its own, so its indexes are built and its paragraphs read anew) with the page
    extracted whole."""
    assert state.registry is not None
    registry = copy.copy(state.registry)
    return without_cascade(check_page(registry, extract_page(text, rel, state.pages[rel].docname, state.extensions)),
                           frozenset())


def test_planted_errors_rechecked_warm_are_those_of_a_fresh_check(state):
    for rel in {case[0] for case in PAGE_CASES}:
        state.page_findings(rel)  # warm: the page's paragraphs read, its blocks kept
    for rel, old, new, code in PAGE_CASES:
        original = state.page_texts[rel]
        state.set_page(rel, original.replace(old, new, 1))
        warm = state.page_findings(rel)
        assert code in [f.code.code for f in warm]  # the planted error is found
        assert warm == fresh_findings(state, rel, state.page_texts[rel])
        state.set_page(rel, original)  # typed back: the first check's findings again
        assert state.page_findings(rel) == fresh_findings(state, rel, original)


def test_random_edits_rechecked_warm_are_those_of_a_fresh_check(state):
    rng = random.Random(15)
    for rel in ["docs/what-is-the-congress.md", "docs/congress-and-conference.md", "docs/after-the-congress.md"]:
        original = state.page_texts[rel]
        for _ in range(5):
            state.set_page(rel, edit(state.page_texts[rel], rng))
            assert state.page_findings(rel) == fresh_findings(state, rel, state.page_texts[rel])
        state.set_page(rel, original)


def test_a_generated_project_rechecked_warm_gives_the_fresh_findings(tmp_path):
    root = tmp_path / "generated"
    generate(root, 8, 120)
    state = ProjectState(root)
    state.apply(state.load_registry({}))
    state.apply_pages(state.read_pages())
    rng = random.Random(14)
    total = 0
    for rel in sorted(state.pages):
        state.page_findings(rel)
        for _ in range(4):
            state.set_page(rel, edit(state.page_texts[rel], rng))
            warm = state.page_findings(rel)
            assert warm == fresh_findings(state, rel, state.page_texts[rel])
            total += len(warm)
    assert total  # the generated pages plant errors: the comparison is not of empty lists


def test_paragraphs_equal_in_value_share_what_is_kept_and_the_oldest_go_first():
    kept: ByParagraph[str] = ByParagraph(limit=2)
    computed: list[str] = []

    def compute(paragraph: Paragraph) -> str:
        computed.append(paragraph.text)
        return paragraph.text.upper()

    def para(text: str, line: int = 1) -> Paragraph:
        return Paragraph(text=text, location=Location("docs/p.md", line))

    assert kept.get(para("one"), compute) == "ONE"
    assert kept.get(para("one"), compute) == "ONE"  # an equal paragraph (a new object): kept
    assert kept.get(para("one", line=2), compute) == "ONE"  # moved down a line: read again
    assert computed == ["one", "one"]
    kept.get(para("two"), compute)  # a third paragraph: the least recently used goes
    assert len(kept) == 2
    kept.get(para("one", line=2), compute)
    kept.get(para("one"), compute)
    assert computed == ["one", "one", "two", "one"]
