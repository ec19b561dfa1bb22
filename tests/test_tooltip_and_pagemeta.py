"""What a reader gets around the facts: provenance on each reference (status only where the value is
uncertain, statement by statement), the dateline under a title and nothing else before the first
paragraph, corrections beside the passage that discusses them, and the generated facts, sources and
corrections listings."""

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


def build(make_app, project: Path, builder: str = "html", fresh: bool = True) -> str:
    app = make_app(builder, srcdir=project / "docs", freshenv=fresh)
    try:
        app.build()
    finally:
        app.cleanup()
    return app._warning.getvalue()


def page(project: Path, name: str, builder: str = "html") -> str:
    return (project / "docs/_build" / builder / name).read_text()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def fact_spans(html: str) -> list[dict[str, str]]:
    spans = re.findall(r'<span class="(fact-ref[^"]*)"([^>]*)>', html)
    return [{"class": cls, **{k: htmlmod.unescape(v) for k, v in re.findall(r'(data-fact-[a-z]+)="([^"]*)"', attrs)}}
            for cls, attrs in spans]


def body_of(html: str) -> str:
    """The article: from the page title to the end of the page's text."""
    start = html.index("<h1")
    ends = [html.find(marker, start) for marker in ("<footer", 'class="footer"', 'class="sphinxsidebar"')]
    return html[start:min(e for e in ends if e > 0)]


ORGANISATION = """- id: wpk
  kind: organisation
  label: The ruling party
  name: Workers' Party of Korea
  founded: 1949-06
  sources:
    - source: src-b
      excerpt: "The Workers' Party of Korea was formed in June 1949."
  status: verified
  verified: 2026-11-28
  status_of: {founded: disputed}
  note: The party dates its founding to 1945.
  tags: [timeline]
"""


def test_fact_references_carry_their_provenance(make_app, project):
    warnings = build(make_app, project)
    assert "WARNING" not in warnings, warnings
    index = page(project, "index.html")
    (span,) = fact_spans(index)
    assert span["data-fact-value"] == "6\u20139 May 2016"
    assert span["data-fact-status"] == "verified" and "fact-uncertain" not in span["class"]
    assert "data-fact-note" not in span  # the reason for a status is shown only for an uncertain value
    assert json.loads(span["data-fact-corrections"]) == [{"publisher": "Example Press", "value": "7 May 2016"}]
    assert json.loads(span["data-fact-sources"]) == [
        {"title": "A report on the Congress", "publisher": "Example Agency", "retrieved": "2026-11-28",
         "excerpt": "The Congress opened on 6 May 2016 and closed on 9 May."},
        {"title": "A history of the party", "publisher": "Example Press", "retrieved": "2026-11-28",
         "excerpt": "It sat from 6 to 9 May 2016."}]
    # The link reads as text (class fact-link) and stays a link (keyboard-focusable, no-script title).
    assert re.search(r'<a class="fact-link reference internal" href="facts.html#fact-congress-7" title="6\u20139 '
                     r'May 2016 \u2014 A report on the Congress \(Example Agency, retrieved 2026-11-28\)', index)
    # A disputed value says so, with the reason; it carries the "?" mark's class.
    founding = next(s for s in fact_spans(page(project, "timeline.html")) if s["data-fact-value"] == "1945")
    assert founding["data-fact-status"] == "disputed" and "fact-uncertain" in founding["class"]
    assert founding["data-fact-note"] == "Sources give 1945 or 1949." and "data-fact-corrected" not in founding
    # Only {fact} references get cards: source links do not.
    assert "data-fact-" not in re.sub(r'<span class="fact-ref[^>]*>', "", page(project, "timeline.html"))
    # The script and stylesheet are shipped with the build and loaded by every page; nothing external.
    assert '<script defer="defer" src="_static/factcheck.js"></script>' in index
    assert 'href="_static/factcheck.css"' in index
    assert (project / "docs/_build/html/_static/factcheck.js").read_text() == (STATIC / "factcheck.js").read_text()
    assert not re.search(r'<script[^>]+src="(https?:)?//', index)


def test_status_is_per_statement(make_app, project):
    """The party's name is verified though its founding date is disputed: a reference to the name is
    plain, the timeline's founding date is marked and explained."""
    with (project / "facts/facts.yaml").open("a") as fh:
        fh.write(ORGANISATION)
    edit(project / "docs/history.md", "{fact}`kim-il-sung`.", "{fact}`kim-il-sung` of the {fact}`wpk`.")
    warnings = build(make_app, project)
    assert "WARNING" not in warnings, warnings
    (name,) = [s for s in fact_spans(page(project, "history.html")) if s["data-fact-value"] == "Workers' Party of Korea"]
    assert name["data-fact-status"] == "verified" and "fact-uncertain" not in name["class"]
    assert "data-fact-note" not in name
    (founded,) = [s for s in fact_spans(page(project, "timeline.html")) if "June 1949" in s["data-fact-value"]]
    assert founded["data-fact-value"] == "Founded in June 1949"
    assert founded["data-fact-status"] == "disputed" and "fact-uncertain" in founded["class"]
    assert founded["data-fact-note"] == "The party dates its founding to 1945."
    facts = page(project, "facts.html")
    entry = facts[facts.index('id="fact-wpk"'):]
    assert "verified; founding date disputed" in entry and "Founded in June 1949 (disputed)." in entry


