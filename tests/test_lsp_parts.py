"""The language server's parts that need no client: reading where completion is asked for, ranking
facts by written words, the links of diagnostics, hover text, finding spans as editor ranges,
the registry overlaid with unsaved text, and ``factcheck lsp`` without its extra installed.
(End-to-end behaviour is in tests/test_lsp.py.)"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import copy_project
from docutils import nodes

from checks.cli import main
from checks.core.codelist import code_anchor, code_rows
from checks.core.findings import Location
from checks.lsp.completion import completion_context, insertion, rank
from checks.lsp.hover import escape, fact_markdown
from checks.lsp.locations import Span, location_span, split_lines
from checks.lsp.server import project_root
from checks.lsp.state import ProjectState


@pytest.fixture(scope="module")
def state(tmp_path_factory) -> ProjectState:
    root = copy_project("lsp", tmp_path_factory.mktemp("lsp"))
    state = ProjectState(root)
    state.apply_pages(state.read_pages())
    state.apply(state.load_registry({}))
    return state


def test_completion_context_inside_the_target_and_after_the_backtick():
    inside = completion_context("met in {fact}`May 2016 <cong")
    assert (inside.typed, inside.words, inside.in_target) == ("cong", "May 2016 ", True)
    after_words = completion_context("About {fact}`3,467 delegates")
    assert (after_words.typed, after_words.words) == ("3,467 delegates", "3,467 delegates")
    assert not after_words.in_target
    # an id being typed: the sentence before the role says what it is about
    after_id = completion_context("The congress opened on {fact}`congr")
    assert (after_id.typed, after_id.words) == ("congr", "The congress opened on ")
    assert completion_context("no role here") is None
    assert completion_context("a closed {fact}`congress-7` and more") is None


def test_ranking_follows_the_written_date_number_and_words(state):
    registry = state.registry
    assert rank(registry, "May 2016")[0].id == "congress-7"
    assert rank(registry, "October 1980")[0].id == "congress-6"
    assert rank(registry, "3,467 delegates")[0].id == "delegates-7"
    assert rank(registry, "the 6th congress")[0].id == "congress-6"
    assert rank(registry, "the leader, Kim Jong")[0].id == "kim-jong-un"
    assert [f.id for f in rank(registry, "", "kim")] == ["kim-jong-un"]
    assert [f.id for f in rank(registry, "")] == sorted(registry.facts)  # nothing said: by id


def test_insertion_writes_the_id_or_the_words_with_it(state):
    fact = state.registry.facts["congress-7"]
    assert insertion(completion_context("{fact}`May 2016 <"), fact) == "congress-7"
    assert insertion(completion_context("{fact}`congr"), fact) == "congress-7"
    assert insertion(completion_context("{fact}`May 2016 "), fact) == "May 2016 <congress-7>"


def test_code_links_point_at_the_rows_of_the_codes_table():
    for row in code_rows():
        assert code_anchor(row.code) == nodes.make_id(f"factcheck-{row.code}")


def test_hover_text_escapes_markdown_in_registry_values(state):
    assert escape("*not* [a](link) `code`") == r"\*not\* \[a\]\(link\) \`code\`"
    text = fact_markdown(state.registry, state.registry.facts["delegates-7"])
    assert text.startswith("**3,467 delegates**")
    assert "“3,467 delegates attended”" in text


def test_spans_of_findings_without_columns_cover_the_written_line():
    lines = split_lines("first\n   an indented line  \nlast")
    assert location_span(Location("p.md", 2), lines) == Span(1, 3, 1, 19)
    assert location_span(Location("p.md", 2, 4), lines) == Span(1, 3, 1, 5)  # the word at the column
    assert location_span(Location("p.md", 2, 4, 2, 12), lines) == Span(1, 3, 1, 11)


def test_unsaved_registry_text_is_loaded_instead_of_the_file(state):
    text = (state.root / "facts/facts.yaml").read_text(encoding="utf-8").replace("value: 3467", "value: 3468")
    result = state.load_registry({"facts/facts.yaml": text})
    assert result.registry.facts["delegates-7"].value == 3468
    broken = state.load_registry({"facts/facts.yaml": "- id: [\n"})
    [error] = broken.errors
    assert error.path == "facts/facts.yaml"
    assert error.line >= 1


def test_a_broken_registry_keeps_the_last_good_one_for_pages(tmp_path):
    state = ProjectState(copy_project("lsp", tmp_path))
    state.apply_pages(state.read_pages())
    good = state.load_registry({})
    state.apply(good)
    state.apply(state.load_registry({"facts/facts.yaml": "- id: [\n"}))
    assert state.registry is good.registry
    assert state.unavailable == frozenset()
    assert state.page_findings("docs/index.md") == []
    # findings of registry files: the load error, on its file
    [invalid] = state.check_whole(state.load, state.referenced())
    assert (invalid.code.code, invalid.location.path) == ("registry.invalid", "facts/facts.yaml")


def test_documents_the_server_checks(state):
    assert state.classify(state.root / "docs/index.md").kind == "page"
    assert state.classify(state.root / "facts/new.yaml").kind == "registry"
    for elsewhere in ("docs/_static/x.md", "docs/conf.py", "README.md", ".git/x.md", "facts/FORMAT.md"):
        assert state.classify(state.root / elsewhere) is None, elsewhere
    assert state.classify(Path("/somewhere/else/docs/index.md")) is None


def test_lsp_without_its_extra_says_how_to_install_it(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "pygls", None)
    for name in [m for m in sys.modules if m.startswith("pygls.") or m == "checks.lsp.server"]:
        monkeypatch.delitem(sys.modules, name)
    assert main(["lsp"]) == 2
    assert "pip install -e '.[lsp]'" in capsys.readouterr().err


def test_the_project_is_found_from_a_folder_inside_it(state, tmp_path):
    assert project_root(state.root / "docs") == state.root
    assert project_root(state.root) == state.root
    assert project_root(tmp_path) == tmp_path  # no project above: the folder itself
