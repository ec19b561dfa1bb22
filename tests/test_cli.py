"""The factcheck command: contract of output formats and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from checks.cli import main


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checks", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=120)


def test_clean_project_exits_zero(basic_project, capsys):
    assert main(["check", "--root", str(basic_project)]) == 0
    out = capsys.readouterr().out
    assert out.strip().endswith("0 errors, 0 warnings")


def test_wrong_year_exits_one_naming_page_and_line(basic_project, capsys):
    page = basic_project / "docs" / "history.md"
    page.write_text(page.read_text().replace("{fact}`1980 <congress-6>`", "{fact}`1981 <congress-6>`"))
    assert main(["check", "--root", str(basic_project)]) == 1
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("docs/history.md:3: error date.mismatch: '1981' does not fall within")


def test_json_contract(basic_project, capsys):
    page = basic_project / "docs" / "index.md"
    page.write_text(page.read_text().replace("36 years <", "35 years <"))
    assert main(["check", "--root", str(basic_project), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    (finding,) = data["findings"]
    assert {"code", "severity", "path", "line", "message", "fact", "suggestion"} <= set(finding)
    assert (finding["code"], finding["path"], finding["line"], finding["fact"]) == \
        ("number.mismatch", "docs/index.md", 12, "gap-congress-6-7")
    assert data["summary"] == {"pages": 3, "facts": 5, "references": 5, "errors": 1, "warnings": 0} | \
        {k: v for k, v in data["summary"].items() if k not in ("pages", "facts", "references", "errors", "warnings")}


def test_registry_error_exits_two_with_one_line_and_no_traceback(basic_project):
    (basic_project / "facts" / "facts.yaml").write_text("- id: x\n  kind: [event\n")
    result = run("check", "--root", str(basic_project))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stdout.splitlines()[0].startswith("facts/facts.yaml:3: error registry.invalid: malformed YAML")


def test_missing_project_exits_two(tmp_path):
    result = run("check", "--root", str(tmp_path))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "no pages folder" in result.stderr


def test_usage_error_exits_two():
    result = run("check", "--format", "yaml")
    assert result.returncode == 2 and result.stderr.startswith("factcheck: ")
    assert len(result.stderr.strip().splitlines()) == 1


def test_runs_in_current_directory(basic_project):
    result = run("check", cwd=basic_project)
    assert result.returncode == 0, result.stderr


def test_strict_fails_on_warnings_as_the_strict_build_does(basic_project):
    page = basic_project / "docs" / "history.md"
    page.write_text(page.read_text() + "\nKim Jong-un spoke.\n")  # an accepted variant: a warning
    assert run("check", "--root", str(basic_project)).returncode == 0
    strict = run("check", "--strict", "--root", str(basic_project))
    assert strict.returncode == 1 and "warning name.variant" in strict.stdout
