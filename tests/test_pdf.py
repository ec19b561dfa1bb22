"""The PDF: the real explainer built once per session with LuaLaTeX, read back through its text
layer (``pdftotext``), its outline and its fonts; a second build must be byte-identical.

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


def test_corrections_listed(pdf_text: str, registry):
    corrected = [(f, old) for f in registry.facts.values() for old in f.superseded]
    assert corrected, "the registry records no corrections"
    missing = [f"{f.id}: {render_superseded(f, old.value)}" for f, old in corrected
               if not _contains(pdf_text, render_superseded(f, old.value))]
    assert missing == []


def test_facts_carry_their_sources_as_footnotes(pdf_text: str, registry):
    fact = registry.facts["kim-jong-un"]
    title = registry.sources[fact.sources[0]].title
    assert re.search(r"Sources?: \u201c", pdf_text)
    assert _contains(pdf_text, f"\u201c{title}\u201d")


def test_timeline_is_a_dated_list_in_order(explainer_pdf: Path):
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(explainer_pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    chapter = text[text.index("\nTIMELINE\n"):]
    # an entry: a bullet, a date alone on its line (day, month, year or a range), its footnote number
    dates = re.findall(r"^\u2022 ([\d\u2013 ]*(?:[A-Z][a-z]+ )?[\d\u2013 ]*\d{4}(?: \u2013 [\w ]+\d{4})?) ?\d*$",
                       chapter, re.M)
    years = [int(re.search(r"\d{4}", d).group()) for d in dates]
    assert len(years) >= 10, dates
    assert years == sorted(years)


def test_page_count_outline_and_links(explainer_pdf: Path, explainer: Path):
    reader = PdfReader(explainer_pdf)
    assert 20 <= len(reader.pages) <= 400
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    index = (explainer / "docs" / "index.md").read_text(encoding="utf-8")
    toc = re.search(r"```\{toctree\}\n(.*?)```", index, re.S).group(1)
    pages = [line.strip() for line in toc.splitlines() if line.strip() and not line.strip().startswith(":")]
    titles = []
    for page in pages:
        text = (explainer / "docs" / f"{page.removesuffix('.md')}.md").read_text(encoding="utf-8")
        titles.append(re.search(r"^# (.+)$", text, re.M).group(1).strip())
    assert [t for t in titles if t not in top] == []  # each page is a chapter with a bookmark
    links = sum(1 for page in reader.pages for annot in (page.get("/Annots") or [])
                if annot.get_object().get("/Subtype") == "/Link")
    assert links > 50
    log = (explainer_pdf.parent / "congress-explainer.log").read_text(encoding="utf-8", errors="replace")
    assert re.findall(r"Hyper reference `([^']+)' on page \d+ undefined", log) == []


def test_second_build_is_byte_identical(explainer_pdf: Path, explainer: Path, tmp_path: Path):
    again = built(build_pdf(explainer / "docs", explainer, tmp_path), tmp_path)
    assert explainer_pdf.read_bytes() == again.read_bytes()


def test_hangul_bold_uses_noto_and_a_missing_glyph_fails(tmp_path: Path):
    project = tmp_path / "p"
    shutil.copytree(ROOTS / "test-release", project)
    shutil.copyfile(REPO / "conf.py", project / "conf.py")
    page = project / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nIn Korean: 김정은, **김정은**.\n", encoding="utf-8")
    pdf = built(build_pdf(project / "docs", project, tmp_path / "ok"), tmp_path / "ok")
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "NotoSerifCJKkr-Regular" in fonts and "NotoSerifCJKkr-Bold" in fonts

    page.write_text(page.read_text(encoding="utf-8") + "\nA glyph no font has: \U00013000.\n", encoding="utf-8")
    result = build_pdf(project / "docs", project, tmp_path / "bad")
    assert result.returncode != 0
    log = (tmp_path / "bad" / "latex" / "congress-explainer.log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character: There is no \U00013000 (U+13000)" in log