def test_tooltip_script_is_accessible():
    """What the script must do for keyboard, screen-reader and touch users (read from its source)."""
    js = (STATIC / "factcheck.js").read_text()
    for needed in ('setAttribute("role", "tooltip")', '"aria-describedby"', '"focus"', '"blur"',
                   '"mouseenter"', '"Escape"', 'pointerType === "touch"', "textContent", 'setAttribute("tabindex", "0")',
                   '"aria-expanded"', '"no-search"'):
        assert needed in js, needed
    assert "innerHTML" not in js  # data is never parsed as HTML
    css = (STATIC / "factcheck.css").read_text()
    assert ".fact-tooltip[hidden]" in css and "@media print" in css and "@media (max-width: 40em)" in css


def test_outside_html_references_have_no_tooltip_markup(make_app, project):
    warnings = build(make_app, project, builder="text")
    assert "WARNING" not in warnings, warnings
    text = page(project, "index.txt", "text")
    assert "The 7th Congress met on 6\u20139 May 2016." in text and "data-fact" not in text


def test_nothing_but_the_dateline_between_title_and_first_paragraph(make_app, project):
    build(make_app, project)
    index = body_of(page(project, "index.html"))
    # The page is written as of a day: it says so in one line, right under the title, and the page's
    # own content follows (here its table of contents, then its first paragraph).
    after = index[index.index("</h1>") + len("</h1>"):]
    assert re.match(r'\s*<div class="page-dateline page-as-of no-search docutils container">\s*'
                    r'<p>Written as of <span class="dateline-date">6 May 2016</span>.</p>\s*</div>\s*'
                    r'<div class="toctree-wrapper', after), after[:300]
    # Corrected facts announce nothing at the top: no box, no note.
    assert not re.search(r'class="[^"]*\b(admonition|fact-correction)\b', index)
    # A page neither written as of a day nor listing the registry has no dateline.
    assert "page-dateline" not in page(project, "history.html")
    # The pages that list the registry say when what they list was last checked.
    for name in ("timeline.html", "facts.html"):
        assert "Last checked <span class=\"dateline-date\">28 November 2026</span>." in page(project, name), name


def test_last_checked_from_the_front_matter(make_app, project):
    history = project / "docs/history.md"
    history.write_text("---\nlast_checked: 2026-12-01\n---\n" + history.read_text())
    build(make_app, project)
    assert 'Last checked <span class="dateline-date">1 December 2026</span>.' in page(project, "history.html")


@pytest.mark.parametrize("key", ["as_of", "last_checked"])
def test_a_bad_front_matter_day_is_a_one_line_warning(make_app, project, key):
    index = project / "docs/index.md"
    index.write_text(index.read_text().replace("as_of: 2016-05-06", f"{key}: 6 May 2016"))
    warnings = build(make_app, project)
    lines = [w for w in warnings.splitlines() if key in w]
    assert len(lines) == 1 and "index.md:2" in lines[0] and "[factcheck.page.as-of]" in lines[0], warnings
    assert "page-dateline" not in page(project, "index.html")


def test_a_correction_sits_beside_the_passage_that_discusses_it(make_app, project):
    edit(project / "docs/history.md", "{fact}`kim-il-sung`.\n",
         "{fact}`kim-il-sung`.\n\nOne report had the Congress open a day late.\n\n```{correction} congress-7\n```\n")
    warnings = build(make_app, project)
    assert "WARNING" not in warnings, warnings
    history = body_of(page(project, "history.html"))
    box = re.search(r'<div class="fact-correction no-search docutils container" id="correction-congress-7-1-in-text">'
                    r'(.*?)</div>', history, re.S)
    assert box, history
    text = re.sub(r"<[^>]+>", "", box.group(1))
    # The source's own words and ours, and the way to the evidence.
    assert "Claim \u201copened on 7 May\u201d (Example Press)" in text
    assert "Correction It opened on 6 May." in text
    assert 'href="facts.html#correction-congress-7-1"' in box.group(1)
    # The paragraph comes first, then the box.
    assert history.index("open a day late.</p>") < history.index("fact-correction")
    # Only there: the home page uses the same fact and shows no correction.
    assert not re.search(r'class="[^"]*\bfact-correction\b', page(project, "index.html"))
    # The corrections list links back to the passage.
    facts = page(project, "facts.html")
    entry = facts[facts.index('id="correction-congress-7-1"'):]
    entry = entry[:entry.index("</div>")]
    assert ('Discussed in</strong> <a class="reference internal" href="history.html#correction-congress-7-1-in-text">'
            "History</a>") in entry


