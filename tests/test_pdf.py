"""The PDF: the real explainer built once per session with LuaLaTeX, read back through its text
layer (``pdftotext``), its outline, its metadata and its fonts; a second build must be
byte-identical. It must read as a short book: a title page, a titled introduction, the chapters,
the timeline, the corrections, then the registry as compact tables and the numbered sources, each
source printed once and cited by number; nothing in it tells a reader to hover.

Without LuaLaTeX, its fonts or Poppler these tests are skipped with the command that installs them
(``needs_pdf``, see conftest.py); under CI=true they fail instead.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, ROOTS
from pypdf import PdfReader

from checks.core import buildinfo
from checks.project import Project
from checks.registry.house_style import render_superseded, render_value

PDF_NAME = "congress-explainer.pdf"
EPOCH = "1700000000"  # fixed, so the two builds can be compared byte for byte
pytestmark = pytest.mark.needs_pdf


def build_pdf(srcdir: Path, confdir: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "LATEXMKOPTS": "-silent",
           "LATEXOPTS": "-interaction=nonstopmode -halt-on-error"}
    env.pop("RELEASE_VERSION", None)
    return subprocess.run([sys.executable, "-m", "sphinx", "-M", "latexpdf", str(srcdir), str(out), "-c", str(confdir),
                           "-E", "-q", *extra], env=env, capture_output=True, text=True, timeout=900)


def built(result: subprocess.CompletedProcess, out: Path) -> Path:
    pdf = out / "latex" / PDF_NAME
    assert result.returncode == 0 and pdf.is_file(), (result.stdout[-3000:] + result.stderr[-3000:])
    return pdf


@pytest.fixture(scope="session")
def explainer(tmp_path_factory) -> Path:
    """A snapshot of the explainer (conf.py, docs/, facts/): both builds read the same files."""
    root = tmp_path_factory.mktemp("explainer")
    shutil.copyfile(REPO / "conf.py", root / "conf.py")
    for folder in ("docs", "facts"):
        shutil.copytree(REPO / folder, root / folder, ignore=shutil.ignore_patterns("_build", ".*"))
    return root


@pytest.fixture(scope="session")
def explainer_pdf(explainer: Path, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pdf-a")
    return built(build_pdf(explainer / "docs", explainer, out), out)


@pytest.fixture(scope="session")
def pdf_text(explainer_pdf: Path) -> str:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(explainer_pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return " ".join(text.split())


@pytest.fixture(scope="session")
def registry(explainer: Path):
    return Project(explainer).load_registry()


def _contains(text: str, phrase: str) -> bool:
    """Whether the text layer holds the phrase, allowing a line-end hyphenation inside it."""
    phrase = " ".join(phrase.split())
    return phrase in text or phrase in text.replace("- ", "").replace("\u00ad", "")


def test_title_page_has_title_version_and_date(pdf_text: str, explainer: Path):
    head = pdf_text[:400]
    assert "The 7th Congress of the Workers’ Party of Korea" in head
    assert f"Version {buildinfo.version(explainer)}" in head
    assert "14 November 2023" in head  # SOURCE_DATE_EPOCH, in house style


def test_fact_values_in_house_style(pdf_text: str, registry):
    sample = [registry.facts[f] for f in ("congress-7", "congress-6", "kim-jong-un", "gap-congress-6-7")
              if f in registry.facts]
    assert len(sample) >= 3, "the sample facts are gone from the registry; pick others"
    missing = [render_value(f) for f in sample if not _contains(pdf_text, render_value(f))]
    assert not missing


def test_hangul_names(pdf_text: str, registry):
    # people's names in Hangul, as the facts appendix lists them
    hangul = {f.id: f.hangul for f in registry.facts.values() if f.hangul and f.kind == "person"}
    assert len(hangul) >= 3, "the registry has too few Hangul names"
    assert [fid for fid, name in hangul.items() if name not in pdf_text] == []


def test_corrections_listed_in_the_sources_own_words(pdf_text: str, registry):
    corrected = [(f, old) for f in registry.facts.values() for old in f.superseded]
    assert corrected, "the registry records no corrections"
    missing = [f"{f.id}: {old.quote or render_superseded(f, old.value)}" for f, old in corrected
               if not _contains(pdf_text, old.quote.strip() if old.quote else render_superseded(f, old.value))]
    assert missing == []
    chapter = pdf_text[pdf_text.index("CORRECTIONS TO THE BRIEFING"):pdf_text.index("THE FACTS REGISTRY")]
    assert chapter.count("Claim \u201c") >= len(corrected)
    assert "Discussed in" in chapter


@pytest.fixture(scope="session")
def outline(explainer_pdf: Path) -> list[str]:
    return [item.title for item in PdfReader(explainer_pdf).outline if not isinstance(item, list)]


def test_a_short_book_with_a_titled_introduction_and_appendices(outline, pdf_text: str, explainer_pdf: Path):
    assert outline[0] == "Introduction"
    assert outline[1] == "What is the party congress?"
    assert outline[-5:] == ["Timeline", "Corrections to the briefing", "The facts registry", "Sources",
                            "How this explainer is checked"]
    assert not any("Contributing" in t for t in outline)  # the contributors' guide is for the website
    contents = pdf_text[pdf_text.index("CONTENTS"):pdf_text.index("INTRODUCTION")]
    assert re.search(r"Introduction 1 1 What is the party congress\? \d+", contents), contents[:300]
    assert re.search(r"A The facts registry \d+ B Sources \d+ C How this explainer is checked \d+", contents)
    assert 30 <= len(PdfReader(explainer_pdf).pages) <= 60


def test_nothing_tells_a_reader_to_hover(pdf_text: str):
    assert not re.search(r"\bhover", pdf_text, re.I)
    intro = pdf_text[pdf_text.index("INTRODUCTION"):pdf_text.index("WHAT IS THE PARTY CONGRESS?")]
    assert "Numbers in brackets after a fact" in intro


def test_language_title_author_and_subject(explainer_pdf: Path):
    reader = PdfReader(explainer_pdf)
    assert reader.trailer["/Root"]["/Lang"] == "en"
    meta = reader.metadata
    assert meta.title == "The 7th Congress of the Workers\u2019 Party of Korea"
    assert meta.author == "congress-explainer contributors"
    assert "7th Congress" in meta.subject and "Human Rights Watch" in meta.subject
    assert "North Korea" in meta["/Keywords"]


def _sources_appendix(pdf_text: str) -> str:
    start = pdf_text.index("SOURCES", pdf_text.index("THE FACTS REGISTRY"))
    return pdf_text[start:pdf_text.index("HOW THIS EXPLAINER IS CHECKED", start)]


def test_each_source_is_printed_once_and_cited_by_number(pdf_text: str, registry):
    from checks.sphinx_ext.citations import source_numbers

    numbers = source_numbers(registry)
    entries = [int(n) for n in re.findall(r"\[(\d+)\] ", _sources_appendix(pdf_text))]
    assert entries == list(range(1, len(registry.sources) + 1))
    body = pdf_text[:pdf_text.index("THE FACTS REGISTRY")]
    # No source is described in the text: no footnotes of titles, no addresses, no "Sources:" lists.
    assert "Sources: \u201c" not in body
    assert not re.search(r"https?://", body)
    # A fact's first mention in a section carries its sources' numbers.
    kim = registry.facts["kim-jong-un"]
    marker = "[" + ", ".join(str(n) for n in sorted(numbers[s] for s in kim.sources)) + "]"
    assert _contains(pdf_text, f"Kim Jong Un{marker}")
    # A value sources dispute gets a footnote that says so, why, and its sources' numbers.
    assert re.search(r"Disputed\. The name is not in doubt; the founding date is\b.*?Sources: \[[\d, ]+\]\.", body)


def test_the_registry_is_compact_tables(pdf_text: str, registry):
    start = pdf_text.index("THE FACTS REGISTRY")
    appendix = pdf_text[start:pdf_text.index("SOURCES", start)]
    assert appendix.count("Fact Value Date Status Sources") >= 6  # a table per kind
    # A row per fact, each with its status (the text layer reads a table row by row, across cells
    # whose lines wrap, so the rows are counted by their status cells).
    rows = re.findall(r"\b(verified|disputed|unverified)\b", appendix.split("Fact Value Date Status Sources", 1)[1])
    assert len(rows) >= len(registry.facts)
    people = [f for f in registry.facts.values() if f.kind == "person"]
    assert all(_contains(appendix, f.name) for f in people)
    assert _contains(appendix, "Born in 1982, 1983 or 1984.") and "1982\u20131984" not in appendix
    assert "verified; founding date disputed" in appendix  # the status of each statement
    assert "Last verified" not in appendix and "Precision" not in appendix  # no field-by-field dump


def test_timeline_is_a_dated_list_grouped_by_period_in_order(explainer_pdf: Path):
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(explainer_pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    chapter = text[text.index("\nTIMELINE\n"):text.index("\nCORRECTIONS TO THE BRIEFING\n")]
    periods = re.findall(r"^8\.\d+ (.+)$", chapter, re.M)
    assert periods[0].startswith("Before the 1st Congress") and len(periods) >= 8, periods
    # an entry: a bullet, its date, its sources' numbers (or a footnote number), a dash, what happened
    entries = re.findall(r"^\u2022 (.+?\d{4})(?:\[[\d, ]+\]|\d{1,3})? \u2014 (.+)$", chapter, re.M)
    assert len(entries) >= 10, entries
    years = [int(re.search(r"\d{4}", date).group()) for date, _ in entries]
    assert years == sorted(years)
    late_february = next(i for i, (date, _) in enumerate(entries) if date.startswith("late February 2016"))
    seventh = next(i for i, (date, _) in enumerate(entries) if date == "7 February 2016")
    assert seventh < late_february


def test_links_resolve(explainer_pdf: Path):
    reader = PdfReader(explainer_pdf)
    links = sum(1 for page in reader.pages for annot in (page.get("/Annots") or [])
                if annot.get_object().get("/Subtype") == "/Link")
    assert links > 50
    log = (explainer_pdf.parent / "congress-explainer.log").read_text(encoding="utf-8", errors="replace")
    assert re.findall(r"Hyper reference `([^']+)' on page \d+ undefined", log) == []


def test_second_build_is_byte_identical(explainer_pdf: Path, explainer: Path, tmp_path: Path):
    again = built(build_pdf(explainer / "docs", explainer, tmp_path), tmp_path)
    assert explainer_pdf.read_bytes() == again.read_bytes()


def test_a_glyph_no_font_has_fails_the_build(tmp_path: Path):
    """Hangul in regular and bold is set in Noto (the release fixture has both: test_release.py
    reads its fonts); a character that no font has stops the build with LuaLaTeX's message."""
    project = tmp_path / "p"
    shutil.copytree(ROOTS / "test-release", project)
    shutil.copyfile(REPO / "conf.py", project / "conf.py")
    page = project / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA glyph no font has: \U00013000.\n", encoding="utf-8")
    result = build_pdf(project / "docs", project, tmp_path / "bad")
    assert result.returncode != 0
    log = (tmp_path / "bad" / "latex" / "congress-explainer.log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character: There is no \U00013000 (U+13000)" in log
