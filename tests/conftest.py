"""Shared test fixtures: Sphinx's own testing fixtures, fixture projects under tests/roots/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checks.project import Project

pytest_plugins = ["sphinx.testing.fixtures"]

TESTS = Path(__file__).parent
ROOTS = TESTS / "roots"
REPO = TESTS.parent
# The MyST syntax extensions the explainer's conf.py enables, read as the checks read them.
MYST = Project(REPO).myst_extensions()


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where Sphinx's ``@pytest.mark.sphinx(testroot=...)`` finds ``test-<name>`` projects."""
    return ROOTS


def copy_project(name: str, dest: Path) -> Path:
    """Copy the fixture project ``tests/roots/test-<name>`` to ``dest`` and return its root."""
    target = dest / name
    shutil.copytree(ROOTS / f"test-{name}", target)
    return target


@pytest.fixture
def basic_project(tmp_path: Path) -> Path:
    """A writable copy of the small ``basic`` project (docs/ with conf.py, facts/)."""
    return copy_project("basic", tmp_path)
