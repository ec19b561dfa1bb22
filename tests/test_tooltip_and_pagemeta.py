"""Provenance in the pages: tooltip data on fact references, the as-of line, the correction note,
and the generated facts, sources and corrections listings."""

from __future__ import annotations

import html as htmlmod
import json
import re
from pathlib import Path

import pytest
from conftest import copy_project

from checks.sphinx_ext.tooltip import STATIC


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project("timeline", tmp_path)


def build(make_app, project: Path, builder: str = "html") -> str:
    app = make_app(builder, srcdir=project / "docs", freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    return app._warning.getvalue()


def page(project: Path, name: str, builder: str = "html") -> str:
    return (project / "docs/_build" / builder / name).read_text()


def fact_spans(html: str) -> list[dict[str, str]]:
    spans = re.findall(r'<span class="fact-ref[^"]*"([^>]*)>', html)
    return [{k: htmlmod.unescape(v) for k, v in re.findall(r'(data-fact-[a-z]+)="([^"]*)"', s)} for s in spans]


def test_fact_references_carry_their_provenance(make_app, project):
    warnings = build(make_app, project)
    assert "WARNING" not in warnings, warnings
    index = page(project, "index.html")
    (span,) = fact_spans(index)
    assert span["data-fact-value"] == "6\u20139 May 2016"
    assert span["data-fact-status"] == "verified"
    assert span["data-fact-corrected"] == "true"
    assert json.loads(span["data-fact-sources"]) == [
        {"title": "A report on the Congress", "publisher": "Example Agency", "retrieved": "2026-11-28"},
        {"title": "A history of the party", "publisher": "Example Press", "retrieved": "2026-11-28"}]
    # The link itself stays a link (keyboard-focusable), with a no-script title as fallback.
    assert re.search(r'<a class="reference internal" href="facts.html#fact-congress-7" title="6\u20139 May 2016 '
                     r'\u2014 verified \u2014 A report on the Congress \(Example Agency, retrieved 2026-11-28\)',
                     index)
    # A disputed fact says so; an uncorrected one has no corrected flag.
    timeline = fact_spans(page(project, "timeline.html"))
    assert timeline[0]["data-fact-status"] == "disputed" and "data-fact-corrected" not in timeline[0]
    # Only {fact} references get tooltips: source links do not.
    assert "data-fact-" not in re.sub(r'<span class="fact-ref[^>]*>', "", page(project, "timeline.html"))
    # The script and stylesheet are shipped with the build and loaded by every page; nothing external.
    assert '<script defer="defer" src="_static/factcheck.js"></script>' in index
    assert 'href="_static/factcheck.css"' in index
    assert (project / "docs/_build/html/_static/factcheck.js").read_text() == (STATIC / "factcheck.js").read_text()
    assert not re.search(r'<script[^>]+src="(https?:)?//', index)


def test_tooltip_script_is_accessible():
    """What the script must do for keyboard, screen-reader and touch users (read from its source)."""
    js = (STATIC / "factcheck.js").read_text()
    for needed in ('setAttribute("role", "tooltip")', '"aria-describedby"', '"focus"', '"blur"',
                   '"mouseenter"', '"Escape"', 'pointerType === "touch"', "textContent", 'setAttribute("tabindex", "0")'):
        assert needed in js, needed
    assert "innerHTML" not in js  # data is never parsed as HTML
    css = (STATIC / "factcheck.css").read_text()
    assert ".fact-tooltip[hidden]" in css and "@media print" in css


def test_outside_html_references_have_no_tooltip_markup(make_app, project):
    warnings = build(make_app, project, builder="text")
    assert "WARNING" not in warnings, warnings
    text = page(project, "index.txt", "text")
    assert "The 7th Congress met on 6\u20139 May 2016." in text and "data-fact" not in text


def test_as_of_line_and_correction_note(make_app, project):
    build(make_app, project)
    index = page(project, "index.html")
    assert '<p class="page-as-of">Facts on this page as of <span class="as-of-date">6 May 2016</span>.</p>' in index
    # The note sits under the title and names the corrected fact, its value and what was published.
    note = re.search(r'<div class="fact-corrections-note admonition">(.*?)</div>', index, re.S)
    assert note and index.index("page-as-of") < index.index("fact-corrections-note") < index.index("toctree")
    assert 'href="facts.html#fact-congress-7"' in note.group(1)
    # What was published is shown in the source's own words, not the value the registry read in them.
    assert "6\u20139 May 2016 (Example Press wrote \u201copened on 7 May\u201d)" in note.group(1)
    # history: no as_of in its front matter, and its only fact was never corrected.
    history = page(project, "history.html")
    assert "page-as-of" not in history and "fact-corrections-note" not in history
    # The facts page lists everything: no note there.
    assert "fact-corrections-note" not in page(project, "facts.html")


def test_correcting_a_fact_adds_the_note_to_the_pages_using_it(make_app, project):
    build(make_app, project)
    assert "fact-corrections-note" not in page(project, "history.html")
    facts = project / "facts/facts.yaml"
    facts.write_text(facts.read_text().replace(
        "  name: Kim Il Sung\n",
        "  name: Kim Il Sung\n  superseded:\n    - value: Kim Il-sung Jr\n      source: src-a\n"
        "      reason: No such name.\n"))
    app = make_app("html", srcdir=project / "docs", freshenv=False)
    try:
        app.build()
    finally:
        app.cleanup()
    assert "Example Agency gave Kim Il-sung Jr" in page(project, "history.html")


def test_a_bad_as_of_date_is_a_one_line_warning(make_app, project):
    index = project / "docs/index.md"
    index.write_text(index.read_text().replace("as_of: 2016-05-06", "as_of: 6 May 2016"))
    warnings = build(make_app, project)
    lines = [w for w in warnings.splitlines() if "as_of" in w]
    assert len(lines) == 1 and "index.md:2" in lines[0] and "[factcheck.page.as-of]" in lines[0], warnings
    assert "page-as-of" not in page(project, "index.html")


def test_facts_sources_and_corrections_listings(make_app, project):
    build(make_app, project)
    facts = page(project, "facts.html")
    entry = facts[facts.index('id="fact-congress-7"'):facts.index('id="fact-founding-party"')]
    for label in ("Value", "Precision", "Status", "Last verified", "Sources", "Corrected", "Used on"):
        assert f">{label}<" in entry, label
    assert "to the day" in entry and "2026-11-28" in entry and 'href="#source-src-a"' in entry
    assert "Example Press wrote \u201copened on 7 May\u201d (recorded as 7 May 2016). It opened on 6 May." in entry
    assert 'href="index.html#ref-congress-7-0"' in entry and 'href="timeline.html#ref-congress-7-' in entry
    # Sources: each once, with the facts citing it.
    assert facts.count('id="source-src-b"') == 1
    sources = facts[facts.index('class="source-index'):]
    assert sources.count('class="source-entry"') == 3
    # src-a and src-b support facts; the Q&A only gave values that were corrected.
    assert sources.count("Supports:") == 2
    # Corrections: generated from superseded values, each with its anchor.
    for anchor in ("correction-congress-5-1", "correction-congress-5-2", "correction-congress-7-1",
                   "correction-speech-living-standards-1"):
        assert facts.count(f'id="{anchor}"') == 1, anchor
