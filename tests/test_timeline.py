"""The timeline page: registry facts tagged ``timeline``, in date order, at their real precision,
with sphinx-timeline's measured problems worked around (dependencies, partial dates, template errors)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import build_reading, copy_project

from checks.project import Project
from checks.sphinx_ext.timeline import events


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project("timeline", tmp_path)




def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def timeline_entries(html: str) -> list[tuple[str, str]]:
    """(data-dt, visible date) of each timeline entry, in page order."""
    return re.findall(r'class="tl-item[^"]*" data-dt="([^"]+)">.*?<span class="fact-ref[^>]*>([^<]+)</span>',
                       html, re.S)


def test_events_start_on_the_earliest_day_and_show_house_style(project):
    reg = Project(project).load_registry()
    data = events(reg)
    assert [(e["id"], e["start"], e["when"]) for e in data] == [
        ("founding-party", "1945-01-01", "1945"),
        ("conference-2", "1966-10-01", "October 1966"),
        ("congress-6", "1980-10-10", "10\u201314 October 1980"),
        ("congress-7", "2016-05-06", "6\u20139 May 2016"),
    ]
    # Markdown in a label is escaped, not interpreted.
    assert data[-1]["title"] == r"7th Congress of the \*WPK\*"


def test_timeline_page_in_date_order_at_real_precision(make_app, project):
    _, warnings = build_reading(make_app, project, fresh=True)
    assert "WARNING" not in warnings, warnings
    html = (project / "docs/_build/html/timeline.html").read_text()
    assert timeline_entries(html) == [
        ("1945", "1945"), ("1966-10", "October 1966"), ("1980-10-10/1980-10-14", "10\u201314 October 1980"),
        ("2016-05-06/2016-05-09", "6\u20139 May 2016")]
    # A year-only fact is never shown (or stamped) as 1 January.
    assert "Jan" not in html and "1945-01-01" not in html
    # Untagged facts stay off the timeline.
    assert "fact-congress-5" not in html and "5th Congress" not in html
    # Each entry's date links to its fact, whose card gives the sources: they are not repeated
    # under every entry.
    assert 'href="facts.html#fact-founding-party"' in html
    assert "Sources:" not in html and 'href="facts.html#source-' not in html
    assert '<ol class="timeline-none fact-timeline">' in html
    # The facts page links back to the timeline.
    assert 'href="timeline.html#ref-congress-6-' in (project / "docs/_build/html/facts.html").read_text()


def test_editing_a_timeline_fact_rereads_the_timeline_and_an_unrelated_edit_does_not(make_app, project):
    facts = project / "facts/facts.yaml"
    first, _ = build_reading(make_app, project)
    assert "timeline" in first and "sub/events" in first
    # Nothing changed: nothing re-read (the package alone re-read sub/events on every build).
    assert build_reading(make_app, project)[0] == []
    # A timeline fact changed: the timeline (and the facts page) are re-read.
    edit(facts, "date: 1966-10\n", "date: 1966-10-05\n")
    assert build_reading(make_app, project)[0] == ["facts", "timeline"]
    assert "5 October 1966" in (project / "docs/_build/html/timeline.html").read_text()
    # An unrelated fact changed: the timeline is not re-read.
    edit(facts, "label: Kim Il Sung", "label: Kim Il Sung, leader")
    assert build_reading(make_app, project)[0] == ["facts", "history"]
    # A fact newly tagged for the timeline: the timeline is re-read and shows it.
    edit(facts, "  label: 5th Congress\n", "  label: 5th Congress\n  tags: [timeline]\n")
    assert build_reading(make_app, project)[0] == ["facts", "timeline"]
    assert "2\u201313 November 1970" in (project / "docs/_build/html/timeline.html").read_text()
    # The plain {timeline}'s events file, next to a page in a sub-folder, is a real dependency.
    edit(project / "docs/sub/events.yaml", "name: Congress opens", "name: The Congress opens")
    assert build_reading(make_app, project)[0] == ["sub/events"]


def test_events_file_dependency_is_noted_relative_to_the_source_folder(make_app, project):
    app = make_app("html", srcdir=project / "docs", freshenv=True)
    try:
        app.build()
        deps = {Path(p) for p in app.env.dependencies["sub/events"]}
    finally:
        app.cleanup()
    right = (project / "docs/sub/events.yaml").resolve()
    wrong = project / "docs/events.yaml"  # where the package's own note pointed: a missing file
    assert right in {p.resolve() for p in deps}
    assert wrong not in deps


def test_template_errors_warn_at_the_directive_instead_of_crashing(make_app, project):
    docs = project / "docs"
    (docs / "broken.md").write_text(
        "# Broken\n\nIntro.\n\n```{timeline}\n- start: 2016-05-06\n  name: x\n---\n{{ e.name \n```\n")
    (docs / "broken.j2").write_text("{% if e.id %}{{ e.when }}\n")  # unclosed block
    (docs / "broken-facts.md").write_text("# Broken facts\n\n```{fact-timeline}\n:template: broken.j2\n```\n")
    edit(docs / "index.md", "facts\n```", "facts\nbroken\nbroken-facts\n```")
    read, warnings = build_reading(make_app, project, fresh=True)
    assert "broken" in read and "timeline" in read  # the build went on
    lines = [w for w in warnings.splitlines() if "timeline template error" in w]
    assert len(lines) == 2, warnings
    assert any("broken.md:5" in w and "[factcheck.timeline.template]" in w for w in lines), lines
    assert any("broken-facts.md:3" in w for w in lines), lines
    assert (docs / "_build/html/timeline.html").exists()


def test_a_good_custom_template_is_used(make_app, project):
    docs = project / "docs"
    (docs / "mine.j2").write_text("{{ e.when }} ({{ e.precision }}): {{ e.title }}\n")
    edit(docs / "timeline.md", "```{fact-timeline}\n", "```{fact-timeline}\n:template: mine.j2\n")
    _, warnings = build_reading(make_app, project, fresh=True)
    assert "WARNING" not in warnings, warnings
    html = (docs / "_build/html/timeline.html").read_text()
    assert "1945 (year): Founding of the party" in html
    assert "October 1966 (month): 2nd Party Conference" in html


def test_partial_dates_in_a_plain_timeline_warn_in_one_line(make_app, project):
    """The package itself rejects `start: 1980`; it must be a located warning, not a crash."""
    edit(project / "docs/sub/events.yaml", "start: 1980-10-10", "start: 1980")
    _, warnings = build_reading(make_app, project, fresh=True)
    lines = [w for w in warnings.splitlines() if "error parsing 'start'" in w]
    assert len(lines) == 1 and "sub/events.md" in lines[0], warnings


def test_a_tagged_fact_without_a_date_is_reported_at_its_line(make_app, project):
    edit(project / "facts/facts.yaml", "  label: Kim Il Sung\n", "  label: Kim Il Sung\n  tags: [timeline]\n")
    _, warnings = build_reading(make_app, project, fresh=True)
    lines = [w for w in warnings.splitlines() if "has no date" in w]
    assert len(lines) == 1 and "facts.yaml:" in lines[0] and "kim-il-sung" in lines[0], warnings


def test_outside_html_the_timeline_is_a_plain_dated_list(make_app, project):
    _, warnings = build_reading(make_app, project, builder="text", fresh=True)
    assert "WARNING" not in warnings, warnings
    text = (project / "docs/_build/text/timeline.txt").read_text()
    entries = re.findall(r"^\* \*\*(.+?)\*\* \u2014 (.+)$", text, re.M)
    assert entries == [("1945", "Founding of the party"), ("October 1966", "2nd Party Conference"),
                       ("10\u201314 October 1980", "6th Congress"), ("6\u20139 May 2016", "7th Congress of the *WPK*")]
    assert "Sources:" not in text


CONGRESSES = """- id: congress-4
  kind: event
  label: 4th Congress
  name: 4th Congress of the Party
  date: 1961-09-11/1961-09-18
  sources:
    - source: src-b
      excerpt: "The 4th Congress sat from 11 to 18 September 1961."
  status: verified
  verified: 2026-11-28
  series: congresses
  ordinal: 4
  tags: [timeline]
