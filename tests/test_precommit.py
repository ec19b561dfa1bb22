"""The pre-commit hook definition: it parses, names the suite's console script, and its file
pattern selects the pages and registry files the check reads."""

from __future__ import annotations

import re
import shlex
import tomllib
from importlib.metadata import entry_points
from pathlib import Path

import yaml

from checks.cli import build_parser

REPO = Path(__file__).resolve().parent.parent

# The keys pre-commit requires of a hook, and those it accepts (pre-commit's MANIFEST_HOOK_DICT).
REQUIRED = {"id", "name", "entry", "language"}
KNOWN = REQUIRED | {"alias", "files", "exclude", "types", "types_or", "exclude_types", "additional_dependencies",
                    "args", "always_run", "fail_fast", "pass_filenames", "description", "language_version",
                    "log_file", "require_serial", "stages", "verbose", "minimum_pre_commit_version"}


def _hooks() -> list[dict]:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list) and all(isinstance(h, dict) for h in hooks)
    return hooks


def _factcheck_hook() -> dict:
    (hook,) = [h for h in _hooks() if h["id"] == "factcheck"]
    return hook


def test_hooks_have_the_keys_pre_commit_needs():
    for hook in _hooks():
        assert set(hook) >= REQUIRED and set(hook) <= KNOWN, hook


def test_factcheck_hook_settings():
    hook = _factcheck_hook()
    assert hook["entry"] == "factcheck check --strict"  # the hook fails on what CI fails on
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True  # factcheck check PATH...: the pages being committed


def test_entry_names_an_installed_console_script_and_a_valid_command():
    script, *args = shlex.split(_factcheck_hook()["entry"])
    declared = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert declared[script] == "checks.cli:main"
    (installed,) = [ep for ep in entry_points(group="console_scripts") if ep.name == script]
    assert installed.value == "checks.cli:main"
    parsed = build_parser().parse_args(args)
    assert parsed.command == "check" and parsed.strict


def test_files_pattern_selects_pages_and_registry_only():
    pattern = re.compile(_factcheck_hook()["files"])
    for path in ["docs/index.md", "docs/sub/page.md", "facts/party.yaml", "facts/FORMAT.md"]:
        assert pattern.search(path), path
    for path in ["README.md", "checks/cli.py", "tests/roots/test-basic/docs/index.md", "mydocs/x.md",
                 "docs/_static/favicon.svg"]:
        assert not pattern.search(path), path
