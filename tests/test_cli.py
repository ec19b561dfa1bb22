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
    # line and column of the wrong year inside the reference
    assert first.startswith("docs/history.md:3:37: error date.mismatch: '1981' does not fall within")


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


# -- choosing pages, finding the project, help, colour and the summary line -----------------------
def break_history(project: Path) -> None:
    page = project / "docs" / "history.md"
    page.write_text(page.read_text(encoding="utf-8").replace("`1980 <", "`1981 <"), encoding="utf-8")


def test_paths_check_only_those_pages_and_the_registry(basic_project):
    break_history(basic_project)
    clean = run("check", "docs/index.md", cwd=basic_project)
    # congress-6 is referenced only by history.md: not reported as unused when index.md alone is checked
    assert (clean.returncode, clean.stdout) == (0, "1 page, 5 facts, 4 references: 0 errors, 0 warnings\n")
    broken = run("check", "docs/history.md", cwd=basic_project)
    assert broken.returncode == 1
    assert broken.stdout.splitlines()[0].startswith("docs/history.md:3:37: error date.mismatch: '1981'")
    assert broken.stdout.splitlines()[-1] == "1 page, 5 facts, 1 reference: 1 error, 0 warnings"


def test_a_folder_checks_its_pages_and_a_registry_file_checks_every_page(basic_project):
    break_history(basic_project)
    assert run("check", "docs", cwd=basic_project).stdout.splitlines()[-1].startswith("3 pages")
    both = run("check", "docs/index.md", "facts/facts.yaml", cwd=basic_project)
    assert both.returncode == 1 and both.stdout.splitlines()[-1].startswith("3 pages")


def test_a_path_that_is_not_a_page_exits_two_with_one_line(basic_project):
    (basic_project / "notes.md").write_text("# Notes\n", encoding="utf-8")
    for path in ("notes.md", "docs/missing.md"):
        result = run("check", path, cwd=basic_project)
        assert result.returncode == 2 and result.stdout == ""
        assert result.stderr.startswith(f"factcheck: {path}: ") and len(result.stderr.splitlines()) == 1


def test_the_project_is_found_upward_from_a_subfolder(basic_project, tmp_path):
    sub = basic_project / "docs" / "drafts"
    sub.mkdir()
    result = run("check", cwd=sub)
    assert result.returncode == 0 and result.stdout.startswith("3 pages"), result.stderr
    nowhere = tmp_path / "elsewhere"
    nowhere.mkdir()
    lost = run("check", cwd=nowhere)
    assert lost.returncode == 2
    assert lost.stderr.startswith("factcheck: no project here: neither") and "pass --root" in lost.stderr


def test_check_help_describes_formats_and_exit_status():
    out = run("check", "--help").stdout
    for fmt in ("text", "json", "sarif", "junit", "github"):
        assert f"\n  {fmt} " in out
    assert "exit status:" in out
    for code in ("0", "1", "2"):
        assert f"\n  {code}  " in out
    assert "--coverage" in out and "NO_COLOR" in out and "[PATH ...]" in out


def test_one_error_is_singular_and_the_claims_table_needs_coverage(basic_project):
    break_history(basic_project)
    plain = run("check", cwd=basic_project).stdout
    assert plain.splitlines()[-1] == "3 pages, 5 facts, 5 references: 1 error, 0 warnings"
    assert "claims cited" not in plain
    table = run("check", "--coverage", cwd=basic_project).stdout
    assert "claims cited" in table and table.splitlines()[-2].startswith("total")


def run_on_a_terminal(project: Path, env: dict[str, str]) -> str:
    """factcheck check with its stdout on a pseudo-terminal, as in an interactive shell."""
    import os
    import pty

    main_fd, terminal = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "checks", "check"], cwd=project, stdout=terminal,
                            stderr=subprocess.PIPE, env=env)
    os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(main_fd, 4096)
        except OSError:  # the terminal closed: the command is done
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=120)
    os.close(main_fd)
    return b"".join(chunks).decode()


def test_colour_on_a_terminal_unless_no_color(basic_project):
    import os

    break_history(basic_project)
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM")} | {"TERM": "xterm"}
    coloured = run_on_a_terminal(basic_project, env)
    assert "\x1b[1m\x1b[31merror\x1b[0m" in coloured and "\x1b[31m3 pages" in coloured
    assert "\x1b[" not in run_on_a_terminal(basic_project, env | {"NO_COLOR": "1"})
    assert "\x1b[" not in run("check", cwd=basic_project).stdout  # a pipe: plain text
    forced = subprocess.run([sys.executable, "-m", "checks", "check", "--color", "always"], cwd=basic_project,
                            capture_output=True, text=True, timeout=120).stdout
    assert "\x1b[1m\x1b[31merror\x1b[0m" in forced


def test_strict_fails_on_warnings_as_the_strict_build_does(basic_project):
    page = basic_project / "docs" / "history.md"
    page.write_text(page.read_text() + "\nKim Jong-un spoke.\n")  # an accepted variant: a warning
    assert run("check", "--root", str(basic_project)).returncode == 0
    strict = run("check", "--strict", "--root", str(basic_project))
    assert strict.returncode == 1 and "warning name.variant" in strict.stdout