- id: campaign
  kind: event
  label: A campaign known to have begun in late February
  date: ~2016-02-24/2016-05-02
  sources:
    - source: src-b
      excerpt: "The campaign began on 24 February 2016 and ended on 2 May."
  status: verified
  verified: 2026-11-28
  tags: [timeline]
- id: launch
  kind: event
  label: A launch
  date: 2016-02-07
  sources:
    - source: src-b
      excerpt: "The launch took place on 7 February 2016."
  status: verified
  verified: 2026-11-28
  tags: [timeline]
"""


def test_entries_in_the_order_they_began_grouped_by_period(make_app, project):
    """Each period runs from one member of a series (a congress) to the next; an entry known to have
    begun in late February comes after one of 7 February, and says "late February"."""
    facts = project / "facts/facts.yaml"
    for number, date in ((5, "1970-11-02/1970-11-13"), (6, "1980-10-10/1980-10-14"), (7, "2016-05-06/2016-05-09")):
        edit(facts, f"  date: {date}\n", f"  date: {date}\n  series: congresses\n  ordinal: {number}\n")
    edit(facts, "  label: 5th Congress\n", "  label: 5th Congress\n  tags: [timeline]\n")
    facts.write_text(facts.read_text() + CONGRESSES)
    edit(facts, "  label: 6th Congress\n", "  label: 6th Congress\n  name: 6th Congress of the Party\n")
    edit(project / "docs/timeline.md", "```{fact-timeline}\n", "```{fact-timeline}\n:periods: congresses\n")
    _, warnings = build_reading(make_app, project, fresh=True)
    assert "WARNING" not in warnings, warnings
    html = (project / "docs/_build/html/timeline.html").read_text()
    headings = re.findall(r"<h2>(.+?)<a class=\"headerlink\"", html)
    assert headings == ["Before the 4th Congress, 1945\u20131961", "From the 4th to the 5th Congress, 1961\u20131970",
                        "From the 5th to the 6th Congress, 1970\u20131980", "From the 6th to the 7th Congress, 1980\u20132016",
                        "Since the 7th Congress, 2016"]
    dates = [visible for _, visible in timeline_entries(html)]
    assert dates == ["1945", "11\u201318 September 1961", "October 1966", "2\u201313 November 1970",
                     "10\u201314 October 1980", "7 February 2016", "late February 2016 \u2013 2 May 2016",
                     "6\u20139 May 2016"]
    # The 1966 conference falls between the 4th and 5th congresses.
    assert html.index("From the 4th to the 5th Congress") < html.index("October 1966") < html.index("From the 5th")


def test_an_organisation_is_placed_by_its_founding(project):
    with (project / "facts/facts.yaml").open("a") as fh:
        fh.write("- id: wpk\n  kind: organisation\n  label: The party\n  name: Workers' Party of Korea\n"
                 "  founded: 1949-06\n  sources: [src-b]\n  status: unverified\n  note: Date disputed.\n"
                 "  tags: [timeline]\n")
    data = {e["id"]: e for e in events(Project(project).load_registry())}
    assert (data["wpk"]["start"], data["wpk"]["when"], data["wpk"]["title"]) == (
        "1949-06-01", "June 1949", "Workers' Party of Korea founded")
