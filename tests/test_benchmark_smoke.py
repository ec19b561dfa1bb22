"""The benchmark, at a tiny size: it runs end to end and its correctness claims hold (no timings)."""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))

import generate
import run


def test_generator_is_deterministic_and_clean(tmp_path: Path) -> None:
    a = generate.generate(tmp_path / "a", pages=3, facts=30)
    b = generate.generate(tmp_path / "b", pages=3, facts=30)
    assert a == b
    files = sorted(p.relative_to(tmp_path / "a").as_posix() for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path / "b").as_posix() for p in (tmp_path / "b").rglob("*") if p.is_file())
    for name in files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert {"docs/conf.py", "docs/benchstub.py", "docs/facts.md", "docs/index.md", "facts/sources-1.yaml"} <= set(files)


@pytest.mark.slow
def test_tiny_benchmark_run(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setitem(run.SIZES, "tiny", (3, 40))
    result = run.run_size("tiny", tmp_path, parallel=False)
    # the synthetic prose agrees with the synthetic registry
    assert result["check_findings"]["errors"] == 0 and result["check_findings"]["references"] == 36
    assert result["check_peak_mb"] > 0 and result["full"]["stub"]["cpu_s"] > 0
    inc = result["incremental"]
    # editing one fact re-reads exactly the pages that use it and the facts page; touching a page, that page
    assert inc["exact"], inc
    assert inc["reread"] == inc["expected"]
    assert inc["touch"]["ext"]["reread"] == inc["touch"]["stub"]["reread"] == [inc["page"]]
    # the stub re-reads the pages that use the fact; MyST substitutions re-read every page (conf.py changed)
    assert inc["edit"]["stub"]["reread"] == [p for p in inc["expected"] if p != "facts"]
    assert len(inc["edit"]["myst"]["reread"]) == result["pages"] - 1  # every page: it has no facts page
    # the sphinx-needs anchor runs where the optional `bench` extra is installed, and says so where not
    if run.needs_available():
        assert result["full"]["needs"]["cpu_s"] > 0 and "needs" not in result["skipped"]
    else:
        assert "not installed" in result["skipped"]["needs"] and "needs" not in result["full"]
    assert "| full build |" in run.table(result)


def test_lsp_latency_benchmark_runs_end_to_end(tmp_path: Path, monkeypatch) -> None:
    import lsp_latency

    monkeypatch.setattr(lsp_latency, "EDITS_PER_PAGE", 2)
    monkeypatch.setattr(lsp_latency, "ROUND_TRIPS", 3)
    # in a thread of its own: the benchmark runs its LSP client with asyncio.run(), and the browser
    # tests' Playwright may keep an event loop running in this worker's main thread
    with ThreadPoolExecutor(max_workers=1) as pool:
        result = pool.submit(lsp_latency.run_size, "tiny", tmp_path).result()
    assert result["pages"] == 7 and result["facts"] >= 50
    # every edit was re-checked in process, and every round trip got its diagnostics back
    assert result["recheck_cpu"]["samples"] == 2 * 5
    assert result["round_trip_wall"]["samples"] == 3
    assert result["round_trip_wall"]["median_ms"] > 0
