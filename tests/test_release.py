"""``tools/release.py`` end to end, on a temporary git repository with two ``v*`` tags built from the
release fixture project (tests/roots/test-release) and the real conf.py."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from conftest import REPO, ROOTS

RELEASE = REPO / "tools" / "release.py"
UNUSED_FACT = """- id: congress-6
  kind: event
  label: 6th Congress
  date: 1980-10-10/1980-10-14
  sources:
    - source: src-a
      excerpt: "the 6th Congress met from 10 to 14 October 1980"
  status: verified
  verified: 2026-11-28
"""
NEW_FACT = """- id: kim-il-sung
  kind: person
  label: Kim Il Sung
  name: Kim Il Sung
  hangul: 김일성
  sources:
    - source: src-a
      excerpt: "Kim Il Sung led the party"
  status: verified
  verified: 2026-11-28
"""
SECOND_CORRECTION = """      reason: It opened on 6 May.
    - value: 2016-05-08
      source: src-a
      quote: opened on 8 May
      reason: It opened on 6 May.
"""


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_AUTHOR_DATE": "2026-11-01T12:00:00Z",
           "GIT_COMMITTER_DATE": "2026-11-01T12:00:00Z"}
    return subprocess.run(["git", "-C", str(repo), *args], env=env, check=True, capture_output=True,
                          text=True).stdout


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name}: {old!r} not found"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def make_repo(tmp_path: Path) -> Path:
    """v0.1.0: the fixture plus an unreferenced fact. The working tree is then changed, uncommitted."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOTS / "test-release", repo)
    shutil.copyfile(REPO / "conf.py", repo / "conf.py")
    (repo / ".gitignore").write_text("build/\ndist/\n", encoding="utf-8")
    facts = repo / "facts" / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8") + UNUSED_FACT, encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "first")
    git(repo, "tag", "v0.1.0")
    return repo


def second_release(repo: Path) -> None:
    """v0.2.0 (pyproject.toml says so too): a fact added (and used), one changed, one corrected, one
    removed."""
    (repo / "pyproject.toml").write_text('[project]\nname = "fixture"\nversion = "0.2.0"\n', encoding="utf-8")
    git(repo, "add", "pyproject.toml")
    facts = repo / "facts" / "facts.yaml"
    edit(facts, UNUSED_FACT, NEW_FACT)
    edit(facts, "  value: 3467\n", "  value: 3467\n  note: As reported on the last day.\n")
    edit(facts, "      reason: It opened on 6 May.\n", SECOND_CORRECTION)
    page = repo / "docs" / "index.md"
    edit(page, "with\n{fact}`delegates-7`.", "with\n{fact}`delegates-7`. The party was founded under {fact}`kim-il-sung`.")
    git(repo, "commit", "-q", "-am", "second")
    git(repo, "tag", "v0.2.0")


def release(repo: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "RELEASE_VERSION")}
    return subprocess.run([sys.executable, str(RELEASE), "--root", str(repo), *args], env=env, capture_output=True,
                          text=True, timeout=900)


def needs_everything(test):
    """A release builds the PDF and runs every test: LuaLaTeX, Poppler and Chromium."""
    return pytest.mark.needs_pdf(pytest.mark.needs_chromium(test))


@pytest.fixture(scope="module")
def released(tmp_path_factory) -> Path:
    repo = make_repo(tmp_path_factory.mktemp("release"))
    second_release(repo)
    # make release passes make test's arguments; -rA lists each passed test in the log, to see them arrive
    result = release(repo, "--pytest-args=-rA")
    assert result.returncode == 0, result.stderr
    return repo


@needs_everything
def test_the_tests_run_with_the_arguments_given(released: Path):
    log = (released / "build" / "release-logs" / "tests.log").read_text(encoding="utf-8")
    assert "PASSED tests/test_registry.py::test_registry_has_the_congress" in log  # -rA lists each pass


