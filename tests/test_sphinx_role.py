"""The {fact} role and the fact domain inside a real Sphinx build of a fixture project."""

from __future__ import annotations

import re


def build(make_app, project, **kwargs):
    app = make_app("html", srcdir=project / "docs", freshenv=True, **kwargs)
    app.build()
    return app


def warnings(app) -> str:
    return app._warning.getvalue()


def test_role_renders_value_and_links_to_facts_page(make_app, basic_project):
    app = build(make_app, basic_project)
    assert warnings(app) == ""
    html = (app.outdir / "index.html").read_text()
    link = re.search(r'<a class="fact-link reference internal" href="facts.html#fact-congress-7" title="([^"]+)">'
                     r'<span class="fact-ref[^"]*"[^>]*id="ref-congress-7-\d+">6\u20139 May 2016</span></a>', html)
    assert link, html
    assert "A report on the Congress" in link.group(1)
    # the author's own words are kept
    assert ">May 6</span></a>" in html


def test_facts_page_lists_every_fact_with_sources_and_uses(make_app, basic_project):
    app = build(make_app, basic_project)
    html = (app.outdir / "facts.html").read_text()
    for fact_id in ("congress-1", "congress-6", "congress-7", "kim-jong-un", "gap-congress-6-7"):
        assert f'id="fact-{fact_id}"' in html
    entry = html.split('id="fact-congress-6"')[1].split('id="fact-congress-7"')[0]
    assert "10\u201314 October 1980" in entry
    assert 'href="#source-src-b"' in entry
    assert 'href="history.html#ref-congress-6-' in entry  # back-link to the place of use
    assert "Example Press wrote \u201copened on 7 May\u201d" in html  # the superseded value, in its own words


def test_mismatch_is_a_typed_warning_at_the_exact_line(make_app, basic_project):
    page = basic_project / "docs" / "index.md"
    page.write_text(page.read_text().replace("{fact}`May 6 <congress-7>`", "{fact}`May 16 <congress-7>`"))
    app = build(make_app, basic_project)
    text = warnings(app)
    # the reference is on line 12, while its paragraph starts on line 11
    assert re.search(r"index\.md:12: WARNING: 'May 16' does not fall within .* \[factcheck\.date\.mismatch\]", text)


def test_unknown_id_warns_with_suggestion(make_app, basic_project):
    page = basic_project / "docs" / "history.md"
    page.write_text(page.read_text().replace("<congress-6>", "<congres-6>"))
    app = build(make_app, basic_project)
    assert re.search(r"history\.md:3: WARNING: unknown fact 'congres-6'; did you mean 'congress-6'\?",
                     warnings(app))


def test_objects_inventory_lists_facts(make_app, basic_project):
    app = build(make_app, basic_project)
    from sphinx.util.inventory import InventoryFile

    with open(app.outdir / "objects.inv", "rb") as f:
        inv = InventoryFile.load(f, "", lambda base, uri: uri)
    assert "congress-7" in inv["fact:fact"]
    assert inv["fact:fact"]["congress-7"].uri.endswith("facts.html#fact-congress-7")


def test_registry_error_is_reported_at_file_and_line(make_app, basic_project):
    (basic_project / "facts" / "facts.yaml").write_text("- id: x\n  kind: event\n  colour: red\n")
    app = build(make_app, basic_project)
    assert re.search(r"facts/facts\.yaml:3: WARNING: unknown key 'colour'", warnings(app))


def test_checks_that_need_every_page_run_in_the_build(make_app, basic_project):
    """coverage.unstated needs all pages' references: the build gathers them as pages are read."""
    with (basic_project / "facts" / "sources.yaml").open("a") as f:
        f.write("- id: claim-congress-1\n  kind: source-claim\n  source: src-b\n"
                "  quote: the first congress met in 1946\n  facts: [congress-1]\n  verdict: correct\n")
    app = build(make_app, basic_project)
    assert re.search(r"facts/sources\.yaml:14: WARNING: source claim claim-congress-1 lists congress-1, but no page "
                     r"references any of them \[factcheck\.coverage\.unstated\]", warnings(app)), warnings(app)
    app.cleanup()
    page = basic_project / "docs" / "history.md"
    page.write_text(page.read_text() + "\nThe first met in {fact}`1946 <congress-1>`.\n")
    app = build(make_app, basic_project)
    assert "coverage.unstated" not in warnings(app)


def test_phrase_role_renders_a_quoted_term_as_written(make_app, basic_project):
    page = basic_project / "docs" / "index.md"
    page.write_text(page.read_text() + "\nThe meeting was dubbed the {phrase}`“Congress of Victors”`.\n")
    app = build(make_app, basic_project)
    assert warnings(app) == ""
    html = (app.outdir / "index.html").read_text()
    assert '<span class="quoted-phrase">\u201cCongress of Victors\u201d</span>' in html
