"""The real explainer: clean under the checks and the strict build, and every year in it is guarded."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from conftest import MYST

from checks.core.text import normalise
from checks.engine import check_project
from checks.pages.extract import extract_page
from checks.project import Project

REPO = Path(__file__).resolve().parent.parent
YEAR = re.compile(r"(?<![\d,.])(1[89]\d\d|20\d\d)(?![\d,])")


@pytest.fixture(scope="module")
def project() -> Project:
    return Project(REPO)


@pytest.fixture(scope="module")
def registry(project):
    return project.load_registry()


@pytest.fixture(scope="module")
def pages(project):
    return project.load_pages()


def test_explainer_has_zero_findings(registry, pages):
    report = check_project(registry, pages)
    assert [f"{f.location}: {f.code.code}: {f.message}" for f in report.findings] == []
    assert report.pages >= 13 and report.references > 150


@pytest.mark.slow
def test_every_year_written_in_a_reference_is_guarded(registry, pages, project):
    """Changing any one year inside any {fact} reference is an error naming that page and line."""
    mutated = 0
    for page in pages:
        source = (REPO / page.path).read_text(encoding="utf-8")
        lines = source.splitlines(keepends=True)
        for ref in page.references:
            if not ref.words or not YEAR.search(ref.words):
                continue
            line_text = lines[ref.location.line - 1]
            original = "{fact}`" + ref.raw + "`"
            assert original in line_text, (page.path, ref.location.line, original)
            for match in YEAR.finditer(ref.words):
                wrong_year = str(int(match.group(1)) + 7)
                words = ref.words[:match.start()] + wrong_year + ref.words[match.end():]
                broken = line_text.replace(original, "{fact}`" + ref.raw.replace(ref.words, words, 1) + "`", 1)
                text = "".join(lines[:ref.location.line - 1] + [broken] + lines[ref.location.line:])
                report = check_project(registry, [extract_page(text, page.path, page.docname, MYST)])
                errors = [(f.location.path, f.location.line) for f in report.findings if f.severity.value == "error"]
                assert (page.path, ref.location.line) in errors, (page.path, ref.location.line, words)
                mutated += 1
    assert mutated >= 30  # the explainer really states many years through references


@pytest.mark.slow
def test_strict_build_has_zero_warnings(explainer_html):
    out = explainer_html.outdir
    assert explainer_html.status == 0, explainer_html.stderr
    assert explainer_html.stderr == ""
    assert (out / "index.html").exists() and (out / "facts.html").exists()
    facts_html = (out / "facts.html").read_text(encoding="utf-8")
    registry = Project(REPO).load_registry()
    missing = [fid for fid in registry.facts if f'id="fact-{fid}"' not in facts_html]
    assert missing == []
    corrections = normalise(html.unescape((out / "corrections.html").read_text(encoding="utf-8")))
    corrected = [fact for fact in registry.facts.values() if fact.superseded]
    assert len(corrected) >= 8
    for fact in corrected:
        assert normalise(fact.label) in corrections, fact.id
