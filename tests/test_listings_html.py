"""The listings written as HTML text are the HTML that Sphinx's writer gives for the same nodes.

The facts and sources pages are written straight to HTML (:mod:`checks.sphinx_ext.listing_html`)
because thousands of entries as docutils nodes cost seconds on every build. Here both ways build the
same project, and the pages, the search index and the inventory must be byte-identical: on the real
explainer (every kind of field: Hangul, spellings, holders, speakers, corrections, notes, back-links,
straight quotes made curly) and on a generated project.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import REPO
from sphinx.cmd.build import build_main

from checks.sphinx_ext import listings

sys.path.insert(0, str(REPO / "benchmarks"))

import generate

COMPARED = ("facts.html", "sources.html", "corrections.html", "index.html", "searchindex.js", "objects.inv")


def build(monkeypatch: pytest.MonkeyPatch, html_as_text: bool, confdir: Path, srcdir: Path, out: Path) -> Path:
    monkeypatch.setattr(listings, "HTML_AS_TEXT", html_as_text)
    status = build_main(["-E", "-q", "-c", str(confdir), "-b", "html", "-d", str(out / "doctrees"),
                         str(srcdir), str(out / "html")])
    assert status == 0
    return out / "html"


def assert_same_pages(text_way: Path, node_way: Path) -> None:
    compared = [name for name in COMPARED if (node_way / name).exists()]
    assert "facts.html" in compared and "searchindex.js" in compared
    for name in compared:
        assert (text_way / name).read_bytes() == (node_way / name).read_bytes(), name


@pytest.mark.slow
def test_the_explainer_listings_are_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    as_text = build(monkeypatch, True, REPO, REPO / "docs", tmp_path / "text")
    as_nodes = build(monkeypatch, False, REPO, REPO / "docs", tmp_path / "nodes")
    assert_same_pages(as_text, as_nodes)
    # the search still finds a fact by its value, and its entry by its anchor
    assert 'id="fact-kim-jong-un"' in (as_text / "facts.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_generated_project_listings_are_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    generate.generate(tmp_path / "project", pages=4, facts=60)
    docs = tmp_path / "project" / "docs"
    as_text = build(monkeypatch, True, docs, docs, tmp_path / "text")
    as_nodes = build(monkeypatch, False, docs, docs, tmp_path / "nodes")
    assert_same_pages(as_text, as_nodes)
