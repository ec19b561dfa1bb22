"""``factcheck draft FILE...``: a draft from outside docs/ checked against the registry, with the
same formats and exit codes as ``factcheck check``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import REPO

from checks.cli import main


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checks", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=120)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_wrong_draft_exits_one_naming_file_line_and_column(basic_project, tmp_path, capsys):
    draft = write(tmp_path, "statement.md", "# Statement\n\nThe party met again.\nThe 7th Congress met in 2015.\n")
    assert main(["draft", "--root", str(basic_project), str(draft)]) == 1
    out = capsys.readouterr().out
    error = next(line for line in out.splitlines() if " error " in line)
    assert error.startswith(f"{draft.as_posix()}:4:25: error date.mismatch: '2015' is not the date of")
    assert "{fact}`6–9 May 2016 <congress-7>`" in error
    assert out.strip().endswith("1 error, 0 warnings")  # the contradicted date is not also "uncited"


def test_a_right_draft_exits_zero_with_the_references_to_write(basic_project, tmp_path, capsys):
    draft = write(tmp_path, "statement.md", "The 7th Congress opened in May 2016.\n")
    assert main(["draft", "--root", str(basic_project), "--format", "json", str(draft)]) == 0
    data = json.loads(capsys.readouterr().out)
    (finding,) = data["findings"]
    assert (finding["code"], finding["severity"], finding["suggestion"]) == \
        ("claim.uncited", "warning", "{fact}`May 2016 <congress-7>`")
    assert data["summary"]["errors"] == 0


def test_plain_text_and_several_files(basic_project, tmp_path, capsys):
    release = write(tmp_path, "release.txt", "PYONGYANG\n\n    The 7th Congress opened on\n    Sunday, 6 May 2016.\n")
    other = write(tmp_path, "other.md", "Nothing to check here.\n")
    assert main(["draft", "--root", str(basic_project), str(release), str(other)]) == 1
    out = capsys.readouterr().out
    assert f"{release.as_posix()}:4:5: error date.weekday: 6 May 2016 was a Friday, not a Sunday" in out
    assert "2 pages" in out.splitlines()[-1]


def test_every_format_carries_the_column(basic_project, tmp_path, capsys):
    draft = write(tmp_path, "d.md", "The 7th Congress met in 2015.\n")
    assert main(["draft", "--root", str(basic_project), "--format", "sarif", str(draft)]) == 1
    sarif = json.loads(capsys.readouterr().out)
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in sarif["runs"][0]["results"]]
    assert {"startLine": 1, "startColumn": 25} in regions
    assert main(["draft", "--root", str(basic_project), "--format", "github", str(draft)]) == 1
    assert ",line=1,col=25,title=factcheck date.mismatch::" in capsys.readouterr().out


def test_a_missing_or_unreadable_draft_exits_two_without_traceback(basic_project, tmp_path):
    result = run("draft", "--root", str(basic_project), str(tmp_path / "nowhere.md"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "nowhere.md: cannot read" in result.stderr
    binary = tmp_path / "latin1.txt"
    binary.write_bytes("Kim Il Sung \xe9".encode("latin-1"))
    result = run("draft", "--root", str(basic_project), str(binary))
    assert result.returncode == 2
    assert "not UTF-8" in result.stderr


def test_draft_needs_a_file():
    result = run("draft")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_a_whole_article_right_and_wrong(capsys):
    """An article in the form another outlet would write it (tests/drafts/): the right version
    gets no error; in the wrong one each planted contradiction that its sentence can tell is an
    error at its line (a figure whose sentence names nothing it could belong to is not)."""
    drafts = REPO / "tests" / "drafts"
    assert main(["draft", "--root", str(REPO), str(drafts / "article-right.md")]) == 0
    assert " error " not in capsys.readouterr().out
    assert main(["draft", "--root", str(REPO), str(drafts / "article-wrong.md")]) == 1
    out = capsys.readouterr().out
    found = {(line.split(":")[1], line.split(" error ")[1].split(":")[0])
             for line in out.splitlines() if " error " in line}
    assert found == {
        ("3", "date.weekday"), ("3", "number.mismatch"),      # Sunday; 40 years
        ("5", "date.mismatch"),                                # October 1979, July 1996
        ("7", "number.mismatch"),                              # five million at the rally
        ("9", "office.not-held"),                              # First Secretary in April 2010
        ("11", "superseded.reused"),                           # the Q&A's misquotation; 1988
    }
