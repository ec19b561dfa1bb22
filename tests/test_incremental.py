"""Incremental builds: editing one fact re-reads exactly the pages that use it, also with -j 2."""

from __future__ import annotations

import pytest
from conftest import build_reading

FACT_PAGES = {  # extra pages, so that a parallel build really reads in parallel (Sphinx needs > 5)
    "p-congress-1": "congress-1", "p-congress-6": "congress-6", "p-congress-7": "congress-7",
    "p-kim": "kim-jong-un", "p-gap": "gap-congress-6-7", "p-kim-2": "kim-jong-un",
}


def add_pages(project):
    docs = project / "docs"
    for name, fact_id in FACT_PAGES.items():
        (docs / f"{name}.md").write_text(f"# Page {name}\n\nIt cites {{fact}}`{fact_id}`.\n")
    index = docs / "index.md"
    index.write_text(index.read_text().replace("history\nfacts\n", "history\nfacts\n" + "\n".join(FACT_PAGES) + "\n"))


def build_and_record_reads(make_app, project, parallel: int) -> list[str]:
    app = make_app("html", srcdir=project / "docs", freshenv=False, parallel=parallel)
    read: list[str] = []
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    try:
        app.build()
    finally:
        app.cleanup()  # unregister nodes and roles so the next app in this test starts clean
    assert "WARNING" not in app._warning.getvalue(), app._warning.getvalue()
    return sorted(read)


def edit(project, old: str, new: str, file: str = "facts.yaml") -> None:
    path = project / "facts" / file
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


@pytest.mark.parametrize("parallel", [1, 2])
def test_editing_a_fact_rereads_exactly_its_pages(make_app, basic_project, parallel):
    add_pages(basic_project)
    first = build_and_record_reads(make_app, basic_project, parallel)
    assert len(first) == 3 + len(FACT_PAGES)

    # nothing changed: nothing is re-read
    assert build_and_record_reads(make_app, basic_project, parallel) == []

    # congress-6 is used by history, p-congress-6 and listed by the facts page
    edit(basic_project, "1980-10-10/1980-10-14", "1980-10-10/1980-10-15")
    assert build_and_record_reads(make_app, basic_project, parallel) == ["facts", "history", "p-congress-6"]
    (page,) = (basic_project / "docs").rglob("p-congress-6.html")
    assert "10\u201315 October 1980" in page.read_text()

    # kim-jong-un is used by index, p-kim and p-kim-2
    edit(basic_project, "hangul: 김정은", "hangul: 김 정은")  # any edit of its content
    assert build_and_record_reads(make_app, basic_project, parallel) == ["facts", "index", "p-kim", "p-kim-2"]


def test_comment_or_move_rereads_nothing(make_app, basic_project):
    build_and_record_reads(make_app, basic_project, 1)
    path = basic_project / "facts" / "facts.yaml"
    path.write_text("# a comment, and the facts moved down two lines\n\n" + path.read_text())
    assert build_and_record_reads(make_app, basic_project, 1) == []


def test_adding_a_missing_fact_rereads_the_page_that_named_it(make_app, basic_project):
    page = basic_project / "docs" / "history.md"
    page.write_text(page.read_text() + "\nThe founding: {fact}`wpk-founding`.\n")
    app = make_app("html", srcdir=basic_project / "docs", freshenv=True)
    app.build()
    app.cleanup()
    assert "unknown fact 'wpk-founding'" in app._warning.getvalue()
    with (basic_project / "facts" / "facts.yaml").open("a") as f:
        f.write("- id: wpk-founding\n  kind: event\n  label: Founding\n  date: 1945-10-10\n"
                "  sources:\n    - source: src-b\n      excerpt: \"founded on 10 October 1945\"\n"
                "  status: unverified\n")
    assert build_and_record_reads(make_app, basic_project, 1) == ["facts", "history"]



def test_registry_findings_are_reported_on_every_build_and_follow_the_registry(make_app, basic_project):
    """The registry is loaded from a saved copy and its whole-project findings are kept while nothing
    changed: they are still reported on every build, and an edit is seen at once."""
    cited = '  sources:\n    - source: src-b\n      excerpt: "6th Congress: 10–14 October 1980"\n'
    edit(basic_project, cited, "  sources: [src-b]\n")
    first_read, first = build_reading(make_app, basic_project)
    assert first_read and "congress-6 cites 'src-b' without the words" in first
    (basic_project / "docs" / "history.md").touch()  # a build that reads a page checks the whole project
    again_read, again = build_reading(make_app, basic_project)
    assert again_read == ["history"] and "congress-6 cites 'src-b' without the words" in again
    edit(basic_project, "  sources: [src-b]\n", cited)
    fixed_read, fixed = build_reading(make_app, basic_project)
    assert "without the words" not in fixed and "facts" in fixed_read