def test_misplaced_corrections_warn_at_the_directive(make_app, project):
    edit(project / "docs/history.md", "{fact}`kim-il-sung`.\n",
         "{fact}`kim-il-sung`.\n\n```{correction} kim-il-sung\n```\n\n```{correction} no-such-fact\n```\n\n"
         "```{correction} congress-7\n```\n")
    edit(project / "docs/index.md", "on {fact}`congress-7`.\n", "on {fact}`congress-7`.\n\n```{correction} congress-7\n```\n")
    warnings = build(make_app, project)
    lines = [w for w in warnings.splitlines() if "[factcheck.correction.placement]" in w]
    assert any("history.md:5" in w and "kim-il-sung: the fact records no superseded value" in w for w in lines), lines
    assert any("history.md:8" in w and "no-such-fact: the fact is not in the registry" in w for w in lines), lines
    assert any("index.md:" in w and "congress-7: already placed in history (line 11)" in w for w in lines), lines
    assert len(lines) == 3, lines


def test_editing_a_correction_updates_its_box(make_app, project):
    edit(project / "docs/history.md", "{fact}`kim-il-sung`.\n", "{fact}`kim-il-sung`.\n\n```{correction} congress-7\n```\n")
    build(make_app, project)
    facts = project / "facts/facts.yaml"
    edit(facts, "      reason: It opened on 6 May.\n", "      reason: It opened on 6 May, a Friday.\n")
    build(make_app, project, fresh=False)
    assert "It opened on 6 May, a Friday." in page(project, "history.html")


def test_the_search_index_holds_the_story_not_the_notes(make_app, project):
    edit(project / "docs/history.md", "{fact}`kim-il-sung`.\n",
         "{fact}`kim-il-sung`.\n\n```{correction} congress-7\n```\n")
    build(make_app, project)
    index = (project / "docs/_build/html/searchindex.js").read_text()
    terms = json.loads(re.search(r'"terms":(\{.*?\})', index).group(1))
    assert "found" in terms  # the story ("The founding is not on any timeline page"), stemmed
    for note_word in ("written", "claim", "evid"):  # the dateline's and the boxes' words, stemmed
        assert note_word not in terms, note_word


def test_facts_sources_and_corrections_listings(make_app, project):
    with (project / "facts/facts.yaml").open("a") as fh:
        fh.write("- id: kim-jong-un\n  kind: person\n  label: The leader\n  name: Kim Jong Un\n  born: 1982/1984\n"
                 "  sources:\n    - source: src-b\n      excerpt: \"Kim Jong Un was born in 1982, 1983 or 1984.\"\n"
                 "  status: verified\n  verified: 2026-11-28\n")
    warnings = build(make_app, project)
    assert "WARNING" not in warnings, warnings
    facts = page(project, "facts.html")
    entry = facts[facts.index('id="fact-congress-7"'):facts.index('id="fact-founding-party"')]
    for label in ("Value", "Precision", "Status", "Last verified", "Sources", "Corrected", "Used on"):
        assert f">{label}<" in entry, label
    assert "to the day" in entry and "2026-11-28" in entry and 'href="#source-src-a"' in entry
    # Each source with the words of it that support the value.
    assert "\u201cThe Congress opened on 6 May 2016 and closed on 9 May.\u201d" in entry
    # A correction quotes the source's own words, then ours.
    assert "Example Press wrote \u201copened on 7 May\u201d. It opened on 6 May." in entry
    assert 'href="facts.html#correction-congress-7-1"' in entry or 'href="#correction-congress-7-1"' in entry
    assert 'href="index.html#ref-congress-7-0"' in entry and 'href="timeline.html#ref-congress-7-' in entry
    # A living person: a birth known to three years, in words, and no lifespan.
    person = facts[facts.index('id="fact-kim-jong-un"'):]
    person = person[:person.index("</dl>")]
    assert "Born in 1982, 1983 or 1984." in person
    assert "1982\u20131984" not in person and "Lived" not in person and "died" not in person
    # Sources: each once, numbered in list order, with the facts citing it.
    assert facts.count('id="source-src-b"') == 1
    sources = facts[facts.index('class="arabic source-index'):]
    assert sources.count('class="source-entry"') == 3
    assert sources.count("Supports:") == 2  # the Q&A only gave values that were corrected
    # Corrections: generated from superseded values, each with its anchor, claim and evidence.
    for anchor in ("correction-congress-5-1", "correction-congress-5-2", "correction-congress-7-1",
                   "correction-speech-living-standards-1"):
        assert facts.count(f'id="{anchor}"') == 1, anchor
    correction = facts[facts.index('id="correction-congress-7-1"'):]
    correction = re.sub(r"<[^>]+>", "", correction[:correction.index("</div>")])
    assert "Right date 6\u20139 May 2016." in correction
    assert "Evidence A report on the Congress; A history of the party." in correction
