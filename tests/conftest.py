"""Shared test fixtures: Sphinx's own testing fixtures, fixture projects under tests/roots/, the real
explainer built once per run (shared by every xdist worker), and the markers for tests that need
system tools beyond Python (LuaLaTeX and Poppler, Chromium)."""

from __future__ import annotations

import dataclasses
import fcntl
import functools
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from checks.project import Project

pytest_plugins = ["sphinx.testing.fixtures"]

TESTS = Path(__file__).parent
ROOTS = TESTS / "roots"
REPO = TESTS.parent
# The MyST syntax extensions the explainer's conf.py enables, read as the checks read them.
MYST = Project(REPO).myst_extensions()
ENSURE = REPO / "tools" / "ensure-system-packages"

# marker -> (what the tests do with it, the components of tools/ensure-system-packages they need)
SYSTEM_NEEDS = {
    "needs_pdf": ("build the PDF with LuaLaTeX and read it back with Poppler", ("pdf", "poppler")),
    "needs_chromium": ("drive Chromium", ("chromium",)),
}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "needs_pdf: builds the PDF (LuaLaTeX, fonts, Poppler); skipped without them")
    config.addinivalue_line("markers", "needs_chromium: runs Chromium; skipped without it")
    config.addinivalue_line("markers", "slow: takes more than a few seconds (deselect with -m 'not slow')")


# The modules that take longest (from `make test`'s --durations), longest first. With xdist's
# --dist loadscope a module runs on one worker, and modules go to the workers in the order they are
# collected: starting the long ones first lets the many short ones fill in at the end, instead of
# one long module running alone while the other workers sit idle. Only the order depends on this.
LONGEST_FIRST = ["test_browser.py", "test_pdf.py", "test_release.py", "test_lsp.py", "test_cli.py",
                 "test_broken_registry.py", "test_benchmark_smoke.py", "test_recheck.py"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that builds the PDF or drives Chromium is slow too; the longest modules go first."""
    for item in items:
        if any(item.get_closest_marker(marker) for marker in SYSTEM_NEEDS):
            item.add_marker(pytest.mark.slow)
    rank = {name: n for n, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: the rest as collected


@functools.cache
def missing_system_tools(components: tuple[str, ...]) -> str | None:
    """The script's one-line report of what is missing (with the install command), or None.

    The script looks for the real commands on PATH, so hiding them from PATH is how to try the
    skip path on a machine that has them."""
    result = subprocess.run([str(ENSURE), "--check", *components], capture_output=True, text=True)
    return None if result.returncode == 0 else result.stderr.strip()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Skip a test whose system tools are missing, with what is missing and how to install it; under
    CI=true fail it instead: CI must run every test."""
    for marker, (purpose, components) in SYSTEM_NEEDS.items():
        if item.get_closest_marker(marker) is None:
            continue
        missing = missing_system_tools(components)
        if missing is None:
            continue
        reason = f"these tests {purpose}; {missing}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true, so nothing may be skipped: {reason}", pytrace=False)
        pytest.skip(reason)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where Sphinx's ``@pytest.mark.sphinx(testroot=...)`` finds ``test-<name>`` projects."""
    return ROOTS


def copy_project(name: str, dest: Path) -> Path:
    """Copy the fixture project ``tests/roots/test-<name>`` to ``dest`` and return its root."""
    target = dest / name
    shutil.copytree(ROOTS / f"test-{name}", target)
    return target


def build_reading(make_app, project: Path, builder: str = "html", fresh: bool = False) -> tuple[list[str], str]:
    """Build with Sphinx's test app; return the pages read (sorted) and the warnings."""
    app = make_app(builder, srcdir=project / "docs", freshenv=fresh)
    read: list[str] = []
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    try:
        app.build()
    finally:
        app.cleanup()
    return sorted(read), app._warning.getvalue()


@pytest.fixture
def basic_project(tmp_path: Path) -> Path:
    """A writable copy of the small ``basic`` project (docs/ with conf.py, facts/)."""
    return copy_project("basic", tmp_path)


@dataclasses.dataclass(frozen=True)
class BuiltSite:
    """A finished Sphinx build: its output folder, exit status and what it printed on stderr."""
    outdir: Path
    status: int
    stderr: str


def _shared_dir(config: pytest.Config, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder every xdist worker of this run sees (the run's own basetemp without xdist)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if hasattr(config, "workerinput") else base


def build_once(config: pytest.Config, tmp_path_factory: pytest.TempPathFactory, name: str,
               args: list[str]) -> BuiltSite:
    """``sphinx-build ARGS OUTDIR`` run once per test run, whichever worker asks first; the others
    wait for it (a file lock) and read the same output."""
    folder = _shared_dir(config, tmp_path_factory) / f"shared-{name}"
    folder.mkdir(parents=True, exist_ok=True)
    result = folder / "result.json"
    with open(folder / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not result.exists():
            out = folder / "out"
            done = subprocess.run([sys.executable, "-m", "sphinx", *args, "-d", str(folder / "doctrees"), str(out)],
                                  capture_output=True, text=True, timeout=900)
            result.write_text(json.dumps({"status": done.returncode, "stderr": done.stderr}), encoding="utf-8")
        data = json.loads(result.read_text(encoding="utf-8"))
    return BuiltSite(folder / "out", data["status"], data["stderr"])


@pytest.fixture(scope="session")
def explainer_html(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The real explainer built strictly, as ``make html`` does: once for the whole run."""
    return build_once(request.config, tmp_path_factory, "explainer-html",
                      ["-E", "-W", "--keep-going", "-n", "-q", "-c", str(REPO), "-b", "html", str(REPO / "docs")])
