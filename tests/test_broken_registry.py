"""One slip in one registry file of the real explainer: one clear finding everywhere.

Every ``--format`` prints output its consumer can read, naming the broken file, and exits 2; the
text report has the one error (and its summary); the strict Sphinx build shows it once, without
a cascade of unknown references from the pages that use the broken file's facts.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import REPO

SLIPS = {
    # an indentation slip: one key indented one space more than the one above it
    "indentation": ("facts/history.yaml", "- id: congress-7\n  kind: event\n", "- id: congress-7\n   kind: event\n"),
    # a record that loads but names a key the format does not have
    "unknown-key": ("facts/history.yaml", "- id: congress-7\n  kind: event\n", "- id: congress-7\n  kind: event\n  colour: red\n"),
}


@pytest.fixture(scope="module", params=sorted(SLIPS))
def broken_explainer(request, tmp_path_factory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp(request.param)
    for folder in ("docs", "facts"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copyfile(REPO / "conf.py", root / "conf.py")
    path, old, new = SLIPS[request.param]
    text = (root / path).read_text(encoding="utf-8")
    assert old in text
    (root / path).write_text(text.replace(old, new, 1), encoding="utf-8")
    return root, path


def factcheck(root: Path, fmt: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "checks", "check", "--root", str(root), "--format", fmt],
                          cwd=REPO, capture_output=True, text=True, timeout=120)


def test_text_has_one_error_line_and_exits_2(broken_explainer):
    root, path = broken_explainer
    result = factcheck(root, "text")
    assert result.returncode == 2, result.stdout + result.stderr
    errors = [line for line in result.stdout.splitlines() if " error " in line or "errors" in line]
    assert len(errors) <= 2, result.stdout
    assert result.stdout.startswith(f"{path}:"), result.stdout
    assert "registry.invalid" in result.stdout.splitlines()[0]
    assert "ref.unknown" not in result.stdout


def test_json_is_valid_and_names_the_file(broken_explainer):
    root, path = broken_explainer
    result = factcheck(root, "json")
    assert result.returncode == 2
    data = json.loads(result.stdout)
    invalid = [f for f in data["findings"] if f["code"] == "registry.invalid"]
    assert len(invalid) == 1 and invalid[0]["path"] == path and invalid[0]["line"] > 1
    assert data["summary"]["errors"] == 1


def test_sarif_is_valid_and_names_the_file(broken_explainer):
    root, path = broken_explainer
    result = factcheck(root, "sarif")
    assert result.returncode == 2
    log = json.loads(result.stdout)
    [run] = log["runs"]
    errors = [r for r in run["results"] if r["level"] == "error"]
    assert [r["ruleId"] for r in errors] == ["registry.invalid"]
    assert errors[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == path


def test_junit_is_valid_and_fails_the_file(broken_explainer):
    root, path = broken_explainer
    result = factcheck(root, "junit")
    assert result.returncode == 2
    tree = ET.fromstring(result.stdout.encode("utf-8"))
    failed = [case.get("name") for case in tree.iter("testcase") if case.find("failure") is not None]
    assert failed == [path]


def test_github_annotates_the_file_first(broken_explainer):
    root, path = broken_explainer
    result = factcheck(root, "github")
    assert result.returncode == 2
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"::error file={path},line=") and "registry.invalid" in first
    assert sum(line.startswith("::error") for line in result.stdout.splitlines()) == 1


def test_strict_build_warns_once(broken_explainer):
    root, path = broken_explainer
    result = subprocess.run([sys.executable, "-m", "sphinx", "-E", "-W", "--keep-going", "-n", "-q", "-c", str(root),
                             "-b", "html", str(root / "docs"), str(root / "build")],
                            cwd=root, capture_output=True, text=True, timeout=600)
    assert result.returncode != 0
    warnings = [line for line in result.stderr.splitlines() if "WARNING" in line or "ERROR" in line]
    assert "Traceback" not in result.stderr
    assert any(f"{path}:" in line and "registry.invalid" in line for line in warnings), result.stderr
    assert len(warnings) <= 3, result.stderr
