"""The GitHub Actions workflows and the Read the Docs config, validated offline against their
published schemas with check-jsonschema (the schemas ship inside the package), plus the project's
own rules: actions pinned by version, pip and apt cached, the same make targets as here."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO

WORKFLOWS = REPO / ".github" / "workflows"
CHECK = [sys.executable, "-m", "check_jsonschema", "--no-cache"]
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@v\d+\.\d+\.\d+$")


def validate(schema: str, path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*CHECK, "--builtin-schema", schema, str(path)], capture_output=True, text=True, timeout=120)


def load(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


@pytest.mark.parametrize("name", ["ci.yml", "release.yml"])
def test_workflow_matches_the_github_schema(name: str):
    result = validate("vendor.github-workflows", WORKFLOWS / name)
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_check_rejects_a_broken_workflow(tmp_path: Path):
    broken = tmp_path / "broken.yml"
    text = (WORKFLOWS / "ci.yml").read_text(encoding="utf-8")
    broken.write_text(text.replace("runs-on: ubuntu-24.04", "runs_on: ubuntu-24.04"), encoding="utf-8")
    result = validate("vendor.github-workflows", broken)
    assert result.returncode == 1
    assert "runs-on" in result.stdout + result.stderr


def test_readthedocs_config_matches_its_schema(tmp_path: Path):
    assert validate("vendor.readthedocs", REPO / ".readthedocs.yaml").returncode == 0
    broken = tmp_path / ".readthedocs.yaml"
    broken.write_text((REPO / ".readthedocs.yaml").read_text(encoding="utf-8").replace("version: 2", "version: 3"),
                      encoding="utf-8")
    assert validate("vendor.readthedocs", broken).returncode == 1


@pytest.mark.parametrize("name", ["ci.yml", "release.yml"])
def test_actions_are_pinned_by_version(name: str):
    uses = [step["uses"] for step in steps(load(name)) if "uses" in step]
    assert uses
    assert [u for u in uses if not PINNED.match(u)] == []


def test_ci_runs_checks_tests_and_strict_builds_on_push_and_pull_request():
    ci = load("ci.yml")
    assert set(ci[True]) == {"push", "pull_request"}  # YAML 1.1 reads the key `on` as True
    runs = "\n".join(step.get("run", "") for step in steps(ci))
    for command in ("factcheck check --strict --format github", "factcheck check --format sarif", "make test", "make html",
                    "make pdf"):
        assert command in runs
    uses = {step["uses"].split("@")[0]: step for step in steps(ci) if "uses" in step}
    assert uses["actions/setup-python"]["with"]["cache"] == "pip"
    assert "awalsh128/cache-apt-pkgs-action" in uses
    assert "github/codeql-action/upload-sarif" in uses
    assert "build/html" in uses["actions/upload-artifact"]["with"]["path"]


def test_release_runs_on_tags_and_publishes_dist_and_pages():
    rel = load("release.yml")
    assert rel[True] == {"push": {"tags": ["v*"]}}
    runs = "\n".join(step.get("run", "") for step in steps(rel))
    assert "make release" in runs and "sha256sum -c SHA256SUMS" in runs and "gh release create" in runs
    uses = {step["uses"].split("@")[0] for step in steps(rel) if "uses" in step}
    assert {"actions/upload-pages-artifact", "actions/deploy-pages"} <= uses


def test_workflow_make_targets_exist():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([\w-]+):", makefile, re.M))
    used = set()
    for name in ("ci.yml", "release.yml"):
        for step in steps(load(name)):
            used |= set(re.findall(r"\bmake ([\w-]+)", step.get("run", "")))
    assert used and used <= targets


def test_apt_packages_match_the_install_script():
    script = (REPO / "tools" / "ensure-system-packages").read_text(encoding="utf-8")
    table = re.search(r"declare -A PACKAGES=\((.*?)\n\)", script, re.S).group(1)
    listed = [name for packages in re.findall(r'\]="([^"]*)"', table) for name in packages.split()]
    # GitHub's Ubuntu runners ship Google Chrome (Ubuntu's chromium is a snap): no chromium there.
    expected = sorted(set(listed) - {"chromium"})
    assert "texlive-luatex" in expected and "poppler-utils" in expected
    for name in ("ci.yml", "release.yml"):
        assert sorted(load(name)["env"]["APT_PACKAGES"].split()) == expected