@needs_everything
def test_release_produces_every_artifact_with_checksums_that_verify(released: Path):
    dist = released / "dist"
    names = sorted(p.name for p in dist.iterdir())
    assert names == ["SHA256SUMS", "congress-explainer-0.2.0-html.tar.gz", "congress-explainer-0.2.0.pdf",
                     "fact-changelog.json", "fact-changelog.md", "facts.json"]
    check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=dist, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.count(": OK") == 5

    (dist / "facts.json").write_text("{}", encoding="utf-8")  # tampering is caught
    assert subprocess.run(["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=dist, capture_output=True).returncode != 0


@needs_everything
def test_hangul_in_regular_and_bold_is_set_in_noto(released: Path):
    # the page has 김정은 in regular and bold type; the glyphs come from the Noto CJK fallbacks
    fonts = subprocess.run(["pdffonts", str(released / "dist" / "congress-explainer-0.2.0.pdf")], capture_output=True,
                           text=True, check=True).stdout
    assert "NotoSerifCJKkr-Regular" in fonts and "NotoSerifCJKkr-Bold" in fonts, fonts


@needs_everything
def test_fact_changelog_names_the_changes_between_the_tags(released: Path):
    log = json.loads((released / "dist" / "fact-changelog.json").read_text(encoding="utf-8"))
    assert (log["version"], log["since"]) == ("0.2.0", "v0.1.0")
    changes = {c["id"]: (c["change"], c["pages"]) for c in log["changes"]}
    assert changes == {
        "kim-il-sung": ("added", ["docs/index.md"]),
        "delegates-7": ("changed", ["docs/index.md"]),
        "congress-7": ("corrected", ["docs/index.md"]),
        "congress-6": ("removed", []),
    }
    text = (released / "dist" / "fact-changelog.md").read_text(encoding="utf-8")
    assert "since v0.1.0" in text
    for heading in ("## Added (1)", "## Changed (1)", "## Corrected (1)", "## Removed (1)"):
        assert heading in text
    assert "`delegates-7`: Delegates at the 7th Congress (fields: note); pages: docs/index.md" in text


@needs_everything
def test_version_and_date_on_the_pdf_title_page_and_in_the_html_footer(released: Path):
    dist = released / "dist"
    text = subprocess.run(["pdftotext", str(dist / "congress-explainer-0.2.0.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    head = " ".join(text.split())[:300]
    assert "Version 0.2.0" in head and "1 November 2026" in head  # the tagged commit's date
    with tarfile.open(dist / "congress-explainer-0.2.0-html.tar.gz") as tar:
        index = tar.extractfile("congress-explainer-0.2.0-html/index.html").read().decode()
        commit_time = int(git(released, "log", "-1", "--format=%ct"))
        assert {(m.uid, m.mtime) for m in tar.getmembers()} == {(0, commit_time)}  # reproducible archive
    assert "version 0.2.0, released 1 November 2026" in index


@needs_everything
def test_refused_when_factcheck_fails(tmp_path: Path):
    repo = make_repo(tmp_path)
    edit(repo / "docs" / "index.md", "{fact}`Kim Jong Un <kim-jong-un>`", "{fact}`Kim Jong Um <kim-jong-un>`")
    git(repo, "commit", "-q", "-am", "a misspelt name")
    result = release(repo)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1].startswith("release: refused: factcheck check failed")
    assert not (repo / "dist").exists()


@needs_everything
def test_refused_when_the_tests_fail(tmp_path: Path):
    repo = make_repo(tmp_path)
    edit(repo / "tests" / "test_registry.py", '.kind == "event"', '.kind == "person"')
    git(repo, "commit", "-q", "-am", "a failing test")
    result = release(repo)
    assert result.returncode == 1
    assert "release: refused: the tests failed" in result.stderr
    assert not (repo / "dist").exists()


def test_refused_with_uncommitted_changes(tmp_path: Path):
    repo = make_repo(tmp_path)
    edit(repo / "facts" / "facts.yaml", "  value: 3467\n", "  value: 3468\n")
    result = release(repo)
    assert result.returncode == 1
    assert "release: refused: uncommitted changes" in result.stderr


def test_refused_up_front_when_the_tag_and_pyproject_disagree(tmp_path: Path):
    repo = make_repo(tmp_path)
    (repo / "pyproject.toml").write_text('[project]\nname = "fixture"\nversion = "0.1.0"\n', encoding="utf-8")
    git(repo, "add", "pyproject.toml")
    git(repo, "commit", "-q", "-m", "pyproject.toml, version not bumped")
    git(repo, "tag", "v0.2.0")
    result = release(repo)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "release: refused: the tag v0.2.0 says version 0.2.0 but pyproject.toml says 0.1.0: set version = "
        '"0.2.0" in pyproject.toml (and __version__ in checks/__init__.py), commit, and tag that commit']
    assert not (repo / "build").exists()  # refused before checking, testing or building anything
