"""Hostile and broken input: every broken project gives one located line and an exit code, never a
traceback and never a hang.

The corpus is ``tests/broken/<case>/`` (``facts/*.yaml``, ``docs/index.md``, ``expected.txt``).
``expected.txt`` holds ``exit N`` on its first line, then the lines the output must contain: each
must begin an output line (so the exact ``file:line`` and the start of the message are fixed, while
a hint at the end may be reworded). For exit 2 the first expected line must be the *first* line of
the report: the real problem comes first, not a consequence of it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import REPO, TESTS

BROKEN = TESTS / "broken"
CASES = sorted(p.name for p in BROKEN.iterdir() if (p / "expected.txt").is_file())
TIMEOUT = 60


def run_factcheck(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checks", "check", "--root", str(root)], cwd=REPO,
                          capture_output=True, text=True, timeout=TIMEOUT)


def read_expected(case: str) -> tuple[int, list[str]]:
    first, *lines = (BROKEN / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert first.startswith("exit "), f"{case}/expected.txt must start with 'exit N'"
    return int(first.split()[1]), [line for line in lines if line.strip()]


def assert_clean_failure(result: subprocess.CompletedProcess, code: int, expected: list[str]) -> None:
    output = result.stderr + result.stdout
    assert "Traceback" not in output, output
    assert result.returncode == code, output
    out_lines = output.splitlines()
    for want in expected:
        assert any(line.startswith(want) for line in out_lines), f"missing {want!r} in:\n{output}"
    if code == 2:
        # The report comes on stdout like any other; its first line is the root cause, and no
        # finding follows from it (the pages' references to the broken file's ids are not reported).
        out = result.stdout.splitlines()
        assert out and out[0].startswith(expected[0]), output
        assert not any(" ref.unknown: " in line for line in out), output


def test_corpus_is_there() -> None:
    assert len(CASES) >= 20


@pytest.fixture(scope="module")
def corpus_results() -> dict[str, subprocess.CompletedProcess]:
    """Run the command over every case, a few processes at a time (each is mostly start-up)."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = pool.map(lambda case: run_factcheck(BROKEN / case), CASES)
        return dict(zip(CASES, results))


@pytest.mark.parametrize("case", CASES)
@pytest.mark.slow
def test_broken_project(case: str, corpus_results) -> None:
    code, expected = read_expected(case)
    assert_clean_failure(corpus_results[case], code, expected)


def test_tagged_yaml_ran_nothing() -> None:
    """The python/object tag in the corpus would create a file if anything constructed it."""
    marker = Path("/tmp/factcheck-pwned")
    marker.unlink(missing_ok=True)
    run_factcheck(BROKEN / "yaml-python-tag")
    assert not marker.exists()


def _many_records(target_bytes: int) -> str:
    record = ("- id: person-{i}\n  kind: person\n  label: Person number {i}\n  name: Person {i}\n"
              "  sources: [src-a]\n  status: unverified\n  note: " + "x" * 80 + "\n")
    chunks, size, i = [], 0, 0
    while size < target_bytes:
        chunk = record.format(i=i)
        chunks.append(chunk)
        size += len(chunk)
        i += 1
    return "".join(chunks)


def test_ten_megabyte_registry_is_refused_at_once(tmp_path: Path) -> None:
    """A 10 MB file would take about 600 MB to parse: refused before it is read."""
    root = tmp_path / "big"
    shutil.copytree(BROKEN / "empty-page", root)
    (root / "facts" / "big.yaml").write_text(_many_records(10 * 2**20), encoding="utf-8")
    result = run_factcheck(root)
    assert_clean_failure(result, 2, ["facts/big.yaml:1: error registry.invalid: file is 10.0 MB, over the 4 MB limit"])


@pytest.mark.slow
def test_large_registry_error_located_exactly(tmp_path: Path) -> None:
    """A 1 MB file with a syntax error on its last line: the line is exact."""
    root = tmp_path / "large"
    shutil.copytree(BROKEN / "empty-page", root)
    text = _many_records(2**20)
    bad_line = text.count("\n") + 2
    (root / "facts" / "large.yaml").write_text(text + "- id: broken\n  label: a: b\n", encoding="utf-8")
    result = run_factcheck(root)
    assert_clean_failure(result, 2, [f"facts/large.yaml:{bad_line}: error registry.invalid: malformed YAML"])


def test_billion_laughs_is_refused_quickly(tmp_path: Path) -> None:
    """Nested aliases would expand to 10**9 strings; the loader refuses the first alias."""
    root = tmp_path / "laughs"
    shutil.copytree(BROKEN / "empty-page", root)
    lines = ["- id: lol", "  kind: person", "  label: lol", "  name: lol", "  sources: [src-a]",
             "  status: unverified", "  variants:", "    accepted: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for n in range(1, 9):
        lines.append(f"    rejected{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]")
    (root / "facts" / "lol.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_factcheck(root)
    assert_clean_failure(result, 2, ["facts/lol.yaml:9: error registry.invalid: anchors and aliases"])


# -- the same corpus through the Sphinx build: warnings at the same place, no crash --------------
CONF = """extensions = ["myst_parser", "checks.sphinx_ext"]
myst_enable_extensions = ["colon_fence", "deflist", "smartquotes"]
"""


@pytest.mark.parametrize("case", [c for c in CASES if read_expected(c)[0] != 0])
def test_broken_project_builds_with_located_warning(case: str, tmp_path: Path, make_app) -> None:
    code, expected = read_expected(case)
    root = tmp_path / case
    shutil.copytree(BROKEN / case, root)
    (root / "docs" / "conf.py").write_text(CONF + f"factcheck_root = {str(root)!r}\n", encoding="utf-8")
    app = make_app("dummy", srcdir=root / "docs")
    app.build()
    warnings = app.warning.getvalue()
    assert "Traceback" not in warnings
    # facts/x.yaml:5 or docs/index.md:4 (Sphinx warnings give the line, not the column)
    place = ":".join(expected[0].split(": ", 1)[0].split(":")[:2])
    assert f"{root / place}:" in warnings, warnings  # Sphinx prints the absolute path
