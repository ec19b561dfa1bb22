"""Errors introduced into a copy of the real explainer are caught at the right file and line.

One case for each error the check suite promises to catch (issue 3, "Done when").
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from checks.cli import main

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("explainer")
    for folder in ("docs", "facts"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    return root


@pytest.fixture
def project(pristine, tmp_path) -> Path:
    root = tmp_path / "explainer"
    shutil.copytree(pristine, root)
    return root


def replace(root: Path, rel: str, old: str, new: str) -> int:
    """Replace the first ``old`` in ``rel``; return its 1-based line."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


def findings(root: Path, capsys) -> tuple[int, list[tuple[str, str, int]]]:
    status = main(["check", "--root", str(root), "--format", "json"])
    out = capsys.readouterr()
    data = json.loads(out.out)  # valid JSON in every case, a broken registry included
    return status, [(f["code"], f["path"], f["line"]) for f in data["findings"]]


def test_pristine_copy_is_clean(pristine, capsys):
    status, found = findings(pristine, capsys)
    assert (status, [f for f in found if f[0] != "fact.stale"]) == (0, [])


PAGE_CASES = [
    # (page, old, new, expected code)
    ("docs/why-the-7th-congress-matters.md", "{fact}`36 years <gap-congress-6-7>`",
     "{fact}`35 years <gap-congress-6-7>`", "number.mismatch"),
    ("docs/why-the-7th-congress-matters.md", "{fact}`70th anniversary <anniversary-wpk-70>`",
     "{fact}`71st anniversary <anniversary-wpk-70>`", "number.mismatch"),
    ("docs/congress-and-conference.md", "{fact}`four <conference-count>`",
     "{fact}`five <conference-count>`", "number.mismatch"),
    ("docs/congress-and-conference.md", "{fact}`5 September 1998 <kim-il-sung-eternal-president>`",
     "{fact}`5 September 1988 <kim-il-sung-eternal-president>`", "date.mismatch"),
    ("docs/why-the-7th-congress-matters.md", "{fact}`new-year-2016-quote`",
     "{fact}`\u201cthe improvement of the people\u2019s living standards\u201d <new-year-2016-quote>`",
     "quote.mismatch"),
    ("docs/why-the-7th-congress-matters.md", "{fact}`wpk`", "{fact}`Worker's Party of Korea <wpk>`",
     "name.mismatch"),
]


@pytest.mark.parametrize("page,old,new,code", PAGE_CASES, ids=[c[3] + ":" + c[2][:30] for c in PAGE_CASES])
def test_error_in_prose_is_caught_at_its_line(project, capsys, page, old, new, code):
    line = replace(project, page, old, new)
    status, found = findings(project, capsys)
    assert status == 1
    assert (code, page, line) in found, found


def test_misspelt_name_in_plain_prose(project, capsys):
    page = "docs/why-the-7th-congress-matters.md"
    line = replace(project, page, "Pyongyang", "Pyongyang, where Kim Jong Um spoke,")
    _, found = findings(project, capsys)
    assert any(code.startswith("name.") and (path, ln) == (page, line) for code, path, ln in found), found


def test_uncited_date_added(project, capsys):
    page = "docs/what-has-changed.md"
    text = (project / page).read_text(encoding="utf-8")
    (project / page).write_text(text + "\nThe markets were legalised on 1 July 2002.\n", encoding="utf-8")
    line = text.count("\n") + 2
    _, found = findings(project, capsys)
    assert ("claim.uncited", page, line) in found, found


def test_known_wrong_value_back_in_prose(project, capsys):
    page = "docs/congress-and-conference.md"
    old = "{fact}`5 September 1998 <kim-il-sung-eternal-president>`"
    line = replace(project, page, old, old + " (some say 1988)")
    status, found = findings(project, capsys)
    assert status == 1 and ("superseded.reused", page, line) in found, found


def test_two_congresses_swapped_in_the_registry(project, capsys):
    replace(project, "facts/history.yaml", "date: 1956-04-23/1956-04-29", "date: 1961-09-11/1961-09-19")
    line = replace(project, "facts/history.yaml", "date: 1961-09-11/1961-09-18", "date: 1956-04-23/1956-04-29")
    status, found = findings(project, capsys)
    assert status == 1 and ("chronology.order", "facts/history.yaml", line) in found, found


def test_posthumous_title_dated_before_death(project, capsys):
    line = replace(project, "facts/party.yaml", "{person: kim-jong-il, start: 2012-04-11}",
                   "{person: kim-jong-il, start: 2010-04-11}")
    status, found = findings(project, capsys)
    assert status == 1 and ("lifetime.posthumous", "facts/party.yaml", line) in found, found


def test_duration_changed_in_the_registry(project, capsys):
    text = (project / "facts/history.yaml").read_text(encoding="utf-8")
    start = text.index("- id: gap-congress-6-7")
    line = replace(project, "facts/history.yaml", text[start:].split("value: 36", 1)[0] + "value: 36",
                   text[start:].split("value: 36", 1)[0] + "value: 35")
    line += text[start:].split("value: 36", 1)[0].count("\n")
    status, found = findings(project, capsys)
    assert status == 1 and ("derived.mismatch", "facts/history.yaml", line) in found, found


def test_source_removed(project, capsys):
    text = (project / "facts/sources-history.yaml").read_text(encoding="utf-8")
    start = text.index("- id: hrw-qa-2016")
    end = text.index("\n- id:", start) + 1
    (project / "facts/sources-history.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    status, found = findings(project, capsys)
    assert status == 2
    assert found and all(code == "registry.invalid" for code, _, _ in found), found
    assert any(path.startswith("facts/") and int(line) > 0 for _, path, line in found)
